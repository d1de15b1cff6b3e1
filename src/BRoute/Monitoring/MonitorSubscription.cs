using System.Runtime.CompilerServices;

namespace BRoute.Monitoring;

/// <summary>
/// One subscriber's view of a <see cref="MeterMonitor"/>'s events, with its own buffer, so a slow consumer never
/// stalls the radio or the other subscribers. While it is behind: instantaneous measurements are latest-wins per
/// quantity (an older pending value of the same quantity is replaced); half-hours are never dropped (a pending copy
/// of the same slot from the same source is replaced; bounded by <see cref="MaxHalfHours"/>, the meter's history
/// depth); state changes and the other events are kept up to the monitor's
/// <see cref="MeterMonitorOptions.SubscriberCapacity"/> (then the oldest counters, else the oldest event, is dropped and
/// counted in <see cref="Dropped"/>). Events come out in the order they were published.
/// </summary>
public sealed class MonitorSubscription : IDisposable
{
    /// <summary>Half-hours kept at most while the consumer is behind: 100 days × 48 slots × 3 sources.</summary>
    public const int MaxHalfHours = 100 * 48 * 3;

    private readonly Lock _lock = new();
    private readonly LinkedList<MonitorEvent> _queue = new();
    private readonly Dictionary<Quantity, LinkedListNode<MonitorEvent>> _latest = [];
    private readonly Dictionary<(string, DateTimeOffset, ValueSource), LinkedListNode<MonitorEvent>> _halfHours = [];
    private readonly int _capacity;
    private readonly Action<MonitorSubscription> _unsubscribe;
    private TaskCompletionSource? _waiter;
    private int _others;
    private bool _completed;
    private long _dropped;
    private long _replaced;

    internal MonitorSubscription(int capacity, Action<MonitorSubscription> unsubscribe)
    {
        _capacity = capacity;
        _unsubscribe = unsubscribe;
    }

    /// <summary>Events waiting to be read.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Events dropped because the buffer was full (never a half-hour below <see cref="MaxHalfHours"/>).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Pending values replaced by a newer one of the same quantity, or of the same slot and source.</summary>
    public long Replaced => Interlocked.Read(ref _replaced);

    /// <summary>The events as they come; ends when the monitor stops or the subscription is disposed.</summary>
    public async IAsyncEnumerable<MonitorEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (TryRead(out var e))
            {
                yield return e;
            }
        }
    }

    /// <summary>Takes the oldest pending event.</summary>
    public bool TryRead(out MonitorEvent monitorEvent)
    {
        lock (_lock)
        {
            if (_queue.First is not { } node)
            {
                monitorEvent = null!;
                return false;
            }

            Remove(node);
            monitorEvent = node.Value;
            return true;
        }
    }

    /// <summary>True when an event is pending (waits for one); false once the stream has ended and is drained.</summary>
    public async ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_queue.Count > 0)
                {
                    return true;
                }

                if (_completed)
                {
                    return false;
                }

                _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _waiter.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops receiving; the stream ends after what is pending.</summary>
    public void Dispose()
    {
        _unsubscribe(this);
        Complete();
    }

    internal void Publish(MonitorEvent monitorEvent)
    {
        TaskCompletionSource? wake;
        lock (_lock)
        {
            if (_completed)
            {
                return;
            }

            switch (monitorEvent)
            {
                case MeasurementsEvent m:
                    AddMeasurements(m);
                    break;
                case HalfHourEvent h:
                    AddHalfHour(h);
                    break;
                default:
                    _queue.AddLast(monitorEvent);
                    if (++_others > _capacity)
                    {
                        DropOldestOther();
                    }

                    break;
            }

            wake = _waiter;
            _waiter = null;
        }

        wake?.TrySetResult();
    }

    internal void Complete()
    {
        TaskCompletionSource? wake;
        lock (_lock)
        {
            _completed = true;
            wake = _waiter;
            _waiter = null;
        }

        wake?.TrySetResult();
    }

    private void AddMeasurements(MeasurementsEvent m)
    {
        foreach (var q in m.Measurements.Select(x => x.Quantity).Distinct())
        {
            if (_latest.TryGetValue(q, out var older) && older.Value is MeasurementsEvent pending)
            {
                var rest = pending.Measurements.Where(x => x.Quantity != q).ToList();
                Interlocked.Increment(ref _replaced);
                _latest.Remove(q);
                if (rest.Count == 0)
                {
                    _queue.Remove(older);
                }
                else
                {
                    older.Value = pending with { Measurements = rest };
                }
            }
        }

        if (m.Measurements.Count == 0)
        {
            return;
        }

        var node = _queue.AddLast(m);
        foreach (var x in m.Measurements)
        {
            _latest[x.Quantity] = node;
        }
    }

    private void AddHalfHour(HalfHourEvent h)
    {
        var key = (h.HalfHour.MeterId, h.HalfHour.SlotEnd, h.HalfHour.Source);
        if (_halfHours.TryGetValue(key, out var pending))
        {
            pending.Value = h; // the same slot from the same source again: the newer copy, in the older one's place
            Interlocked.Increment(ref _replaced);
            return;
        }

        _halfHours[key] = _queue.AddLast(h);
        if (_halfHours.Count > MaxHalfHours)
        {
            var oldest = _queue.First;
            while (oldest is not null && oldest.Value is not HalfHourEvent)
            {
                oldest = oldest.Next;
            }

            if (oldest is not null)
            {
                Remove(oldest);
                Interlocked.Increment(ref _dropped);
            }
        }
    }

    private void DropOldestOther()
    {
        LinkedListNode<MonitorEvent>? victim = null;
        for (var n = _queue.First; n is not null; n = n.Next)
        {
            if (n.Value is CountersEvent)
            {
                victim = n;
                break;
            }

            victim ??= n.Value is MeasurementsEvent or HalfHourEvent ? null : n;
        }

        if (victim is not null)
        {
            Remove(victim);
            Interlocked.Increment(ref _dropped);
        }
    }

    private void Remove(LinkedListNode<MonitorEvent> node)
    {
        _queue.Remove(node);
        switch (node.Value)
        {
            case MeasurementsEvent m:
                foreach (var x in m.Measurements)
                {
                    if (_latest.TryGetValue(x.Quantity, out var n) && n == node)
                    {
                        _latest.Remove(x.Quantity);
                    }
                }

                break;
            case HalfHourEvent h:
                _halfHours.Remove((h.HalfHour.MeterId, h.HalfHour.SlotEnd, h.HalfHour.Source));
                break;
            default:
                _others--;
                break;
        }
    }
}
