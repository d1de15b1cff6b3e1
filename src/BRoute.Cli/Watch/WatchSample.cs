using BRoute.Monitoring;

namespace BRoute.Cli.Watch;

/// <summary>One reading of <c>broute watch</c>: instantaneous power and currents; null = no value (no data, not supported).</summary>
internal readonly record struct WatchSample(DateTimeOffset At, decimal? Watts, decimal? CurrentR, decimal? CurrentT)
{
    /// <summary>Takes power and the currents from one Get's measurements (other quantities ignored).</summary>
    public static WatchSample From(DateTimeOffset at, IEnumerable<Measurement> measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        decimal? watts = null;
        decimal? r = null;
        decimal? t = null;
        foreach (var m in measurements.Where(m => m.HasValue))
        {
            switch (m.Quantity)
            {
                case Quantity.Power:
                    watts = m.Value;
                    break;
                case Quantity.CurrentR:
                    r = m.Value;
                    break;
                case Quantity.CurrentT:
                    t = m.Value;
                    break;
            }
        }

        return new WatchSample(at, watts, r, t);
    }
}
