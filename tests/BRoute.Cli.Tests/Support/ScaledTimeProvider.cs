using System.Diagnostics;

namespace BRoute.Cli.Tests.Support;

/// <summary>
/// A clock that starts at a fixed instant and runs <c>factor</c> times faster than real time, timers included, so
/// the simulator and the command share one calendar (history days, midnight) and a 10 s watch interval or join
/// backoff passes in a fraction of that. Coherent: every wait of the session, the driver and the simulator goes
/// through <see cref="CreateTimer"/>, and <see cref="GetUtcNow"/> advances at the same rate.
/// </summary>
internal sealed class ScaledTimeProvider : TimeProvider
{
    /// <summary>A fixed, ordinary JST morning: far from midnight, so history reads never wait for the midnight guard.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 15, 10, 10, 0, TimeSpan.FromHours(9));

    private readonly DateTimeOffset _start;
    private readonly double _factor;
    private readonly long _origin = Stopwatch.GetTimestamp();

    public ScaledTimeProvider(double factor = 1, DateTimeOffset? start = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        _factor = factor;
        _start = start ?? DefaultStart;
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => Stopwatch.Frequency;

    public override DateTimeOffset GetUtcNow() => _start.ToUniversalTime() + TimeSpan.FromTicks((long)(Stopwatch.GetElapsedTime(_origin).Ticks * _factor));

    public override long GetTimestamp() => (long)((Stopwatch.GetTimestamp() - _origin) * _factor);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);

    /// <summary>
    /// Asserts that a time a command printed (ISO 8601 or "yyyy-MM-dd HH:mm:ss zzz") lies between the clock's start and
    /// <paramref name="notAfter"/> (this clock read after the command): a bound that holds however slow the machine is,
    /// unlike a fixed minute, which this clock leaves after 60 s / factor of real time.
    /// </summary>
    public static void AssertWithin(string? printed, DateTimeOffset notAfter, DateTimeOffset? start = null)
    {
        Assert.NotNull(printed);
        var at = DateTimeOffset.Parse(printed, global::System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(at.Offset == TimeSpan.FromHours(9), $"{printed} is not in JST");
        var from = start ?? DefaultStart;
        Assert.True(at >= from.AddSeconds(-1) && at <= notAfter, $"{printed} is not between {from:O} and {notAfter:O}"); // printed times are cut to the second
    }

    private TimeSpan Scale(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks / _factor)));

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(owner.Scale(dueTime), owner.Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
