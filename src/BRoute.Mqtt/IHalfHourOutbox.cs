using BRoute.Monitoring;

namespace BRoute.Mqtt;

/// <summary>One queued half-hour and its place in the outbox.</summary>
/// <param name="Cursor">Its position: strictly increasing per meter, in the order to publish.</param>
/// <param name="HalfHour">The slot.</param>
public sealed record HalfHourOutboxEntry(long Cursor, HalfHour HalfHour);

/// <summary>
/// The half-hours still to publish, per meter, with a durable cursor: what has been published survives a restart, so
/// every half-hour goes out once, in order, even after the broker or the daemon was down. A store implements it over
/// its half-hour table (the cursor a row sequence, the committed cursor a row of its own);
/// <see cref="InMemoryHalfHourOutbox"/> serves tests and running without a store.
/// </summary>
public interface IHalfHourOutbox
{
    /// <summary>The last cursor committed for <paramref name="meterId"/>; 0 when nothing was ever published.</summary>
    Task<long> CommittedAsync(string meterId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> entries of <paramref name="meterId"/> with a cursor above <paramref name="cursor"/>, by cursor.</summary>
    Task<IReadOnlyList<HalfHourOutboxEntry>> ReadAfterAsync(string meterId, long cursor, int limit, CancellationToken cancellationToken);

    /// <summary>Records that every entry of <paramref name="meterId"/> up to <paramref name="cursor"/> is published (durably, for a store).</summary>
    Task CommitAsync(string meterId, long cursor, CancellationToken cancellationToken);
}
