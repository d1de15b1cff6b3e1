namespace BRoute.Connection;

/// <summary>The quiet period after SKTERM (<see cref="ConnectionOptions.QuietPeriod"/>) as arithmetic on instants. Pure.</summary>
internal static class QuietPeriod
{
    /// <summary>
    /// What is left of <paramref name="period"/> at <paramref name="now"/> after a session ended with SKTERM at
    /// <paramref name="lastTerminatedAt"/>: zero when there was none, the period is off, or it is over. A termination time
    /// in the future (the clock went back, or the cache was written on a machine whose clock ran ahead) cannot be
    /// trusted: the whole period is waited, never more.
    /// </summary>
    public static TimeSpan Remaining(DateTimeOffset? lastTerminatedAt, DateTimeOffset now, TimeSpan period)
    {
        if (lastTerminatedAt is not { } terminated || period <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var elapsed = now - terminated;
        if (elapsed < TimeSpan.Zero)
        {
            return period;
        }

        return elapsed >= period ? TimeSpan.Zero : period - elapsed;
    }
}
