using BRoute.Monitoring;
using BRoute.Storage.Schema;

namespace BRoute.Storage.Tables;

/// <summary>The known half-hour deltas of one JST day, summed: the unit the daily and monthly totals are built from.</summary>
internal readonly record struct DaySum(decimal ImportKwh, int ImportSlots, decimal ExportKwh, int ExportSlots);

/// <summary>What the day sums depend on besides the rows: the meter's unit and digits, and its latest change sequence.</summary>
internal sealed record StoredScale(long Key, long? Digits, string? KwhPerCount, long? Coefficient, long Sequence);

/// <summary>
/// Day sums of a meter's half-hour deltas. <see cref="ReadAsync"/> lets SQLite do it in one pass with no row mapping:
/// the delta of each slot to the slot 30 minutes earlier by the rule of <see cref="HalfHourConsumption.Between"/> (down
/// means one wrap, at the meter's <see cref="MeterIdentity.WrapKwh"/>, computed once here), rounded to a whole number
/// of 10^-4 kWh — exact, because every register is a multiple of the meter's unit (E1 × D3, at finest 0.0001 kWh) —
/// and summed per JST day. Where the unit is not known (or is finer), <see cref="FromRowsAsync"/> sums the rows in decimal.
/// </summary>
internal static class DaySums
{
    private const long Scale = 10_000;        // 10^-4 kWh: E1's finest unit
    private const long ExactBelow = 1L << 46; // registers × 10^4 where a double's rounding stays far below 1/2
    private static readonly long JstMs = (long)DbValues.Jst.TotalMilliseconds;
    private static readonly int EpochDay = new DateOnly(1970, 1, 1).DayNumber;

    // The delta of each slot whose slot before is stored (an inner join: with no slot before there is no delta), as
    // a whole number of 10^-4 kWh; down means one wrap unless the register before was at or above it.
    private const string Sql =
        """
        SELECT day,
               total(CASE WHEN di >= 0 THEN round(di * $scale) WHEN pi < $wrap THEN round((di + $wrap) * $scale) END),
               count(CASE WHEN di >= 0 OR pi < $wrap THEN 1 END),
               total(CASE WHEN de >= 0 THEN round(de * $scale) WHEN pe < $wrap THEN round((de + $wrap) * $scale) END),
               count(CASE WHEN de >= 0 OR pe < $wrap THEN 1 END)
        FROM (
            SELECT (h.slot_end - 1800000 + $jst) / 86400000 AS day,
                   CASE WHEN h.import_status = 'ok' AND p.import_status = 'ok' THEN h.import_kwh - p.import_kwh END AS di,
                   CASE WHEN h.export_status = 'ok' AND p.export_status = 'ok' THEN h.export_kwh - p.export_kwh END AS de,
                   CASE WHEN $wrap IS NOT NULL AND h.import_status = 'ok' AND p.import_status = 'ok' THEN p.import_kwh + 0.0 END AS pi,
                   CASE WHEN $wrap IS NOT NULL AND h.export_status = 'ok' AND p.export_status = 'ok' THEN p.export_kwh + 0.0 END AS pe
            FROM half_hours h JOIN half_hours p ON p.meter = h.meter AND p.slot_end = h.slot_end - 1800000
            WHERE h.meter = $key AND h.slot_end > $from AND h.slot_end <= $to)
        GROUP BY day
        """;

