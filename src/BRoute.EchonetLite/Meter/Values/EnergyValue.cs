using System.Text.Json;

namespace BRoute.EchonetLite.Meter;

/// <summary>
/// A cumulative energy (E0, E3): JSON number in kWh, or <c>{"raw":86536}</c> when the unit is unknown.
/// </summary>
public sealed record EnergyValue(EnergyReading Energy) : MeterValue
{
    /// <inheritdoc/>
    public override void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Energy.UnitKnown && Energy.Kwh is decimal kwh)
        {
            writer.WriteNumberValue(kwh);
            return;
        }

        writer.WriteStartObject();
        Energy.WriteJsonFields(writer);
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    public override string ToDisplayString() => Energy.ToDisplayString();
}
