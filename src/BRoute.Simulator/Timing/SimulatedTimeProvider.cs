namespace BRoute.Simulator.Timing;

/// <summary>
/// A <see cref="TimeProvider"/> that reads the simulated meter's clock — <c>start</c> at the host instant
/// <c>hostStart</c>, running <c>timeScale</c> times faster than the host clock — with every timer shortened by the
/// same factor. For a client in another process run against a time-scaled <c>broute simulate</c>
/// (<see cref="Hosting.SimulatorStateFile.ReadClock"/>): both then share one calendar, so what the client thinks
/// "now" is (the half-hour just passed, today's history day) is what the meter thinks, as with a real meter.
/// </summary>
public sealed class SimulatedTimeProvider : TimeProvider
{
    private readonly TimeProvider _host;
    private readonly DateTimeOffset _start;
    private readonly DateTimeOffset _hostStart;
    private readonly double _scale;
    private readonly long _origin;

    /// <param name="start">What the simulated clock read at <paramref name="hostStart"/>.</param>
    /// <param name="hostStart">The host instant of <paramref name="start"/>.</param>
    /// <param name="timeScale">Simulated seconds per host second, above 0 (a frozen clock would freeze every timer).</param>
    /// <param name="host">The host clock; default the system's.</param>
    public SimulatedTimeProvider(DateTimeOffset start, DateTimeOffset hostStart, double timeScale, TimeProvider? host = null)
    {
        if (!(timeScale > 0) || double.IsInfinity(timeScale))
        {
            throw new ArgumentOutOfRangeException(nameof(timeScale), timeScale, "a client cannot follow a frozen simulated clock: give a time scale above 0");
        }

        _host = host ?? System;
        _start = start;
        _hostStart = hostStart;
        _scale = timeScale;
        _origin = _host.GetTimestamp();
    }

    /// <summary>Simulated seconds per host second.</summary>
    public double TimeScale => _scale;

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => _host.LocalTimeZone;

    /// <inheritdoc/>
    public override long TimestampFrequency => _host.TimestampFrequency;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() =>
        (_start + TimeSpan.FromTicks((long)((_host.GetUtcNow() - _hostStart).Ticks * _scale))).ToUniversalTime();

    /// <inheritdoc/>
    public override long GetTimestamp() => (long)((_host.GetTimestamp() - _origin) * _scale);

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(_host.CreateTimer(callback, state, ToHost(dueTime), ToHost(period)), this);

    private TimeSpan ToHost(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks / _scale)));

    private sealed class ScaledTimer(ITimer inner, SimulatedTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(owner.ToHost(dueTime), owner.ToHost(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
