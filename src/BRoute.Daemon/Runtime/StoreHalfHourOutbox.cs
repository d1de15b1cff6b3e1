using BRoute.Monitoring;
using BRoute.Mqtt;
using BRoute.Storage;

namespace BRoute.Daemon.Runtime;

/// <summary>
/// The MQTT publisher's outbox over the store: half-hours in the order the store took them in (its per-meter change
/// sequence), the published cursor kept in the store, so a broker or daemon outage loses none and repeats none. A
/// slot that changes later (its export arriving, "no data" completed by history) gets a new sequence and is
/// published again with the completed values.
/// </summary>
internal sealed class StoreHalfHourOutbox(MeterStore store) : IHalfHourOutbox
{
    /// <summary>The consumer name of the cursor in the store.</summary>
    public const string Consumer = "mqtt";

    public Task<long> CommittedAsync(string meterId, CancellationToken cancellationToken) =>
        store.Outbox.GetCursorAsync(Consumer, meterId, cancellationToken);

    public async Task<IReadOnlyList<HalfHourOutboxEntry>> ReadAfterAsync(string meterId, long cursor, int limit, CancellationToken cancellationToken)
    {
        var rows = await store.Outbox.HalfHoursAfterAsync(meterId, cursor, limit, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new HalfHourOutboxEntry(r.Sequence, new HalfHour(r.MeterId, r.SlotEnd, r.Import, r.Export, r.Source ?? ValueSource.History)))];
    }

    public Task CommitAsync(string meterId, long cursor, CancellationToken cancellationToken) =>
        store.Outbox.SetCursorAsync(Consumer, meterId, cursor, cancellationToken);
}
