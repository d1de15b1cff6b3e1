using System.Text.Json;

namespace BRoute.EchonetLite.Meter;

/// <summary>D0: normal and reverse cumulative energy at one timestamp (one-minute resolution).</summary>
public sealed record OneMinuteEnergyValue(DateTime Timestamp, EnergyReading Normal, EnergyReading Reverse) : MeterValue
{
    /// <summary>Writes <c>{"timestamp":…,"normal":{"kwh":…,"status":…},"reverse":{…}}</c>.</summary>
    public override void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("timestamp", MeterDateTime.ToJson(Timestamp));
        writer.WritePropertyName("normal");
        Normal.WriteJsonObject(writer);
        writer.WritePropertyName("reverse");
        Reverse.WriteJsonObject(writer);
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    public override string ToDisplayString() =>
        $"{MeterDateTime.ToDisplay(Timestamp)} normal {Normal.ToDisplayString()}, reverse {Reverse.ToDisplayString()}";
}
