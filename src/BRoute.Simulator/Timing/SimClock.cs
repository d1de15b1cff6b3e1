namespace BRoute.Simulator.Timing;

/// <summary>
/// The meter's wall clock: reads the configured start at the host instant <c>hostStart</c> (default: when it was made)
/// and runs <c>timeScale</c> times faster than the host's <see cref="TimeProvider"/> (0 freezes it), so a clock made
/// again with the same start and host start reads the same time: a restarted simulator continues its meter.
/// Japan has no daylight saving, so local time is UTC+9.
/// </summary>
public sealed class SimClock
{
    /// <summary>Japan Standard Time offset.</summary>
    public static readonly TimeSpan Jst = EchonetLite.Meter.MeterTimeZone.Offset;

    private readonly TimeProvider _time;
    private readonly DateTimeOffset _realStart;

    internal SimClock(TimeProvider time, DateTimeOffset simulatedStart, double timeScale, DateTimeOffset? hostStart = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeScale);
        _time = time;
        _realStart = hostStart ?? time.GetUtcNow();
        Start = simulatedStart.ToOffset(Jst);
        TimeScale = timeScale;
    }

    /// <summary>Simulated instant at which the meter's clock started (at <see cref="HostStart"/>).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Host instant at which the clock read <see cref="Start"/>.</summary>
    public DateTimeOffset HostStart => _realStart;

    /// <summary>Simulated seconds per host second.</summary>
    public double TimeScale { get; }

    /// <summary>The simulated instant now, in JST.</summary>
    public DateTimeOffset Now
    {
        get
        {
            var real = _time.GetUtcNow() - _realStart;
            return Start + TimeSpan.FromTicks((long)(real.Ticks * TimeScale));
        }
    }

    /// <summary>Host time needed for <paramref name="simulated"/> to pass; null when the clock is frozen.</summary>
    public TimeSpan? ToReal(TimeSpan simulated)
    {
        if (TimeScale == 0)
        {
            return null;
        }

        var ticks = simulated.Ticks / TimeScale;
        return ticks <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Ceiling(ticks));
    }
}
