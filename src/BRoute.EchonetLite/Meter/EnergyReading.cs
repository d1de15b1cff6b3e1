namespace BRoute.EchonetLite.Meter;

/// <summary>
/// One cumulative-energy reading: the raw count (null for the no-data code 0xFFFFFFFE) and, when
/// the unit is known, the exact kWh (raw × coefficient × unit, in decimal).
/// </summary>
public readonly record struct EnergyReading
{
    private EnergyReading(uint? raw, decimal? kwh, bool unitKnown)
    {
        Raw = raw;
        Kwh = kwh;
        UnitKnown = unitKnown;
    }

    /// <summary>Raw counter value; null when the meter sent "no data".</summary>
    public uint? Raw { get; }

    /// <summary>kWh; null when there is no data or the unit is unknown.</summary>
    public decimal? Kwh { get; }

    /// <summary>True when the scale's unit was known, so <see cref="Kwh"/> is set whenever there is data.</summary>
    public bool UnitKnown { get; }

    /// <summary><see cref="ValueStatus.Ok"/> or <see cref="ValueStatus.NoData"/>.</summary>
    public ValueStatus Status => Raw is null ? ValueStatus.NoData : ValueStatus.Ok;

    /// <summary>A reading from a raw field; <see cref="MeterLimits.EnergyNoData"/> becomes no data.</summary>
    public static EnergyReading FromRaw(uint raw, EnergyScale scale)
    {
        var unitKnown = scale.IsUnitKnown;
        return raw == MeterLimits.EnergyNoData
            ? new EnergyReading(null, null, unitKnown)
            : new EnergyReading(raw, scale.ToKwh(raw), unitKnown);
    }
}
