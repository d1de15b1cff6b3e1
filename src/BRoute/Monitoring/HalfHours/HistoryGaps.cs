using BRoute.History;

namespace BRoute.Monitoring;

/// <summary>A run of consecutive missing slots, first and last slot end inclusive.</summary>
/// <param name="First">The first missing slot end.</param>
/// <param name="Last">The last missing slot end of the run.</param>
/// <param name="Count">Slots in the run.</param>
public sealed record HalfHourRange(DateTimeOffset First, DateTimeOffset Last, int Count);

/// <summary>
/// What a store lacks of a meter's history window: every missing slot end in [<see cref="From"/>, <see cref="To"/>],
/// oldest first, and the same grouped by meter day (the unit E2/E4 are read in) and as ranges (for a status report).
/// </summary>
public sealed class HistoryGaps
{
    /// <param name="from">First slot end of the window.</param>
    /// <param name="to">Last slot end of the window.</param>
    /// <param name="missing">The missing slot ends (any order; kept sorted).</param>
    public HistoryGaps(DateTimeOffset from, DateTimeOffset to, IEnumerable<DateTimeOffset> missing)
    {
        ArgumentNullException.ThrowIfNull(missing);
        From = from;
        To = to;
        Missing = [.. missing.Select(MeterClock.ToMeterTime).Order()];
        ByDay = Missing.GroupBy(m => DateOnly.FromDateTime(m.DateTime)).ToDictionary(g => g.Key, g => (IReadOnlyList<DateTimeOffset>)[.. g]);
        Days = [.. ByDay.Keys.Order()];
        var ranges = new List<HalfHourRange>();
        foreach (var slot in Missing)
        {
            if (ranges.Count > 0 && slot - ranges[^1].Last == HistorySlots.SlotLength)
            {
                ranges[^1] = ranges[^1] with { Last = slot, Count = ranges[^1].Count + 1 };
            }
            else
            {
                ranges.Add(new HalfHourRange(slot, slot, 1));
            }
        }

        Ranges = ranges;
    }

    /// <summary>First slot end of the window.</summary>
    public DateTimeOffset From { get; }

    /// <summary>Last slot end of the window.</summary>
    public DateTimeOffset To { get; }

    /// <summary>Missing slot ends in JST, oldest first.</summary>
    public IReadOnlyList<DateTimeOffset> Missing { get; }

    /// <summary>The JST days with a missing slot, oldest first: the order the fill reads them (the oldest leaves the meter first).</summary>
    public IReadOnlyList<DateOnly> Days { get; }

    /// <summary>The missing slot ends of each day.</summary>
    public IReadOnlyDictionary<DateOnly, IReadOnlyList<DateTimeOffset>> ByDay { get; }

    /// <summary>The missing slots as runs of consecutive slots.</summary>
    public IReadOnlyList<HalfHourRange> Ranges { get; }

    /// <summary>True when nothing is missing.</summary>
    public bool IsEmpty => Missing.Count == 0;
}
