using BRoute.Storage.Schema;
using Microsoft.Data.Sqlite;

namespace BRoute.Storage.Tables;

/// <summary>Missing half-hours in a window.</summary>
/// <param name="Expected">Slot ends in the window.</param>
/// <param name="Stored">Slots stored with an import kWh or the meter's "no data".</param>
/// <param name="NoData">Of those, slots the meter reported "no data" for.</param>
/// <param name="Ranges">The missing slots as runs of consecutive slot ends, oldest first.</param>
public sealed record SlotGaps(int Expected, int Stored, int NoData, IReadOnlyList<SlotRange> Ranges)
{
    /// <summary>Slots with nothing stored.</summary>
    public int Missing => Expected - Stored;
}

/// <summary>A run of consecutive missing slots: slot ends <paramref name="First"/> … <paramref name="Last"/>.</summary>
public sealed record SlotRange(DateTimeOffset First, DateTimeOffset Last, int Count);

/// <summary>The half_hours table: one row per meter and slot end.</summary>
public sealed partial class HalfHourTable
{
    // The row and the slot before it (for the delta), by slot end or by sequence.
    private const string Select =
        """
        SELECT m.id, h.slot_end,
               h.import_status, h.import_kwh, h.import_source, h.export_status, h.export_kwh, h.export_source,
               h.first_stored, h.updated, h.seq,
               p.import_status, p.import_kwh, p.export_status, p.export_kwh,
               m.effective_digits, m.kwh_per_count, m.coefficient
        FROM half_hours h
        JOIN meters m ON m.key = h.meter
        LEFT JOIN half_hours p ON p.meter = h.meter AND p.slot_end = h.slot_end - 1800000
        """;

    private const long SlotMs = 1_800_000;

    private readonly MeterStore _store;

    internal HalfHourTable(MeterStore store) => _store = store;

    /// <summary>The meter's half-hours with slot ends in [from, to], oldest first, with deltas.</summary>
    public async Task<IReadOnlyList<StoredHalfHour>> RangeAsync(string meterId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // One pass in slot order (the primary key's), starting one slot early for the first delta: no self-join.
        var meter = await ScaleAsync(meterId, cancellationToken).ConfigureAwait(false);
        if (meter is not var (key, wrap))
        {
            return [];
        }

        var fromMs = DbValues.Time(from);
        var rows = await Query.ListAsync(
            _store,
            """
            SELECT slot_end, import_status, import_kwh, import_source, export_status, export_kwh, export_source, first_stored, updated, seq
            FROM half_hours WHERE meter = $key AND slot_end BETWEEN $from AND $to ORDER BY slot_end
            """,
            r => (Slot: r.GetInt64(0), Import: DbValues.Energy(r.Text(1), r.Text(2)), ImportSource: r.Text(3), Export: DbValues.Energy(r.Text(4), r.Text(5)), ExportSource: r.Text(6), First: r.GetInt64(7), Updated: r.GetInt64(8), Seq: r.GetInt64(9)),
            cancellationToken,
            ("$key", key),
            ("$from", fromMs - SlotMs),
            ("$to", DbValues.Time(to))).ConfigureAwait(false);
        var list = new List<StoredHalfHour>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Slot < fromMs)
            {
                continue;
            }

