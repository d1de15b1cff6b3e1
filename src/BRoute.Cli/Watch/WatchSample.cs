using BRoute.EchonetLite.Meter;

namespace BRoute.Cli.Watch;

/// <summary>One reading of <c>broute watch</c>: instantaneous power (E7) and currents (E8); null = no data.</summary>
internal readonly record struct WatchSample(DateTimeOffset At, decimal? Watts, decimal? CurrentR, decimal? CurrentT)
{
    /// <summary>Takes E7 and E8 from decoded properties (other EPCs ignored; "no data", errors and absent ones become null).</summary>
    public static WatchSample From(DateTimeOffset at, IEnumerable<DecodedProperty> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        decimal? watts = null;
        decimal? r = null;
        decimal? t = null;
        foreach (var p in properties)
        {
            switch (p.Value)
            {
                case NumberValue n when p.Epc == MeterEpc.InstantaneousPower:
                    watts = n.Number;
                    break;
                case CurrentValue c when p.Epc == MeterEpc.InstantaneousCurrent:
                    r = c.R;
                    t = c.T;
                    break;
            }
        }

        return new WatchSample(at, watts, r, t);
    }
}
