namespace BRoute.Simulator.Timing;

/// <summary>
/// Runs actions at host-clock instants, strictly in (due time, scheduling order), on one timer from the
/// <see cref="TimeProvider"/>. Every action runs while holding the simulator's gate, so the simulator's state
/// is only ever touched by one thread at a time. Zero-delay actions still go through the queue, which keeps
/// their relative order.
/// </summary>
internal sealed class Scheduler : IDisposable
{
    private readonly TimeProvider _time;
    private readonly object _gate;
    private readonly PriorityQueue<Entry, (DateTimeOffset Due, long Seq)> _queue = new();
    private readonly ITimer _timer;
    private readonly Action<Exception> _onError;
    private long _seq;
    private bool _pumping;
    private bool _disposed;

    public Scheduler(TimeProvider time, object gate, Action<Exception> onError)
    {
        _time = time;
        _gate = gate;
        _onError = onError;
        _timer = time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Schedules <paramref name="action"/> after <paramref name="delay"/> (caller holds the gate).</summary>
    public ScheduledAction Schedule(TimeSpan delay, Action action)
    {
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        var entry = new Entry(action);
        _queue.Enqueue(entry, (_time.GetUtcNow() + delay, _seq++));
        Rearm();
        return new ScheduledAction(entry);
    }

    /// <summary>Schedules at an absolute host instant.</summary>
    public ScheduledAction ScheduleAt(DateTimeOffset due, Action action) => Schedule(due - _time.GetUtcNow(), action);

    /// <summary>Runs every action that is due (caller holds the gate).</summary>
    public void Pump()
    {
        if (_pumping || _disposed)
        {
            return;
        }

        _pumping = true;
        try
        {
            while (_queue.TryPeek(out var entry, out var key) && key.Due <= _time.GetUtcNow())
            {
                _queue.Dequeue();
                if (entry.Cancelled)
                {
                    continue;
                }

                try
                {
                    entry.Action();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    _onError(ex);
                }
            }
        }
        finally
        {
            _pumping = false;
        }

        Rearm();
    }

    private void Rearm()
    {
        if (_disposed || _pumping)
        {
            return;
        }

        while (_queue.TryPeek(out var head, out _) && head.Cancelled)
        {
            _queue.Dequeue();
        }

        if (!_queue.TryPeek(out _, out var next))
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        // At least one tick: a fake clock would otherwise run the callback synchronously inside Change, i.e.
        // re-enter the simulator in the middle of the operation that scheduled the action. Whoever holds the
        // gate pumps before releasing it, so due actions never wait for this timer.
        var delay = next.Due - _time.GetUtcNow();
        _timer.Change(delay < MinimumDelay ? MinimumDelay : delay, Timeout.InfiniteTimeSpan);
    }

    private static readonly TimeSpan MinimumDelay = TimeSpan.FromTicks(1);

    private void OnTimer()
    {
        if (Monitor.IsEntered(_gate))
        {
            return; // called synchronously from inside the simulator: it pumps on its way out
        }

        lock (_gate)
        {
            Pump();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _queue.Clear();
        }

        _timer.Dispose();
    }

    internal sealed class Entry(Action action)
    {
        public Action Action { get; } = action;

        public bool Cancelled { get; set; }
    }
}

/// <summary>A handle to cancel a scheduled action (caller holds the gate).</summary>
internal readonly struct ScheduledAction
{
    private readonly Scheduler.Entry? _entry;

    internal ScheduledAction(Scheduler.Entry entry) => _entry = entry;

    public void Cancel()
    {
        if (_entry is not null)
        {
            _entry.Cancelled = true;
        }
    }
}
