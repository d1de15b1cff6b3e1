using BRoute.Monitoring;
using BRoute.Storage.Schema;

namespace BRoute.Storage.Tables;

/// <summary>A stored meter: its identity (as last learned) and when it was first and last seen.</summary>
public sealed record StoredMeter(MeterIdentity Identity, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

/// <summary>The meters table.</summary>
public sealed class MeterTable
{
    private const string Columns =
        "id, maker_code, serial_number, standard_version, coefficient, kwh_per_count, effective_digits, measures_export, single_phase_two_wire, first_seen, last_seen";

    private readonly MeterStore _store;

    internal MeterTable(MeterStore store) => _store = store;

    /// <summary>Every meter the store knows, by id.</summary>
    public async Task<IReadOnlyList<StoredMeter>> AllAsync(CancellationToken cancellationToken)
        => await Query.ListAsync(_store, $"SELECT {Columns} FROM meters ORDER BY id", Map, cancellationToken).ConfigureAwait(false);

    /// <summary>One meter, or null when the store never saw it.</summary>
    public async Task<StoredMeter?> GetAsync(string meterId, CancellationToken cancellationToken)
        => (await Query.ListAsync(_store, $"SELECT {Columns} FROM meters WHERE id = $id", Map, cancellationToken, ("$id", meterId)).ConfigureAwait(false))
            .FirstOrDefault();

    /// <summary>Stores what is known of a meter's identity (fields the new copy lacks keep their stored value).</summary>
    /// <returns>The names of the scale fields (coefficient, unit, digits) whose known value changed; an event is recorded for them.</returns>
    public Task<IReadOnlyList<string>> UpsertAsync(MeterIdentity meter, CancellationToken cancellationToken)
        => _store.WriteAsync(scope => Upsert(scope, meter, scope.Now), cancellationToken);

    internal static IReadOnlyList<string> Upsert(WriteScope scope, MeterIdentity meter, DateTimeOffset at)
    {
        var key = scope.MeterKey(meter.Id);
        var changed = new List<string>();
        using (var command = scope.Command("SELECT coefficient, kwh_per_count, effective_digits FROM meters WHERE key = $key", ("$key", key)))
        using (var reader = command.ExecuteReader())
        {
            if (reader.Read())
            {
                var unit = reader.Text(1);
                if (reader.Long(0) is long c && meter.Coefficient is uint nc && c != nc)
                {
                    changed.Add($"coefficient {c} → {nc}");
                }

                if (unit is not null && meter.KwhPerCount is decimal nk && DbValues.Kwh(unit) != nk)
                {
                    changed.Add($"kwh_per_count {unit} → {DbValues.Kwh(nk)}");
                }

                if (reader.Long(2) is long d && meter.EffectiveDigits is byte nd && d != nd)
                {
                    changed.Add($"effective_digits {d} → {nd}");
                }
            }
        }

        scope.Execute(
            """
            UPDATE meters SET
                maker_code = coalesce($maker, maker_code),
                serial_number = coalesce($serial, serial_number),
                standard_version = coalesce($standard, standard_version),
                coefficient = coalesce($coefficient, coefficient),
                kwh_per_count = coalesce($unit, kwh_per_count),
                effective_digits = coalesce($digits, effective_digits),
                measures_export = $export,
                single_phase_two_wire = $twoWire,
                last_seen = max(last_seen, $at)
            WHERE key = $key
            """,
            ("$key", key),
            ("$maker", meter.MakerCode),
            ("$serial", meter.SerialNumber),
            ("$standard", meter.StandardVersion),
            ("$coefficient", meter.Coefficient is uint co ? (long)co : null),
            ("$unit", meter.KwhPerCount is decimal k ? DbValues.Kwh(k) : null),
            ("$digits", meter.EffectiveDigits is byte dg ? (long)dg : null),
            ("$export", meter.MeasuresExport ? 1 : 0),
            ("$twoWire", meter.SinglePhaseTwoWire ? 1 : 0),
            ("$at", DbValues.Time(at)));
        return changed;
    }

    /// <summary>Marks the meter seen at <paramref name="at"/>.</summary>
    internal static void Touch(WriteScope scope, long key, DateTimeOffset at)
        => scope.Execute("UPDATE meters SET last_seen = max(last_seen, $at) WHERE key = $key", ("$key", key), ("$at", DbValues.Time(at)));

    private static StoredMeter Map(Microsoft.Data.Sqlite.SqliteDataReader r)
    {
        var identity = new MeterIdentity(
            r.GetString(0),
            r.Text(1),
            r.Text(2),
            r.Text(3),
            r.Long(4) is long c ? checked((uint)c) : null,
            r.Text(5) is string k ? DbValues.Kwh(k) : null,
            r.Long(6) is long d ? checked((byte)d) : null,
            r.GetInt64(7) != 0,
            r.GetInt64(8) != 0);
        return new StoredMeter(identity, DbValues.Time(r.GetInt64(9)), DbValues.Time(r.GetInt64(10)));
    }
}
