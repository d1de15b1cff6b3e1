using System.Globalization;
using BRoute.Storage.Schema;

namespace BRoute.Storage.Tables;

/// <summary>
/// Durable cursors for publishers that must send every half-hour exactly once and in order (MQTT after a broker
/// outage). Each half-hour row carries its meter's change sequence (<see cref="StoredHalfHour.Sequence"/>), which
/// grows whenever a row is stored or changes (a "no data" completed, the export arriving). A publisher reads
/// <see cref="HalfHoursAfterAsync"/> from its cursor, publishes, then <see cref="SetCursorAsync"/> to the last
/// sequence it sent; after a restart it resumes exactly there. A slot that changes later comes again, with a higher
/// sequence. The order is the order the store learned the rows: slot order while live, a backfilled day after them.
/// </summary>
public sealed class OutboxTable
{
    private readonly MeterStore _store;

    internal OutboxTable(MeterStore store) => _store = store;

    /// <summary>Up to <paramref name="limit"/> half-hours of the meter stored or changed after <paramref name="cursor"/>, in sequence order.</summary>
    public Task<IReadOnlyList<StoredHalfHour>> HalfHoursAfterAsync(string meterId, long cursor, int limit, CancellationToken cancellationToken)
        => _store.HalfHours.AfterSequenceAsync(meterId, cursor, limit, cancellationToken);

    /// <summary>The consumer's cursor for the meter: the last sequence it confirmed; 0 when it never did.</summary>
    public async Task<long> GetCursorAsync(string consumer, string meterId, CancellationToken cancellationToken)
        => (await Query.ListAsync(
            _store,
            "SELECT c.seq FROM cursors c JOIN meters m ON m.key = c.meter WHERE c.consumer = $consumer AND m.id = $meter",
            r => r.GetInt64(0),
            cancellationToken,
            ("$consumer", consumer),
            ("$meter", meterId)).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>Moves the consumer's cursor for the meter to <paramref name="sequence"/> (durably, in one transaction).</summary>
    public Task SetCursorAsync(string consumer, string meterId, long sequence, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        return _store.WriteAsync(
            scope =>
            {
                var key = scope.MeterKey(meterId);
                return scope.Execute(
                    """
                    INSERT INTO cursors (consumer, meter, seq, updated) VALUES ($consumer, $meter, $seq, $now)
                    ON CONFLICT (consumer, meter) DO UPDATE SET seq = excluded.seq, updated = excluded.updated
                    """,
                    ("$consumer", consumer),
                    ("$meter", key),
                    ("$seq", sequence),
                    ("$now", DbValues.Time(scope.Now)));
            },
            cancellationToken);
    }

    /// <summary>How many half-hours of the meter the consumer has not confirmed yet.</summary>
    public async Task<long> PendingAsync(string consumer, string meterId, CancellationToken cancellationToken)
    {
        var cursor = await GetCursorAsync(consumer, meterId, cancellationToken).ConfigureAwait(false);
        return (await Query.ListAsync(
            _store,
            "SELECT count(*) FROM half_hours h JOIN meters m ON m.key = h.meter WHERE m.id = $meter AND h.seq > $cursor",
            r => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture),
            cancellationToken,
            ("$meter", meterId),
            ("$cursor", cursor)).ConfigureAwait(false))[0];
    }
}
