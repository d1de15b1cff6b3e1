namespace BRoute.EchonetLite.Meter;

/// <summary>
/// Arithmetic on the meter's cumulative-energy counter, which has D7 decimal digits and so
/// wraps to 0 after 10^D7 − 1 (meter-0288.md §5: an inference, not stated by the sources).
/// </summary>
public static class EnergyCounter
{
    /// <summary>10^<paramref name="digits"/>: the count at which the counter wraps.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="digits"/> is not 1–8.</exception>
    public static uint Modulus(int digits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, MeterLimits.MinEffectiveDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, MeterLimits.MaxEffectiveDigits);
        var m = 1u;
        for (var i = 0; i < digits; i++)
        {
            m *= 10;
        }

        return m;
    }

    /// <summary>
    /// Raw counts consumed from <paramref name="previousRaw"/> to <paramref name="currentRaw"/>,
    /// assuming at most one wrap in between: a smaller current value means the counter passed 10^digits.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="digits"/> is not 1–8, or a reading does not fit in that many digits.
    /// </exception>
    public static uint Delta(uint previousRaw, uint currentRaw, int digits)
    {
        var modulus = Modulus(digits);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(previousRaw, modulus);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(currentRaw, modulus);
        return currentRaw >= previousRaw ? currentRaw - previousRaw : modulus - previousRaw + currentRaw;
    }

    /// <summary>
    /// The raw counter a meter would show for a true total of <paramref name="kwh"/>: whole counts
    /// (rounded down, as a register does), wrapped at 10^digits. For the simulator.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kwh"/> is negative or <paramref name="digits"/> is not 1–8.</exception>
    /// <exception cref="ArgumentException"><paramref name="scale"/> has no known unit, or its coefficient is not positive.</exception>
    public static uint FromKwh(decimal kwh, EnergyScale scale, int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(kwh);
        var modulus = Modulus(digits);
        if (!scale.TryGetKwhPerCount(out var kwhPerCount) || kwhPerCount <= 0)
        {
            throw new ArgumentException("the scale needs a known unit and a positive coefficient", nameof(scale));
        }

        var counts = decimal.Floor(kwh / kwhPerCount);
        return (uint)(counts % modulus);
    }
}
