using System.Globalization;
using System.Text.Json;

namespace BRoute.EchonetLite.Meter;

/// <summary>One slot of EC/EE: normal and reverse readings at one time.</summary>
/// <param name="Index">Slot number; slot 0 is at the property's date-time.</param>
/// <param name="Timestamp">Date-time − interval × index; null when the date-time is unset.</param>
/// <param name="Normal">Normal-direction reading.</param>
/// <param name="Reverse">Reverse-direction reading.</param>
public sealed record PairHistorySlot(int Index, DateTime? Timestamp, EnergyReading Normal, EnergyReading Reverse);

/// <summary>
/// EC (30-minute slots, up to 12) and EE (1-minute slots, up to 10): slot k is the reading at the
/// property's date-time minus k intervals, going back in time.
/// </summary>
/// <param name="Timestamp">Date-time of slot 0; null when the meter reports all-FF (never set).</param>
/// <param name="Interval">30 minutes for EC, 1 minute for EE.</param>
/// <param name="Slots">The slots, newest first.</param>
public sealed record PairHistoryValue(DateTime? Timestamp, TimeSpan Interval, IReadOnlyList<PairHistorySlot> Slots) : MeterValue
{
    /// <summary><see cref="ValueStatus.Unset"/> when the date-time is all-FF, else <see cref="ValueStatus.Ok"/>.</summary>
    public ValueStatus TimestampStatus => Timestamp is null ? ValueStatus.Unset : ValueStatus.Ok;

    /// <summary>
    /// Writes <c>{"timestamp":…,"timestamp_status":"ok","interval_minutes":30,"slots":[{"timestamp":…,"normal":{"kwh":…,"status":…},"reverse":{…}},…]}</c>.
    /// </summary>
    public override void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        MeterDateTime.WriteJson(writer, "timestamp", Timestamp);
        writer.WriteString("timestamp_status", TimestampStatus.ToJsonName());
        writer.WriteNumber("interval_minutes", (int)Interval.TotalMinutes);
        writer.WriteStartArray("slots");
        foreach (var slot in Slots)
        {
            writer.WriteStartObject();
            MeterDateTime.WriteJson(writer, "timestamp", slot.Timestamp);
            writer.WritePropertyName("normal");
            slot.Normal.WriteJsonObject(writer);
            writer.WritePropertyName("reverse");
            slot.Reverse.WriteJsonObject(writer);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    public override string ToDisplayString()
    {
        var withData = Slots.Count(s => s.Normal.Status == ValueStatus.Ok || s.Reverse.Status == ValueStatus.Ok);
        var start = Timestamp is DateTime t ? $"from {MeterDateTime.ToDisplay(t)} back" : "date-time unset";
        return string.Create(CultureInfo.InvariantCulture, $"{start}: {Slots.Count} × {(int)Interval.TotalMinutes} min, {withData} with data");
    }
}
