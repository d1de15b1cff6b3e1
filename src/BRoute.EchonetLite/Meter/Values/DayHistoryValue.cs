using System.Globalization;
using System.Text.Json;

namespace BRoute.EchonetLite.Meter;

/// <summary>One half-hour slot of E2/E4.</summary>
/// <param name="Index">Slot number 0–47.</param>
/// <param name="Time">Time of day of the reading: 00:00 + 30 min × index.</param>
/// <param name="Timestamp">Full meter timestamp; null when the day is unset or the caller gave no date for "today".</param>
/// <param name="Energy">The reading.</param>
public sealed record DayHistorySlot(int Index, TimeOnly Time, DateTime? Timestamp, EnergyReading Energy);

/// <summary>
/// E2/E4: 48 half-hour readings of one day. The day is given by the meter as "days back from
/// today" (0–99), so absolute timestamps need the meter's current date from the caller.
/// </summary>
/// <param name="Day">Days back (0 = today); null when the meter reports 0x00FF (never set).</param>
/// <param name="Date">The calendar date of the slots; null when the day is unset or "today" was not supplied.</param>
/// <param name="Slots">Always 48 slots, oldest (00:00) first.</param>
public sealed record DayHistoryValue(int? Day, DateOnly? Date, IReadOnlyList<DayHistorySlot> Slots) : MeterValue
{
    /// <summary><see cref="ValueStatus.Unset"/> when the day field is 0x00FF, else <see cref="ValueStatus.Ok"/>.</summary>
    public ValueStatus DayStatus => Day is null ? ValueStatus.Unset : ValueStatus.Ok;

    /// <summary>
    /// Writes <c>{"day":1,"day_status":"ok","date":"2020-03-13","slots":[{"time":"00:00","timestamp":…,"kwh":…,"status":"ok"},…]}</c>.
    /// </summary>
    public override void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumberOrNull("day", Day);
        writer.WriteString("day_status", DayStatus.ToJsonName());
        writer.WriteString("date", Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        writer.WriteStartArray("slots");
        foreach (var slot in Slots)
        {
            writer.WriteStartObject();
            writer.WriteString("time", slot.Time.ToString("HH:mm", CultureInfo.InvariantCulture));
            MeterDateTime.WriteJson(writer, "timestamp", slot.Timestamp);
            slot.Energy.WriteJsonFields(writer);
            writer.WriteString("status", slot.Energy.Status.ToJsonName());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    public override string ToDisplayString()
    {
        var withData = Slots.Count(s => s.Energy.Status == ValueStatus.Ok);
        var day = Day switch
        {
            null => "day unset",
            int d when Date is DateOnly date => string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd} ({d} day(s) back)"),
            int d => string.Create(CultureInfo.InvariantCulture, $"{d} day(s) back"),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{day}: {Slots.Count} slots, {withData} with data");
    }
}
