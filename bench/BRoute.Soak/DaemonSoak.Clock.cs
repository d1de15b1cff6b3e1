using System.Diagnostics;

namespace BRoute.Soak;

/// <summary>Driving the fake clock: only while everything is quiet, straight to the next armed timer.</summary>
public sealed partial class DaemonSoak
{
    private long _steps;
    private int _poolBaseline = 1; // busy workers when nothing of the soak runs: this loop, and threads the host keeps blocked


    /// <summary>Clock moves so far (one per timer instant reached).</summary>
    public long Steps => Interlocked.Read(ref _steps);

    private Task DriveToAsync(DateTimeOffset at, CancellationToken cancellationToken) =>
        DriveUntilAsync(() => _clock.GetUtcNow() >= at, at, $"until {at:O}", cancellationToken);

    /// <summary>Moves the clock until <paramref name="done"/> holds, never past <paramref name="limit"/>.</summary>
    private async Task DriveUntilAsync(Func<bool> done, DateTimeOffset limit, string what, CancellationToken cancellationToken)
    {
        var real = Stopwatch.StartNew();
        while (!done())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (real.Elapsed > RealTimeGuard)
            {
                throw new TimeoutException($"{what}: not done after {RealTimeGuard.TotalMinutes} min of real time (simulated {_clock.GetUtcNow():O})");
            }

            await WaitQuietAsync(cancellationToken).ConfigureAwait(false);
            if (done())
            {
                return;
            }

            var now = _clock.GetUtcNow();
            if (now >= limit)
            {
                throw new TimeoutException($"{what}: not done by {limit:O} simulated");
            }

            var to = _clock.NextDue is { } due && due < limit ? due : limit;
            var step = to - now;

            // Whole milliseconds: FakeTimeProvider counts a timer's due time in them, so a wait of less than 1 ms ends at
            // once; a clock between two milliseconds would let a loop that waits for "the rest of this millisecond" spin.
            var ms = TimeSpan.TicksPerMillisecond;
            var target = Math.Max(now.UtcTicks + ms, (now.UtcTicks + step.Ticks + ms - 1) / ms * ms);
            _clock.Advance(TimeSpan.FromTicks(target - now.UtcTicks));
            Interlocked.Increment(ref _steps);
        }
    }

    /// <summary>
    /// Returns when nothing is in flight: every part quiet and the thread pool running nothing but this loop (and the
    /// threads the host keeps blocked, e.g. a test runner's), with nothing queued, on two checks with the same activity.
    /// </summary>
    private async Task WaitQuietAsync(CancellationToken cancellationToken)
    {
        var spins = 0;
        var waiting = Stopwatch.StartNew();
        var onlyPoolBusy = new Stopwatch();
        while (true)
        {
            if (waiting.Elapsed > TimeSpan.FromSeconds(5))
            {
                _log($"not quiet for 5 s: {WhyNotQuiet()}");
                waiting.Restart();
            }

            var before = Activity();
            var busy = BusyWorkers();
            if (busy < _poolBaseline)
            {
                _poolBaseline = Math.Max(1, busy); // a thread the host had blocked is back
            }

            var quiet = IsQuiet();
            if (quiet && ThreadPool.PendingWorkItemCount == 0 && busy <= _poolBaseline)
            {
                Thread.Yield(); // on this thread: a pool thread of ours stays the only busy one
                if (IsQuiet() && ThreadPool.PendingWorkItemCount == 0 && BusyWorkers() <= _poolBaseline && Activity() == before)
                {
                    return;
                }
            }
            else if (quiet && ThreadPool.PendingWorkItemCount == 0 && Activity() == before)
            {
                // Every part of the soak is quiet but more workers are busy: threads the host keeps blocked (a test
                // runner's) once they stay so for 200 ms; nothing of the soak runs that long without activity.
                onlyPoolBusy.Start();
                if (onlyPoolBusy.Elapsed > TimeSpan.FromMilliseconds(200))
                {
                    _poolBaseline = busy;
                    onlyPoolBusy.Reset();
                }

                await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                continue;
            }

            onlyPoolBusy.Reset();
            if (++spins < 20)
            {
                Thread.Yield(); // work on another thread: let it run (a 1 ms timer costs more than most of it takes)
            }
            else
            {
                spins = 0;
                await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Worker threads running a work item (this loop's included).</summary>
    private static int BusyWorkers()
    {
        ThreadPool.GetMaxThreads(out var max, out _);
        ThreadPool.GetAvailableThreads(out var available, out _);
        return max - available;
    }

    private bool IsQuiet()
    {
        if (_daemon is { } daemon && (!daemon.IsQuiet || daemon.Monitors.Any(m => !m.IsWaiting)))
        {
            return false;
        }

        lock (_lock)
        {
            return _sessions.All(s => s.IsIdle) && _stream?.IsQuiet != false;
        }
    }

    private string WhyNotQuiet()
    {
        var daemon = _daemon;
        lock (_lock)
        {
            return $"pool busy {BusyWorkers()} (baseline {_poolBaseline}), queued {ThreadPool.PendingWorkItemCount}; daemon quiet {daemon?.IsQuiet}, writer pending {daemon?.WriterStatistics?.Pending}, " +
                $"monitors waiting {daemon?.Monitors.All(m => m.IsWaiting)}; sessions idle {_sessions.All(s => s.IsIdle)}; line quiet {_stream?.IsQuiet}";
        }
    }

    private long Activity()
    {
        lock (_lock)
        {
            return (_stream?.Activity ?? 0) + (_daemon?.WriterStatistics?.EventsWritten ?? 0);
        }
    }
}