            var previous = i > 0 && rows[i - 1].Slot == row.Slot - SlotMs ? rows[i - 1] : default;
            list.Add(new StoredHalfHour(
                meterId,
                DbValues.Time(row.Slot),
                row.Import,
                row.Export,
                DbValues.Source(row.ImportSource),
                DbValues.Source(row.ExportSource),
                HalfHourDelta.Between(previous.Import, row.Import, wrap),
                HalfHourDelta.Between(previous.Export, row.Export, wrap),
                DbValues.Time(row.First),
                DbValues.Time(row.Updated),
                row.Seq));
        }

        return list;
    }

    /// <summary>The meter's latest slot holding an import kWh or "no data"; null when none.</summary>
    public async Task<StoredHalfHour?> LatestAsync(string meterId, CancellationToken cancellationToken)
        => (await Query.ListAsync(
            _store,
            Select + " WHERE m.id = $meter AND h.import_status IS NOT NULL ORDER BY h.slot_end DESC LIMIT 1",
            Map,
            cancellationToken,
            ("$meter", meterId)).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>Rows whose change sequence is above <paramref name="afterSequence"/>, in sequence order (the outbox).</summary>
    public async Task<IReadOnlyList<StoredHalfHour>> AfterSequenceAsync(string meterId, long afterSequence, int limit, CancellationToken cancellationToken)
        => await Query.ListAsync(
            _store,
            Select + " WHERE m.id = $meter AND h.seq > $after ORDER BY h.seq LIMIT $limit",
            Map,
            cancellationToken,
            ("$meter", meterId),
            ("$after", afterSequence),
            ("$limit", Math.Max(limit, 0))).ConfigureAwait(false);

    /// <summary>
    /// Slot ends in [from, to] stored complete (what the gap logic need not fetch): an import kWh or "no data", and, on a
    /// meter that measures export, the export too (a live notification without EB leaves the slot to the history fill).
    /// </summary>
    public async Task<IReadOnlySet<DateTimeOffset>> StoredSlotsAsync(string meterId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var slots = await Query.ListAsync(
            _store,
            """
            SELECT h.slot_end FROM half_hours h JOIN meters m ON m.key = h.meter
            WHERE m.id = $meter AND h.slot_end BETWEEN $from AND $to AND h.import_status IN ('ok', 'no_data')
              AND (m.measures_export = 0 OR h.export_status IN ('ok', 'no_data', 'not_supported'))
            """,
            r => DbValues.Time(r.GetInt64(0)),
            cancellationToken,
            ("$meter", meterId),
            ("$from", DbValues.Time(from)),
            ("$to", DbValues.Time(to))).ConfigureAwait(false);
        return slots.ToHashSet();
    }

    /// <summary>The slot ends in [from, to] (on :00 and :30) with nothing stored, as counts and runs.</summary>
    public async Task<SlotGaps> GapsAsync(string meterId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var stored = await Query.ListAsync(
            _store,
            """
            SELECT h.slot_end, h.import_status FROM half_hours h JOIN meters m ON m.key = h.meter
            WHERE m.id = $meter AND h.slot_end BETWEEN $from AND $to AND h.import_status IN ('ok', 'no_data')
            """,
            r => (Slot: r.GetInt64(0), NoData: r.GetString(1) == "no_data"),
            cancellationToken,
            ("$meter", meterId),
            ("$from", DbValues.Time(from)),
            ("$to", DbValues.Time(to))).ConfigureAwait(false);
        var held = stored.Select(s => s.Slot).ToHashSet();
        var ranges = new List<SlotRange>();
        var expected = 0;
        DateTimeOffset? runStart = null;
        var runLength = 0;
        var last = DateTimeOffset.MinValue;
        for (var slot = DbValues.CeilingSlot(from); slot <= to; slot += DbValues.Slot)
        {
            expected++;
            if (held.Contains(DbValues.Time(slot)))
            {
                Close();
                continue;
            }

            runStart ??= slot;
            runLength++;
            last = slot;
        }

        Close();
        return new SlotGaps(expected, held.Count, stored.Count(s => s.NoData), ranges);

        void Close()
        {
            if (runStart is DateTimeOffset start)
            {
                ranges.Add(new SlotRange(start, last, runLength));
                runStart = null;
                runLength = 0;
            }
        }
    }

    private static StoredHalfHour Map(SqliteDataReader r)
    {
        var import = DbValues.Energy(r.Text(2), r.Text(3));
        var export = DbValues.Energy(r.Text(5), r.Text(6));
        var previousImport = DbValues.Energy(r.Text(11), r.Text(12));
        var previousExport = DbValues.Energy(r.Text(13), r.Text(14));
        var wrap = WrapKwh(r.Long(15), r.Text(16), r.Long(17));
        return new StoredHalfHour(
            r.GetString(0),
            DbValues.Time(r.GetInt64(1)),
            import,
            export,
            DbValues.Source(r.Text(4)),
            DbValues.Source(r.Text(7)),
            HalfHourDelta.Between(previousImport, import, wrap),
            HalfHourDelta.Between(previousExport, export, wrap),
            DbValues.Time(r.GetInt64(8)),
            DbValues.Time(r.GetInt64(9)),
            r.GetInt64(10));
    }

    /// <summary>The meter's row key and register wrap; null when the store never saw the meter.</summary>
    private async Task<(long Key, decimal? Wrap)?> ScaleAsync(string meterId, CancellationToken cancellationToken)
        => (await Query.ListAsync(
            _store,
            "SELECT key, effective_digits, kwh_per_count, coefficient FROM meters WHERE id = $meter",
            r => ((long Key, decimal? Wrap)?)(r.GetInt64(0), WrapKwh(r.Long(1), r.Text(2), r.Long(3))),
            cancellationToken,
            ("$meter", meterId)).ConfigureAwait(false)).FirstOrDefault();

    private static decimal? WrapKwh(long? digits, string? kwhPerCount, long? coefficient)
        => new Monitoring.MeterIdentity("", null, null, null, coefficient is long c ? (uint)c : null, kwhPerCount is string k ? DbValues.Kwh(k) : null, digits is long d ? (byte)d : null, false, false).WrapKwh;
}
