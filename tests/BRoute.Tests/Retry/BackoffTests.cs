using BRoute.Retry;
using CsCheck;

namespace BRoute.Tests.Retry;

public sealed class BackoffTests
{
    [Fact]
    public void Without_jitter_delays_double_from_1_s_up_to_the_60_s_cap()
    {
        var o = new BackoffOptions { Jitter = 0 };
        var delays = Enumerable.Range(0, 9).Select(n => o.Delay(n, DeterministicJitter.Unit(1, n)).TotalSeconds).ToArray();
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], delays);
    }

    [Fact]
    public void Same_seed_same_delays()
    {
        var o = new BackoffOptions();
        IEnumerable<TimeSpan> Delays(ulong seed) => Enumerable.Range(0, 10).Select(n => o.Delay(n, DeterministicJitter.Unit(seed, n))).ToArray();
        Assert.Equal(Delays(7), Delays(7));
        Assert.NotEqual(Delays(7), Delays(8));
    }

    [Fact]
    public void Jitter_spreads_delays_around_the_base()
    {
        var o = new BackoffOptions { Jitter = 0.2 };
        Assert.Equal(TimeSpan.FromSeconds(3.2), o.Delay(2, 0));
        Assert.Equal(TimeSpan.FromSeconds(4.8), o.Delay(2, 1));
        Assert.Equal(TimeSpan.FromSeconds(4), o.Delay(2, 0.5));
    }

    [Fact]
    public void Property_delays_stay_within_jitter_bounds_and_never_exceed_the_cap()
    {
        Gen.Select(Gen.Int[0, 5000], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Int[1, 120]).Sample((attempt, unit, jitter, capSeconds) =>
        {
            var o = new BackoffOptions { Jitter = jitter, Max = TimeSpan.FromSeconds(capSeconds) };
            var d = o.Delay(attempt, unit);
            Assert.True(d <= o.Max);
            var baseSeconds = Math.Min(capSeconds, Math.Pow(2, Math.Min(attempt, 1000)));
            Assert.True(d.TotalSeconds >= (baseSeconds * (1 - jitter)) - 1e-6);
            Assert.True(d > TimeSpan.Zero || jitter == 1);
        });
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackoffOptions { Initial = TimeSpan.Zero }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackoffOptions { Max = TimeSpan.FromMilliseconds(10) }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackoffOptions { Multiplier = 0.5 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackoffOptions { Jitter = 1.5 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackoffOptions().Delay(-1, 0));
    }

    [Fact]
    public void Deterministic_jitter_is_reproducible_in_range_and_roughly_uniform()
    {
        Assert.Equal(DeterministicJitter.Unit(5, 3), DeterministicJitter.Unit(5, 3));
        Assert.NotEqual(DeterministicJitter.Unit(5, 3), DeterministicJitter.Unit(5, 4));
        var samples = Enumerable.Range(0, 10_000).Select(i => DeterministicJitter.Unit(123, i)).ToArray();
        Assert.All(samples, x => Assert.InRange(x, 0, 0.9999999999));
        Assert.InRange(samples.Average(), 0.48, 0.52);
        Assert.InRange(samples.Count(x => x < 0.1), 900, 1100);
    }
}
