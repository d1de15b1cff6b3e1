namespace BRoute.Retry;

/// <summary>
/// Exponential backoff settings: delay n = min(Max, Initial × Multiplier^n) × (1 ± Jitter). The connection machine draws
/// the jitter from <see cref="DeterministicJitter"/> so a test can reproduce every delay.
/// </summary>
public sealed record BackoffOptions
{
    /// <summary>First delay (default 1 s).</summary>
    public TimeSpan Initial { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on any delay, jitter included (default 60 s).</summary>
    public TimeSpan Max { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Growth per attempt (default 2).</summary>
    public double Multiplier { get; init; } = 2;

    /// <summary>Relative jitter 0–1: each delay is spread uniformly over ±Jitter of its base (default 0.2).</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>Throws when a value cannot work.</summary>
    public void Validate()
    {
        if (Initial <= TimeSpan.Zero || Max < Initial)
        {
            throw new ArgumentOutOfRangeException(nameof(Initial), "the first delay must be positive and not above the cap");
        }

        if (Multiplier < 1 || double.IsNaN(Multiplier) || double.IsInfinity(Multiplier))
        {
            throw new ArgumentOutOfRangeException(nameof(Multiplier), Multiplier, "the multiplier must be at least 1");
        }

        if (Jitter is < 0 or > 1 || double.IsNaN(Jitter))
        {
            throw new ArgumentOutOfRangeException(nameof(Jitter), Jitter, "the jitter must be between 0 and 1");
        }
    }

    /// <summary>
    /// The delay before retry number <paramref name="attempt"/> (0-based) for a uniform sample
    /// <paramref name="unit"/> in [0, 1). Pure.
    /// </summary>
    public TimeSpan Delay(int attempt, double unit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var maxTicks = (double)Max.Ticks;
        var baseTicks = Math.Min(maxTicks, Initial.Ticks * Math.Pow(Multiplier, Math.Min(attempt, 1000)));
        var factor = 1 - Jitter + (2 * Jitter * Math.Clamp(unit, 0, 1));
        return TimeSpan.FromTicks((long)Math.Clamp(baseTicks * factor, 0, maxTicks));
    }
}

/// <summary>Deterministic uniform samples from a seed, for pure state machines that need jitter.</summary>
internal static class DeterministicJitter
{
    /// <summary>A value in [0, 1) from (seed, n) via SplitMix64; the same inputs always give the same value.</summary>
    public static double Unit(ulong seed, long n)
    {
        var z = seed + ((ulong)n * 0x9E3779B97F4A7C15UL) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
