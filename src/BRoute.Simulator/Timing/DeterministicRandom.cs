namespace BRoute.Simulator.Timing;

/// <summary>
/// Seeded randomness. Each concern draws from its own stream so that, for example, enabling a fault does
/// not change the latency draws; <see cref="Hash"/> gives stateless values for functions of time.
/// </summary>
internal sealed class DeterministicRandom
{
    private readonly Random _random;

    public DeterministicRandom(ulong seed, string stream)
    {
        _random = new Random(unchecked((int)Hash(seed, StableHash(stream))));
    }

    public double NextDouble() => _random.NextDouble();

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    public int Next(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);

    public void NextBytes(Span<byte> bytes) => _random.NextBytes(bytes);

    /// <summary>True with probability <paramref name="p"/>; draws nothing when p is 0.</summary>
    public bool Chance(double p) => p > 0 && (p >= 1 || _random.NextDouble() < p);

    public double Uniform(double min, double max) => min + ((max - min) * _random.NextDouble());

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public double Normal()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Lognormal given its median and 95th percentile.</summary>
    public double LogNormal(double median, double p95)
    {
        var mu = Math.Log(median);
        var sigma = (Math.Log(p95) - mu) / 1.6448536269514722;
        return Math.Exp(mu + (sigma * Normal()));
    }

    /// <summary>SplitMix64 finaliser over two inputs: a stateless, well-mixed 64-bit value.</summary>
    public static ulong Hash(ulong a, ulong b)
    {
        var z = unchecked(a + (b * 0x9E3779B97F4A7C15UL) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>Stateless bytes: <c>destination[j]</c> is the low byte of <see cref="Hash"/>(<paramref name="seed"/>, <paramref name="first"/> + j).</summary>
    public static void HashBytes(Span<byte> destination, ulong seed, ulong first)
    {
        for (var j = 0; j < destination.Length; j++)
        {
            destination[j] = (byte)Hash(seed, first + (ulong)j);
        }
    }

    /// <summary>A uniform double in [0, 1) from a hash.</summary>
    public static double HashUnit(ulong a, ulong b) => (Hash(a, b) >> 11) * (1.0 / (1UL << 53));

    private static ulong StableHash(string text)
    {
        // FNV-1a: string.GetHashCode is randomised per process, this is not.
        var h = 14695981039346656037UL;
        foreach (var c in text)
        {
            h = unchecked((h ^ c) * 1099511628211UL);
        }

        return h;
    }
}
