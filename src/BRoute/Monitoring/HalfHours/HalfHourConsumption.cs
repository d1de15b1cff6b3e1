namespace BRoute.Monitoring;

/// <summary>
/// The energy of one half-hour: the difference between two consecutive cumulative registers, across the wrap at
/// 10^D7 counts (<see cref="MeterIdentity.WrapKwh"/>). Null whenever it cannot be known exactly — either register is
/// not a number ("no data", not supported, absent), or the register went down and the wrap is unknown.
/// </summary>
public static class HalfHourConsumption
{
    /// <summary>kWh from <paramref name="previous"/> (the slot 30 minutes earlier) to <paramref name="current"/>.</summary>
    /// <param name="previous">The register at the start of the half-hour.</param>
    /// <param name="current">The register at its end.</param>
    /// <param name="wrapKwh">Where the register wraps to 0, in kWh; null when unknown.</param>
    public static decimal? Between(SlotEnergy previous, SlotEnergy current, decimal? wrapKwh)
    {
        if (previous.Kwh is not decimal before || current.Kwh is not decimal after)
        {
            return null;
        }

        if (after >= before)
        {
            return after - before;
        }

        // Went down: the register passed 10^D7 − 1 and started again at 0 (one wrap per half-hour at most).
        return wrapKwh is decimal wrap && before < wrap ? after + wrap - before : null;
    }

    /// <summary>Import and export consumption of the half-hour ending at <paramref name="current"/>'s slot end.</summary>
    /// <exception cref="ArgumentException"><paramref name="previous"/> is not the slot 30 minutes before <paramref name="current"/>.</exception>
    public static (decimal? Import, decimal? Export) Of(HalfHour previous, HalfHour current, decimal? wrapKwh)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        if (current.SlotEnd - previous.SlotEnd != TimeSpan.FromMinutes(30))
        {
            throw new ArgumentException($"{previous.SlotEnd:O} is not the slot before {current.SlotEnd:O}", nameof(previous));
        }

        return (Between(previous.Import, current.Import, wrapKwh), Between(previous.Export, current.Export, wrapKwh));
    }
}
