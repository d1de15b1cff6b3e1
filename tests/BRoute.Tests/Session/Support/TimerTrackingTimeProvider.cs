using Microsoft.Extensions.Time.Testing;

namespace BRoute.Tests.Session.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows when its next timer is due, so a harness can move the clock straight
/// there instead of in small steps: hours of quiet simulated time then cost one step, and every timer still fires
/// at its own instant (the harness never jumps past one).
/// </summary>
internal sealed class TimerTrackingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _lock = new();
    private readonly HashSet<Tracked> _timers = [];

    /// <summary>The earliest instant a live timer fires; null when none is armed.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_lock)
            {
                DateTimeOffset? next = null;
                foreach (var t in _timers)
                {
                    if (t.Due is { } due && (next is null || due < next))
                    {
                        next = due;
                    }
                }

                return next;
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new Tracked(this);
        tracked.Arm(dueTime, period);
        lock (_lock)
        {
            _timers.Add(tracked);
        }

        tracked.Inner = base.CreateTimer(
            s =>
            {
                tracked.Fired();
                callback(s);
            },
            state,
            dueTime,
            period);
        return tracked;
    }

    private sealed class Tracked(TimerTrackingTimeProvider owner) : ITimer
    {
        private TimeSpan _period;

        public ITimer? Inner { get; set; }

        public DateTimeOffset? Due { get; private set; }

        // The clock is read before taking the lock: FakeTimeProvider has a lock of its own, and holding ours while
        // taking it (in one order here, the other order when it fires a timer) could deadlock.
        public void Arm(TimeSpan dueTime, TimeSpan period)
        {
            var now = owner.GetUtcNow();
            lock (owner._lock)
            {
                _period = period;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : now + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
            }
        }

        public void Fired()
        {
            var now = owner.GetUtcNow();
            lock (owner._lock)
            {
                Due = _period == Timeout.InfiniteTimeSpan || _period <= TimeSpan.Zero ? null : now + _period;
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return Inner!.Change(dueTime, period);
        }

        public void Dispose()
        {
            Forget();
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Forget();
            return Inner?.DisposeAsync() ?? ValueTask.CompletedTask;
        }

        private void Forget()
        {
            lock (owner._lock)
            {
                Due = null;
                owner._timers.Remove(this);
            }
        }
    }
}
