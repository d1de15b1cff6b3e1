using System.Globalization;
using System.Text.Json;

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

    /// <summary>Writes <c>"kwh":8653.4</c>, or <c>"raw":86534</c> when the unit is unknown (null when no data).</summary>
    public void WriteJsonFields(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (UnitKnown)
        {
            writer.WriteNumberOrNull("kwh", Kwh);
        }
        else
        {
            writer.WriteNumberOrNull("raw", Raw);
        }
    }

    /// <summary>Writes <c>{"kwh":…,"status":"ok"}</c> (or <c>"raw"</c> in place of <c>"kwh"</c>).</summary>
    public void WriteJsonObject(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        WriteJsonFields(writer);
        writer.WriteString("status", Status.ToJsonName());
        writer.WriteEndObject();
    }

    /// <summary>"8653.4 kWh", "86534 (raw count, unit unknown)" or "no data".</summary>
    public string ToDisplayString() => (Raw, Kwh) switch
    {
        (null, _) => "no data",
        (_, decimal kwh) => string.Create(CultureInfo.InvariantCulture, $"{kwh} kWh"),
        (uint raw, null) => string.Create(CultureInfo.InvariantCulture, $"{raw} (raw count, unit unknown)"),
    };

    /// <inheritdoc/>
    public override string ToString() => ToDisplayString();
}
