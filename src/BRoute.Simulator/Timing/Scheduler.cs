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
    private readonly PriorityQueue<Action, (DateTimeOffset Due, long Seq)> _queue = new();
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

    /// <summary>Schedules <paramref name="action"/> after <paramref name="delay"/> (caller holds the gate).</summary>
    public void Schedule(TimeSpan delay, Action action)
    {
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        _queue.Enqueue(action, (_time.GetUtcNow() + delay, _seq++));
        Rearm();
    }

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
            while (_queue.TryPeek(out var action, out var key) && key.Due <= _time.GetUtcNow())
            {
                _queue.Dequeue();
                try
                {
                    action();
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
}
