using System.Globalization;
using BRoute.Cli.Output;
using BRoute.EchonetLite.Meter;
using BRoute.History;
using BRoute.Session;

namespace BRoute.Cli.History;

/// <summary>
/// One 30-minute slot of <c>broute history</c>: the cumulative registers at that time (kWh, the
/// meter's resolution kept) and a status: "ok" (every given reading has data), "no_data" (none
/// has), "partial" (normal or reverse is missing). kwh_reverse is empty for a meter without reverse
/// metering, or when it had no data.
/// </summary>
internal sealed record HistoryCsvRow(DateTimeOffset Timestamp, decimal? KwhNormal, decimal? KwhReverse, string Status)
{
    public const string Ok = "ok";
    public const string NoData = "no_data";
    public const string Partial = "partial";

    /// <summary>The meter's time zone: the CSV writes every timestamp with +09:00.</summary>
    public static readonly TimeSpan Jst = MeterClock.Offset;

    /// <summary>The slot's day in JST.</summary>
    public DateOnly Day => DateOnly.FromDateTime(Timestamp.ToOffset(Jst).DateTime);

    /// <summary>
    /// A row from the raw E2 (and E4) slot of one time, scaled with D3/E1.
    /// </summary>
    /// <exception cref="ArgumentException">The unit (E1) is unknown (kWh cannot be computed), or the slots' times differ.</exception>
    public static HistoryCsvRow FromSlots(SlotReading normal, SlotReading? reverse, EnergyScale scale)
    {
        if (!scale.IsUnitKnown)
        {
            throw new ArgumentException("the meter's unit (E1) is unknown, so history cannot be written in kWh; read E1 first", nameof(scale));
        }

        if (reverse is { } r && r.At != normal.At)
        {
            throw new ArgumentException($"normal slot {normal.At:O} and reverse slot {r.At:O} are not the same time", nameof(reverse));
        }

        var kwhNormal = Kwh(normal.Raw, scale);
        var kwhReverse = reverse is { } rev ? Kwh(rev.Raw, scale) : null;
        var given = reverse is null ? 1 : 2;
        var withData = (kwhNormal is null ? 0 : 1) + (reverse is null || kwhReverse is null ? 0 : 1);
        var status = withData == given ? Ok : withData == 0 ? NoData : Partial;
        return new HistoryCsvRow(normal.At.ToOffset(Jst), kwhNormal, kwhReverse, status);
    }

    /// <summary>
    /// The 48 rows of a day the session read (E2, and E4 when the meter measures reverse flow), oldest first;
    /// nothing for a day that is not <see cref="DayHistoryStatus.Complete"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The unit is unknown, or the reverse slots do not line up with the normal ones.</exception>
    public static IReadOnlyList<HistoryCsvRow> FromDay(DayHistory day, EnergyScale scale)
    {
        ArgumentNullException.ThrowIfNull(day);
        if (day.Status != DayHistoryStatus.Complete)
        {
            return [];
        }

        if (day.Reverse is { } reverse && reverse.Count != day.Normal.Count)
        {
            throw new ArgumentException($"day {day.Day:yyyy-MM-dd} has {day.Normal.Count} normal but {reverse.Count} reverse slots", nameof(day));
        }

        var rows = new List<HistoryCsvRow>(day.Normal.Count);
        for (var k = 0; k < day.Normal.Count; k++)
        {
            var normal = day.Normal[k];
            SlotReading? back = day.Reverse is { } r ? new SlotReading(r[k].At, r[k].Energy.Raw) : null;
            rows.Add(FromSlots(new SlotReading(normal.At, normal.Energy.Raw), back, scale));
        }

        return rows;
    }

    /// <summary>"2026-01-15T00:30:00+09:00".</summary>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.ToOffset(Jst).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The CSV record with its CR LF.</summary>
    public string ToCsv() => CsvText.Record(
        FormatTimestamp(Timestamp),
        KwhNormal?.ToString(CultureInfo.InvariantCulture),
        KwhReverse?.ToString(CultureInfo.InvariantCulture),
        Status);

    /// <summary>Parses one record (without its line end) written by <see cref="ToCsv"/>.</summary>
    public static bool TryParse(string line, out HistoryCsvRow? row, out string? problem)
    {
        row = null;
        if (!CsvText.TryParseRecord(line, out var fields) || fields.Count != 4)
        {
            problem = "not 4 comma-separated fields";
            return false;
        }

        if (!DateTimeOffset.TryParseExact(fields[0], "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            problem = "the timestamp is not ISO 8601 with an offset";
            return false;
        }

        if (!TryNumber(fields[1], out var normal) || !TryNumber(fields[2], out var reverse))
        {
            problem = "a kWh field is not a number";
            return false;
        }

        if (fields[3] is not (Ok or NoData or Partial))
        {
            problem = "the status is not ok, no_data or partial";
            return false;
        }

        row = new HistoryCsvRow(at, normal, reverse, fields[3]);
        problem = null;
        return true;
    }

    private static decimal? Kwh(uint? raw, EnergyScale scale) => raw is uint count ? scale.ToKwh(count) : null;

    private static bool TryNumber(string text, out decimal? value)
    {
        value = null;
        if (text.Length == 0)
        {
            return true;
        }

        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v))
        {
            value = v;
            return true;
        }

        return false;
    }
}
