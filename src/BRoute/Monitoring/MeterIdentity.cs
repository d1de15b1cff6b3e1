namespace BRoute.Monitoring;

/// <summary>
/// Who a meter is, as far as the session learned it. <see cref="Id"/> is the key every output uses: the MAC
/// address (16 upper-case hex digits), known from the PAN before anything is read and stable for the meter's life.
/// </summary>
/// <param name="Id">The MAC as 16 upper-case hex digits, e.g. "001C640000A1B2C3".</param>
/// <param name="MakerCode">0x8A, 3 bytes as 6 hex digits; null when not read.</param>
/// <param name="SerialNumber">0x8D production number; null when not read.</param>
/// <param name="StandardVersion">0x82 (e.g. "Appendix F"); null when not read.</param>
/// <param name="Coefficient">D3; null when the meter has none (1 is then used).</param>
/// <param name="KwhPerCount">E1 as kWh per count; null when the unit is unknown.</param>
/// <param name="EffectiveDigits">D7: the registers wrap at 10^D7 counts; null when not read.</param>
/// <param name="MeasuresExport">True when the meter offers the reverse direction (E3/E4/EB in its Get map).</param>
/// <param name="SinglePhaseTwoWire">True when the meter has no phase T (E8's T is 0x7FFE on a 2-wire meter).</param>
public sealed record MeterIdentity(
    string Id,
    string? MakerCode,
    string? SerialNumber,
    string? StandardVersion,
    uint? Coefficient,
    decimal? KwhPerCount,
    byte? EffectiveDigits,
    bool MeasuresExport,
    bool SinglePhaseTwoWire)
{
    /// <summary>kWh at which the registers wrap (10^D7 × coefficient × unit); null when digits or unit are unknown.</summary>
    public decimal? WrapKwh => EffectiveDigits is byte d && KwhPerCount is decimal k
        ? Pow10(d) * (Coefficient ?? 1) * k
        : null;

    private static decimal Pow10(int digits)
    {
        decimal value = 1;
        for (var i = 0; i < digits; i++)
        {
            value *= 10;
        }

        return value;
    }
}