    /// <summary>The meter's row key, identity (for the unit and wrap) and latest change sequence; null when the store never saw it.</summary>
    public static async Task<StoredScale?> ScaleAsync(MeterStore store, string meterId, CancellationToken cancellationToken)
        => (await Query.ListAsync(
            store,
            """
            SELECT key, effective_digits, kwh_per_count, coefficient, (SELECT coalesce(max(seq), 0) FROM half_hours WHERE meter = m.key)
            FROM meters m WHERE id = $meter
            """,
            r => new StoredScale(r.GetInt64(0), r.Long(1), r.Text(2), r.Long(3), r.GetInt64(4)),
            cancellationToken,
            ("$meter", meterId)).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>Whether SQL's whole 10^-4 kWh are exact for this meter: its unit (E1 × D3) is a multiple of 10^-4 kWh.</summary>
    public static bool SqlIsExact(StoredScale scale)
    {
        if (scale.KwhPerCount is null)
        {
            return false;
        }

        var unit = DbValues.Kwh(scale.KwhPerCount) * (scale.Coefficient ?? 1) * Scale;
        return unit == decimal.Truncate(unit) && !(Wrap(scale) * Scale >= ExactBelow);
    }

    /// <summary>Day sums for [<paramref name="first"/>, <paramref name="end"/>) by SQL (only where <see cref="SqlIsExact"/>).</summary>
    public static async Task<Dictionary<DateOnly, DaySum>> ReadAsync(MeterStore store, StoredScale scale, DateOnly first, DateOnly end, CancellationToken cancellationToken)
    {
        var rows = await Query.ListAsync(
            store,
            Sql,
            r => (Day: r.GetInt64(0), Import: r.GetDouble(1), ImportSlots: r.GetInt32(2), Export: r.GetDouble(3), ExportSlots: r.GetInt32(4)),
            cancellationToken,
            ("$key", scale.Key),
            ("$scale", (double)Scale),
            ("$wrap", Wrap(scale) is decimal wrap ? (double)wrap : null),
            ("$jst", JstMs),
            ("$from", DbValues.Time(Midnight(first))),
            ("$to", DbValues.Time(Midnight(end)))).ConfigureAwait(false);
        var days = new Dictionary<DateOnly, DaySum>(rows.Count);
        foreach (var row in rows)
        {
            days[DateOnly.FromDayNumber(EpochDay + (int)row.Day)] = new DaySum(
                (decimal)(long)row.Import / Scale, row.ImportSlots, (decimal)(long)row.Export / Scale, row.ExportSlots);
        }

        return days;
    }

    /// <summary>The slot ends whose rows changed after <paramref name="afterSequence"/> (the store numbers every insert and change).</summary>
    public static Task<List<long>> ChangedSlotsAsync(MeterStore store, long meterKey, long afterSequence, CancellationToken cancellationToken)
        => Query.ListAsync(
            store,
            "SELECT slot_end FROM half_hours WHERE meter = $key AND seq > $after",
            r => r.GetInt64(0),
            cancellationToken,
            ("$key", meterKey),
            ("$after", afterSequence));

    /// <summary>The JST day a slot end belongs to (its slot's start): 00:30 … 24:00 are one day.</summary>
    public static DateOnly DayOf(long slotEndMs) => DateOnly.FromDayNumber(EpochDay + (int)((slotEndMs - 1_800_000 + JstMs) / 86_400_000));

    /// <summary>Day sums for [<paramref name="first"/>, <paramref name="end"/>) from the rows, in decimal.</summary>
    public static async Task<Dictionary<DateOnly, DaySum>> FromRowsAsync(MeterStore store, string meterId, DateOnly first, DateOnly end, CancellationToken cancellationToken)
    {
        var days = new Dictionary<DateOnly, DaySum>();
        await foreach (var row in store.HalfHours.ValuesAsync(meterId, Midnight(first) + DbValues.Slot, Midnight(end), cancellationToken).ConfigureAwait(false))
        {
            var day = DateOnly.FromDateTime((row.SlotEnd - DbValues.Slot).ToOffset(DbValues.Jst).DateTime);
            var sum = days.GetValueOrDefault(day);
            days[day] = new DaySum(
                sum.ImportKwh + (row.ImportDeltaKwh ?? 0),
                sum.ImportSlots + (row.ImportDeltaKwh is null ? 0 : 1),
                sum.ExportKwh + (row.ExportDeltaKwh ?? 0),
                sum.ExportSlots + (row.ExportDeltaKwh is null ? 0 : 1));
        }

        return days;
    }

    private static decimal? Wrap(StoredScale scale) => new MeterIdentity(
        "", null, null, null, scale.Coefficient is long c ? (uint)c : null, scale.KwhPerCount is string k ? DbValues.Kwh(k) : null, scale.Digits is long d ? (byte)d : null, false, false).WrapKwh;

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), DbValues.Jst);
}
