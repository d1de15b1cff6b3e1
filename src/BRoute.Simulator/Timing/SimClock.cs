namespace BRoute.Simulator.Timing;

/// <summary>
/// The meter's wall clock: starts at the configured instant and runs <c>timeScale</c> times faster than the
/// host's <see cref="TimeProvider"/> (0 freezes it). Japan has no daylight saving, so local time is UTC+9.
/// </summary>
public sealed class SimClock
{
    /// <summary>Japan Standard Time offset.</summary>
    public static readonly TimeSpan Jst = EchonetLite.Meter.MeterTimeZone.Offset;

    private readonly TimeProvider _time;
    private readonly DateTimeOffset _realStart;

    internal SimClock(TimeProvider time, DateTimeOffset simulatedStart, double timeScale)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeScale);
        _time = time;
        _realStart = time.GetUtcNow();
        Start = simulatedStart.ToOffset(Jst);
        TimeScale = timeScale;
    }

    /// <summary>Simulated instant at which the simulator started.</summary>
    public DateTimeOffset Start { get; }

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
