namespace BRoute.Simulator.Timing;

/// <summary>
/// The simulated meter's calendar with the host's timers: <see cref="GetUtcNow"/> is what the time-scaled meter's
/// clock reads, so a client's "today" and "the half-hour just passed" are the meter's, as with a real meter beside a
/// synchronised host; timestamps, timers and delays stay on <c>host</c>, so a 10 s reply timeout is still 10 s of
/// host time. For a client in the simulator's own process (<c>broute demo</c>, tests); a client in another process
/// follows <c>broute simulate</c> with <see cref="SimulatedTimeProvider"/>, which scales the timers too.
/// </summary>
/// <param name="clock">The simulator's clock.</param>
/// <param name="host">The clock the simulator runs on (its timers are the client's); default the system's.</param>
public sealed class SimulatedCalendar(SimClock clock, TimeProvider? host = null) : TimeProvider
{
    private readonly TimeProvider _host = host ?? System;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => clock.Now.ToUniversalTime();

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => _host.LocalTimeZone;

    /// <inheritdoc/>
    public override long TimestampFrequency => _host.TimestampFrequency;

    /// <inheritdoc/>
    public override long GetTimestamp() => _host.GetTimestamp();

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _host.CreateTimer(callback, state, dueTime, period);
}
