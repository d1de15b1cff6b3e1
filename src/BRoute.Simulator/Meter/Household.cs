using BRoute.Simulator.Timing;

namespace BRoute.Simulator.Meter;

/// <summary>
/// The household behind the meter: net power (W, import positive) for every minute, a pure function of
/// the seed and the minute, so any instant can be evaluated in any order and the result never changes.
/// </summary>
internal sealed class Household
{
    private readonly MeterOptions _options;
    private readonly ulong _seed;
    private readonly double _scale;

    public Household(MeterOptions options, ulong seed)
    {
        _options = options;
        _seed = seed;

        // Scale the shape so a day averages DailyKwh (ignoring the ±noise, which averages ~1).
        var mean = 0.0;
        for (var m = 0; m < 1440; m++)
        {
            mean += Shape(m / 60.0);
        }

        mean /= 1440;
        var spikes = 0.04 * 1200;
        _scale = Math.Max(0, ((options.DailyKwh * 1000 / 24) - spikes) / mean);
    }

    /// <summary>Net power during the minute that starts at <paramref name="minute"/> (minutes since the Unix epoch, UTC).</summary>
    public int PowerW(long minute)
    {
        if (_options.Load == LoadModel.Constant)
        {
            return _options.ConstantLoadW;
        }

        var local = DateTimeOffset.FromUnixTimeSeconds(minute * 60).ToOffset(SimClock.Jst);
        var hour = local.Hour + (local.Minute / 60.0);
        var day = (ulong)(minute / 1440);
        var dayFactor = 0.8 + (0.4 * DeterministicRandom.HashUnit(_seed, day * 7 + 1));
        if (local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            dayFactor *= 1.15;
        }

        var noise = 0.7 + (0.6 * DeterministicRandom.HashUnit(_seed, (ulong)minute * 3 + 2));
        var load = _scale * Shape(hour) * dayFactor * noise;
        if (DeterministicRandom.HashUnit(_seed, (ulong)minute * 3 + 3) < 0.04)
        {
            load += 1200; // kettle, microwave, dryer
        }

        var solar = 0.0;
        if (_options.SolarPeakW > 0 && hour is > 6 and < 18)
        {
            var cloud = 0.3 + (0.7 * DeterministicRandom.HashUnit(_seed, day * 7 + 4));
            var flicker = 0.85 + (0.15 * DeterministicRandom.HashUnit(_seed, (ulong)(minute / 10) * 5 + 5));
            solar = _options.SolarPeakW * Math.Sin(Math.PI * (hour - 6) / 12) * cloud * flicker;
        }

        return (int)Math.Round(load - solar);
    }

    private static double Shape(double h) =>
        0.25 + (0.9 * Gauss(h, 7.0, 1.0)) + (0.4 * Gauss(h, 12.5, 1.5)) + (1.6 * Gauss(h, 19.5, 1.8)) + (0.5 * Gauss(h, 22.5, 1.0));

    private static double Gauss(double x, double mu, double sigma) => Math.Exp(-0.5 * Math.Pow((x - mu) / sigma, 2));
}
