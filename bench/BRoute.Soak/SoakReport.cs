using System.Globalization;
using System.Text;

namespace BRoute.Soak;

/// <summary>One stored half-hour that differs from the meter's truth.</summary>
public sealed record SoakMismatch(DateTimeOffset SlotEnd, decimal TruthImportKwh, decimal? TruthExportKwh, string Stored);

/// <summary>What a soak did and found.</summary>
public sealed record SoakReport
{
    public required int Days { get; init; }

    /// <summary>Faults the simulator injected, by kind (its counters, summed over every simulator process), and the incidents.</summary>
    public required IReadOnlyDictionary<string, long> Faults { get; init; }

    /// <summary>The meter's half-hours compared with the store: its whole history window up to the last settled slot.</summary>
    public required int HalfHoursChecked { get; init; }

    /// <summary>Half-hours the meter holds that the store lacks.</summary>
    public required IReadOnlyList<DateTimeOffset> Missing { get; init; }

    /// <summary>Stored half-hours whose import or export differs from the meter's (or lacks the export).</summary>
    public required IReadOnlyList<SoakMismatch> Mismatched { get; init; }

    /// <summary>Managed heap after a full collection, at the end of each simulated day (bytes).</summary>
    public required IReadOnlyList<long> MemoryByDay { get; init; }

    public long MemoryFirstDay => MemoryByDay.Count > 0 ? MemoryByDay[0] : 0;

    public long MemoryLastDay => MemoryByDay.Count > 0 ? MemoryByDay[^1] : 0;

    public required TimeSpan RealTime { get; init; }

    /// <summary>Reconnects counted by the monitors, Gets the meter answered, sessions the simulator saw.</summary>
    public required string Activity { get; init; }

    public override string ToString()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"days:                {Days}");
        text.AppendLine(c, $"faults applied:      {string.Join(", ", Faults.Where(f => f.Value > 0).Select(f => $"{f.Key} {f.Value}"))}");
        text.AppendLine(c, $"activity:            {Activity}");
        text.AppendLine(c, $"half-hours checked:  {HalfHoursChecked}");
        text.AppendLine(c, $"missing:             {Missing.Count}{(Missing.Count > 0 ? " (" + string.Join(", ", Missing.Take(10).Select(m => m.ToString("MM-dd HH:mm", c))) + ")" : string.Empty)}");
        text.AppendLine(c, $"mismatched:          {Mismatched.Count}{(Mismatched.Count > 0 ? " (" + string.Join("; ", Mismatched.Take(5)) + ")" : string.Empty)}");
        text.AppendLine(c, $"managed memory:      first day {Mb(MemoryFirstDay)}, last day {Mb(MemoryLastDay)} (by day: {string.Join(" ", MemoryByDay.Select(b => (b / 1048576.0).ToString("0.0", c)))})");
        text.Append(c, $"real time:           {RealTime.TotalSeconds:0.0} s");
        return text.ToString();
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0 MB", CultureInfo.InvariantCulture);
}
