using System.Text.Json;

namespace BRoute.EchonetLite.Meter;

/// <summary>EA/EB: the cumulative energy at the latest 30-minute boundary, with its meter timestamp.</summary>
public sealed record TimedEnergyValue(DateTime Timestamp, EnergyReading Energy) : MeterValue
{
    /// <summary>Writes <c>{"timestamp":"2020-03-14T08:30:00","kwh":8653.4}</c> (<c>"raw"</c> when the unit is unknown).</summary>
    public override void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("timestamp", MeterDateTime.ToJson(Timestamp));
        Energy.WriteJsonFields(writer);
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    public override string ToDisplayString() => $"{MeterDateTime.ToDisplay(Timestamp)} {Energy.ToDisplayString()}";
}
