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
}
