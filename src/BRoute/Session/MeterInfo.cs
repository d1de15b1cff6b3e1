using BRoute.EchonetLite.Meter;

namespace BRoute.Session;

/// <summary>
/// What the session read from the meter once after connecting: the Get property map (0x9F), coefficient (D3),
/// unit (E1) and effective digits (D7), and the energy scale built from them.
/// </summary>
public sealed record MeterInfo
{
    /// <summary>EPCs the meter says it answers a Get for; null when it gave no map (then nothing is filtered).</summary>
    public IReadOnlySet<byte>? GetPropertyMap { get; init; }

    /// <summary>D3 as read; null when the meter does not have it or refused it (coefficient 1 is then assumed).</summary>
    public uint? Coefficient { get; init; }

    /// <summary>True when no D3 was available and coefficient 1 is used.</summary>
    public bool CoefficientAssumed => Coefficient is null;

    /// <summary>E1 unit code in use; null only when E1 was missing and <see cref="MeterSessionOptions.AssumeUnitWhenMissing"/> is off.</summary>
    public byte? UnitCode { get; init; }

    /// <summary>True when the meter gave no (valid) E1 and 0x00 = 1 kWh per count is assumed.</summary>
    public bool UnitAssumed { get; init; }

    /// <summary>D7: decimal digits of the raw counters (they wrap at 10^D7); null when not read.</summary>
    public byte? EffectiveDigits { get; init; }

    /// <summary>kWh = raw × coefficient × unit; the scale every energy of this session is decoded with.</summary>
    public EnergyScale Scale { get; init; }

    /// <summary>The 9F, D3, D7, E1 properties as decoded (answers to later reads of these EPCs come from here).</summary>
    public IReadOnlyDictionary<byte, DecodedProperty> Properties { get; init; } = new Dictionary<byte, DecodedProperty>();

    /// <summary>kWh per raw count, or null when the unit is unknown.</summary>
    public decimal? KwhPerCount => Scale.TryGetKwhPerCount(out var k) ? k : null;

    /// <summary>One line for a user: "coefficient 1 (assumed), unit 0.1 kWh, 6 digits, 29 readable properties".</summary>
    public override string ToString()
    {
        var coefficient = Coefficient is { } c ? $"coefficient {c}" : "coefficient 1 (assumed: the meter has no D3)";
        var unit = KwhPerCount is { } k
            ? $"unit {(UnitCode is { } code && EnergyUnit.TryGetKwhPerCount(code, out var u) ? u : k)} kWh{(UnitAssumed ? " (assumed: the meter gave no E1)" : string.Empty)}"
            : "unit unknown";
        var digits = EffectiveDigits is { } d ? $"{d} digits" : "digits unknown";
        var map = GetPropertyMap is { } m ? $"{m.Count} readable properties" : "no Get property map";
        return $"{coefficient}, {unit}, {digits}, {map}";
    }
}
