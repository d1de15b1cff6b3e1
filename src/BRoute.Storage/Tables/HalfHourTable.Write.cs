using BRoute.Monitoring;
using BRoute.Storage.Schema;

namespace BRoute.Storage.Tables;

/// <summary>What storing one copy of a half-hour did.</summary>
/// <param name="Inserted">The slot was new.</param>
/// <param name="Changed">An existing slot took a value (first export, or a kWh completing "no data").</param>
/// <param name="Conflicts">Directions where the copy disagreed with the stored value (recorded as events; the stored value stays).</param>
public readonly record struct HalfHourWrite(bool Inserted, bool Changed, int Conflicts);

public sealed partial class HalfHourTable
{
    /// <summary>Stores one copy of a slot under the merge rule (<see cref="HalfHourMerge"/>), in its own transaction.</summary>
    /// <exception cref="ArgumentException">The slot end is not on :00 or :30, or the meter id is empty.</exception>
    public Task<HalfHourWrite> UpsertAsync(HalfHour halfHour, CancellationToken cancellationToken)
        => _store.WriteAsync(scope => Upsert(scope, halfHour), cancellationToken);

    internal static HalfHourWrite Upsert(WriteScope scope, HalfHour copy)
    {
        ArgumentException.ThrowIfNullOrEmpty(copy.MeterId, nameof(copy));
        var slot = DbValues.Time(copy.SlotEnd);
        if (slot % SlotMs != 0)
        {
            throw new ArgumentException($"a half-hour's slot end must lie on :00 or :30 (was {copy.SlotEnd:O}); the copy was not stored", nameof(copy));
        }

        var key = scope.MeterKey(copy.MeterId);
        (SlotEnergy Import, string? ImportSource, SlotEnergy Export, string? ExportSource)? stored = null;
        using (var command = scope.Command(
            "SELECT import_status, import_kwh, import_source, export_status, export_kwh, export_source FROM half_hours WHERE meter = $meter AND slot_end = $slot",
            ("$meter", key),
            ("$slot", slot)))
        using (var reader = command.ExecuteReader())
        {
            if (reader.Read())
            {
                stored = (DbValues.Energy(reader.Text(0), reader.Text(1)), reader.Text(2), DbValues.Energy(reader.Text(3), reader.Text(4)), reader.Text(5));
            }
        }

        var source = DbValues.Source(copy.Source);
        if (stored is not { } s)
        {
            scope.Execute(
                """
                INSERT INTO half_hours (meter, slot_end, import_kwh, import_status, import_source, export_kwh, export_status, export_source, first_stored, updated, seq)
                VALUES ($meter, $slot, $ik, $is, $isrc, $ek, $es, $esrc, $now, $now, (SELECT coalesce(max(seq), 0) + 1 FROM half_hours WHERE meter = $meter))
                """,
                ("$meter", key),
                ("$slot", slot),
                ("$ik", copy.Import.Kwh is decimal ik ? DbValues.Kwh(ik) : null),
                ("$is", DbValues.Status(copy.Import)),
                ("$isrc", copy.Import.IsAbsent ? null : source),
                ("$ek", copy.Export.Kwh is decimal ek ? DbValues.Kwh(ek) : null),
                ("$es", DbValues.Status(copy.Export)),
                ("$esrc", copy.Export.IsAbsent ? null : source),
                ("$now", DbValues.Time(scope.Now)));
            MeterTable.Touch(scope, key, scope.Now);
            return new HalfHourWrite(Inserted: true, Changed: false, Conflicts: 0);
        }

        var import = HalfHourMerge.Merge(s.Import, copy.Import);
        var export = HalfHourMerge.Merge(s.Export, copy.Export);
        var conflicts = 0;
        if (import == HalfHourMerge.Outcome.Conflict)
        {
            RecordConflict(scope, key, copy, "import", s.Import, s.ImportSource, copy.Import);
            conflicts++;
        }

        if (export == HalfHourMerge.Outcome.Conflict)
        {
            RecordConflict(scope, key, copy, "export", s.Export, s.ExportSource, copy.Export);
            conflicts++;
        }

        var changed = import == HalfHourMerge.Outcome.Take || export == HalfHourMerge.Outcome.Take;
        if (changed)
        {
            var newImport = import == HalfHourMerge.Outcome.Take ? copy.Import : s.Import;
            var newExport = export == HalfHourMerge.Outcome.Take ? copy.Export : s.Export;
            scope.Execute(
                """
                UPDATE half_hours SET
                    import_kwh = $ik, import_status = $is, import_source = $isrc,
                    export_kwh = $ek, export_status = $es, export_source = $esrc,
                    updated = $now,
                    seq = (SELECT coalesce(max(seq), 0) + 1 FROM half_hours WHERE meter = $meter)
                WHERE meter = $meter AND slot_end = $slot
                """,
                ("$meter", key),
                ("$slot", slot),
                ("$ik", newImport.Kwh is decimal ik ? DbValues.Kwh(ik) : null),
                ("$is", DbValues.Status(newImport)),
                ("$isrc", import == HalfHourMerge.Outcome.Take ? source : s.ImportSource),
                ("$ek", newExport.Kwh is decimal ek ? DbValues.Kwh(ek) : null),
                ("$es", DbValues.Status(newExport)),
                ("$esrc", export == HalfHourMerge.Outcome.Take ? source : s.ExportSource),
                ("$now", DbValues.Time(scope.Now)));
        }

        return new HalfHourWrite(Inserted: false, Changed: changed, Conflicts: conflicts);
    }

    /// <summary>Records a disagreement the monitor saw (its <see cref="HalfHourConflictEvent"/>).</summary>
    internal static void RecordMonitorConflict(WriteScope scope, HalfHourConflictEvent conflict)
    {
        var key = scope.MeterKey(conflict.Kept.MeterId);
        EventTable.Insert(
            scope,
            key,
            conflict.At,
            StoreEventKinds.HalfHourConflict,
            null,
            Detail.Of(
                ("slot_end", conflict.Kept.SlotEnd),
                ("seen_by", "monitor"),
                ("kept_import", conflict.Kept.Import.ToString()),
                ("kept_export", conflict.Kept.Export.ToString()),
                ("kept_source", DbValues.Source(conflict.Kept.Source)),
                ("other_import", conflict.Other.Import.ToString()),
                ("other_export", conflict.Other.Export.ToString()),
                ("other_source", DbValues.Source(conflict.Other.Source))));
    }

    private static void RecordConflict(WriteScope scope, long key, HalfHour copy, string direction, SlotEnergy kept, string? keptSource, SlotEnergy other)
        => EventTable.Insert(
            scope,
            key,
            scope.Now,
            StoreEventKinds.HalfHourConflict,
            null,
            Detail.Of(
                ("slot_end", copy.SlotEnd),
                ("seen_by", "store"),
                ("direction", direction),
                ("kept", kept.ToString()),
                ("kept_source", keptSource),
                ("other", other.ToString()),
                ("other_source", DbValues.Source(copy.Source))));
}
