using System.Globalization;
using System.Text.Json;

namespace BRoute.EchonetLite.Meter;

/// <summary>ED/EF: the date-time and number of slots that EC/EE will return.</summary>
public sealed record HistorySettingValue(DateTime Timestamp, int Count) : MeterValue
{
    /// <summary>Writes <c>{"timestamp":"2020-03-14T08:30:00","count":6}</c>.</summary>
    public override void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("timestamp", MeterDateTime.ToJson(Timestamp));
        writer.WriteNumber("count", Count);
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    public override string ToDisplayString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Timestamp:yyyy-MM-dd HH:mm}, {Count} slot(s)");
}
