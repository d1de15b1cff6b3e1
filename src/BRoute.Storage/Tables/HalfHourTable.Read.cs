using System.Globalization;
using System.Runtime.CompilerServices;
using BRoute.Monitoring;
using BRoute.Storage.Schema;
using Microsoft.Data.Sqlite;

namespace BRoute.Storage.Tables;

/// <summary>
/// One half-hour as a reader shows it: the registers (null unless a kWh), the consumption in the slot (as
/// <see cref="StoredHalfHour"/> has it) and where the value came from. A struct: a year of them costs no allocation each.
/// </summary>
/// <param name="SlotEnd">The slot's end, JST.</param>
/// <param name="ImportKwh">Cumulative import at the slot end; null for "no data", not supported or absent.</param>
/// <param name="ExportKwh">Cumulative export at the slot end; null likewise.</param>
/// <param name="ImportDeltaKwh">Import during the slot; null when it cannot be known.</param>
/// <param name="ExportDeltaKwh">Export during the slot; null when it cannot be known.</param>
/// <param name="Source">Where the import came from, else the export; null when neither is stored.</param>
public readonly record struct HalfHourValues(
    DateTimeOffset SlotEnd,
    decimal? ImportKwh,
    decimal? ExportKwh,
    decimal? ImportDeltaKwh,
    decimal? ExportDeltaKwh,
    ValueSource? Source);

/// <summary>The lean read path: long ranges streamed row by row, only the columns a reader shows.</summary>
public sealed partial class HalfHourTable
{
    /// <summary>
    /// The meter's half-hours with slot ends in [from, to], oldest first, streamed: the same values and deltas as
    /// <see cref="RangeAsync"/> without the bookkeeping columns, for a year of slots at a time.
    /// </summary>
    public async IAsyncEnumerable<HalfHourValues> ValuesAsync(string meterId, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var meter = await ScaleAsync(meterId, cancellationToken).ConfigureAwait(false);
        if (meter is not var (key, wrap))
        {
            yield break;
        }

        var fromMs = DbValues.Time(from);
        using var connection = _store.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText =
            """
            SELECT slot_end,
                   CASE WHEN import_status = 'ok' THEN import_kwh END,
                   CASE WHEN export_status = 'ok' THEN export_kwh END,
                   CASE coalesce(import_source, export_source) WHEN 'get' THEN 1 WHEN 'notification' THEN 2 WHEN 'history' THEN 3 END
            FROM half_hours WHERE meter = $key AND slot_end BETWEEN $from AND $to ORDER BY slot_end
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$from", fromMs - SlotMs); // one slot early, for the first delta
        command.Parameters.AddWithValue("$to", DbValues.Time(to));
        SqliteDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            throw StoreErrors.From(e, _store.Path);
        }

        using (reader)
        {
            var previousSlot = long.MinValue;
            decimal? previousImport = null, previousExport = null;
            while (true)
            {
                bool more;
                try
                {
                    more = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (SqliteException e)
                {
                    throw StoreErrors.From(e, _store.Path);
                }

                if (!more)
                {
                    yield break;
                }

                var slot = reader.GetInt64(0);
                var import = Kwh(reader, 1);
                var export = Kwh(reader, 2);
                var adjacent = previousSlot == slot - SlotMs;
                var values = new HalfHourValues(
                    DbValues.Time(slot),
                    import,
                    export,
                    adjacent ? HalfHourConsumption.Between(Energy(previousImport), Energy(import), wrap) : null,
                    adjacent ? HalfHourConsumption.Between(Energy(previousExport), Energy(export), wrap) : null,
                    Source(reader));
                previousSlot = slot;
                previousImport = import;
                previousExport = export;
                if (slot >= fromMs)
                {
                    yield return values;
                }
            }
        }
    }

    private static decimal? Kwh(SqliteDataReader reader, int i)
        => reader.IsDBNull(i) ? null : decimal.Parse(reader.GetString(i), NumberStyles.Number, CultureInfo.InvariantCulture);

    private static ValueSource? Source(SqliteDataReader reader) => reader.IsDBNull(3) ? null : reader.GetInt32(3) switch
    {
        1 => ValueSource.Get,
        2 => ValueSource.Notification,
        _ => ValueSource.History,
    };

    private static SlotEnergy Energy(decimal? kwh) => kwh is decimal k ? SlotEnergy.Of(k) : SlotEnergy.Absent;
}
