using BRoute.Storage.Schema;

namespace BRoute.Storage.Tables;

/// <summary>
/// A cumulative reading: <c>register</c> (E0/E3, read at <paramref name="At"/>) or <c>one_minute</c> (D0, taken by the
/// meter at <paramref name="MeterTime"/>). A null kWh is a direction not read, or "no data".
/// </summary>
public sealed record StoredEnergyReading(string MeterId, string Kind, DateTimeOffset At, DateTimeOffset? MeterTime, decimal? ImportKwh, decimal? ExportKwh, string Source);

/// <summary>The energy_readings table (kept as long as raw samples; the half-hours keep the registers forever).</summary>
public sealed class EnergyReadingTable
{
    /// <summary>E0/E3 read by Get or announced.</summary>
    public const string Register = "register";

    /// <summary>D0: the meter's one-minute cumulative.</summary>
    public const string OneMinute = "one_minute";

    private readonly MeterStore _store;

    internal EnergyReadingTable(MeterStore store) => _store = store;

    /// <summary>The meter's readings with <c>at</c> in [from, to], oldest first.</summary>
    public async Task<IReadOnlyList<StoredEnergyReading>> RangeAsync(string meterId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        => await Query.ListAsync(
            _store,
            """
            SELECT m.id, e.kind, e.at, e.meter_time, e.import_kwh, e.export_kwh, e.source
            FROM energy_readings e JOIN meters m ON m.key = e.meter
            WHERE m.id = $meter AND e.at BETWEEN $from AND $to ORDER BY e.at, e.kind
            """,
            r => new StoredEnergyReading(
                r.GetString(0),
                r.GetString(1),
                DbValues.Time(r.GetInt64(2)),
                r.Long(3) is long mt ? DbValues.Time(mt) : null,
                r.Text(4) is string i ? DbValues.Kwh(i) : null,
                r.Text(5) is string e ? DbValues.Kwh(e) : null,
                r.GetString(6)),
            cancellationToken,
            ("$meter", meterId),
            ("$from", DbValues.Time(from)),
            ("$to", DbValues.Time(to))).ConfigureAwait(false);

    internal static void Upsert(WriteScope scope, long meterKey, string kind, DateTimeOffset at, DateTimeOffset? meterTime, decimal? import, decimal? export, string source)
        => scope.Execute(
            """
            INSERT INTO energy_readings (meter, kind, at, meter_time, import_kwh, export_kwh, source) VALUES ($meter, $kind, $at, $mt, $i, $e, $source)
            ON CONFLICT (meter, kind, at) DO UPDATE SET
                meter_time = coalesce(excluded.meter_time, meter_time),
                import_kwh = coalesce(excluded.import_kwh, import_kwh),
                export_kwh = coalesce(excluded.export_kwh, export_kwh)
            """,
            ("$meter", meterKey),
            ("$kind", kind),
            ("$at", DbValues.Time(at)),
            ("$mt", meterTime is DateTimeOffset t ? DbValues.Time(t) : null),
            ("$i", import is decimal i ? DbValues.Kwh(i) : null),
            ("$e", export is decimal e ? DbValues.Kwh(e) : null),
            ("$source", source));
}
