namespace BRoute.EchonetLite.Meter;

/// <summary>The unit table of EPC 0xE1 (meter-0288.md §4): kWh per raw count before the coefficient.</summary>
public static class EnergyUnit
{
    /// <summary>True for 0x00–0x04 and 0x0A–0x0D; every other code is undefined.</summary>
    public static bool IsDefined(byte code) => TryGetKwhPerCount(code, out _);

    /// <summary>Gets the multiplier for a unit code; false (and 0) for an undefined code.</summary>
    public static bool TryGetKwhPerCount(byte code, out decimal kwhPerCount)
    {
        kwhPerCount = code switch
        {
            0x00 => 1m,
            0x01 => 0.1m,
            0x02 => 0.01m,
            0x03 => 0.001m,
            0x04 => 0.0001m,
            0x0A => 10m,
            0x0B => 100m,
            0x0C => 1000m,
            0x0D => 10000m,
            _ => 0m,
        };
        return kwhPerCount != 0m;
    }
}
