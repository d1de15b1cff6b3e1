using BRoute.Monitoring;

namespace BRoute.Mqtt;

/// <summary>
/// An <see cref="IHalfHourOutbox"/> in memory: for tests and for running without a store (then a daemon restart loses
/// what was not yet published). One entry per slot: a later copy of a slot not yet published fills the directions the
/// first copy lacked (an EA notification carries no export); a copy of a published slot is ignored. At most
/// <see cref="Capacity"/> unpublished entries per meter: beyond that the oldest is dropped and counted.
/// </summary>
public sealed class InMemoryHalfHourOutbox : IHalfHourOutbox
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, MeterQueue> _meters = new(StringComparer.Ordinal);

    /// <summary>Creates an outbox holding at most <paramref name="capacity"/> unpublished half-hours per meter (default 17520, a year).</summary>
    public InMemoryHalfHourOutbox(int capacity = 17_520)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>Most unpublished entries kept per meter.</summary>
    public int Capacity { get; }

    /// <summary>Entries dropped because a meter's queue was full.</summary>
    public long Dropped { get; private set; }

    /// <summary>Queues a half-hour. False when its slot was already published or is queued with nothing new to add.</summary>
    public bool Add(HalfHour halfHour)
    {
        ArgumentNullException.ThrowIfNull(halfHour);
        lock (_gate)
        {
            if (!_meters.TryGetValue(halfHour.MeterId, out var queue))
            {
                queue = new MeterQueue();
                _meters[halfHour.MeterId] = queue;
            }

            if (queue.Published.Contains(halfHour.SlotEnd))
            {
                return false;
            }

            var index = queue.Pending.FindIndex(e => e.HalfHour.SlotEnd == halfHour.SlotEnd);
            if (index >= 0)
            {
                var kept = queue.Pending[index];
                var merged = kept.HalfHour with
                {
                    Import = kept.HalfHour.Import.IsAbsent ? halfHour.Import : kept.HalfHour.Import,
                    Export = kept.HalfHour.Export.IsAbsent ? halfHour.Export : kept.HalfHour.Export,
                };
                if (merged == kept.HalfHour)
                {
                    return false;
                }

                queue.Pending[index] = kept with { HalfHour = merged };
                return true;
            }

            queue.Pending.Add(new HalfHourOutboxEntry(++queue.LastCursor, halfHour));
            if (queue.Pending.Count > Capacity)
            {
                queue.Pending.RemoveAt(0);
                Dropped++;
            }

            return true;
        }
    }

    /// <summary>Unpublished entries of a meter.</summary>
    public int PendingCount(string meterId)
    {
        lock (_gate)
        {
            return _meters.TryGetValue(meterId, out var queue) ? queue.Pending.Count : 0;
        }
    }

    /// <inheritdoc/>
    public Task<long> CommittedAsync(string meterId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_meters.TryGetValue(meterId, out var queue) ? queue.Committed : 0L);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<HalfHourOutboxEntry>> ReadAfterAsync(string meterId, long cursor, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        lock (_gate)
        {
            IReadOnlyList<HalfHourOutboxEntry> entries = _meters.TryGetValue(meterId, out var queue)
                ? queue.Pending.Where(e => e.Cursor > cursor).Take(limit).ToList()
                : [];
            return Task.FromResult(entries);
        }
    }

    /// <inheritdoc/>
    public Task CommitAsync(string meterId, long cursor, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_meters.TryGetValue(meterId, out var queue) && cursor > queue.Committed)
            {
                queue.Committed = cursor;
                foreach (var entry in queue.Pending.Where(e => e.Cursor <= cursor))
                {
                    queue.Published.Add(entry.HalfHour.SlotEnd);
                }

                queue.Pending.RemoveAll(e => e.Cursor <= cursor);
                if (queue.Published.Count > 2 * Capacity)
                {
                    // Keep the newest slots only: a copy older than a year of published slots will not come again.
                    var keep = queue.Published.Order().Skip(queue.Published.Count - Capacity).ToHashSet();
                    queue.Published.IntersectWith(keep);
                }
            }

            return Task.CompletedTask;
        }
    }

    private sealed class MeterQueue
    {
        public List<HalfHourOutboxEntry> Pending { get; } = [];

        public HashSet<DateTimeOffset> Published { get; } = [];

        public long LastCursor { get; set; }

        public long Committed { get; set; }
    }
}
