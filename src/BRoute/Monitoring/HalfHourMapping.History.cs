using BRoute.EchonetLite.Meter;
using BRoute.History;
using BRoute.Session;

namespace BRoute.Monitoring;

/// <summary>
/// The one place where a source's values become <see cref="HalfHour"/>s. This half: the meter's history — E2/E4 day
/// history (already decoded once by the meter model into <see cref="DayHistory"/>) and EC recent half-hours
/// (<see cref="PairHistoryValue"/>). "No data" (0xFFFFFFFE) stays <see cref="SlotEnergy.NoData"/>, never a number; a
/// reading whose unit (E1) is unknown is not kWh and maps to <see cref="SlotEnergy.Absent"/>.
/// </summary>
public static partial class HalfHourMapping
{
    /// <summary>
    /// The 48 half-hours of a day read with E2 (and E4), oldest first, each stamped with the slot's instant in JST
    /// (day 00:00 + 30 min × k) and <see cref="ValueSource.History"/>; nothing for a day that is not
    /// <see cref="DayHistoryStatus.Complete"/>. Export is <see cref="SlotEnergy.Absent"/> when the day carries no E4.
    /// </summary>
    /// <exception cref="ArgumentException">The E4 slots do not line up with the E2 slots.</exception>
    public static IReadOnlyList<HalfHour> FromDayHistory(string meterId, DayHistory day)
    {
        ArgumentException.ThrowIfNullOrEmpty(meterId);
        ArgumentNullException.ThrowIfNull(day);
        if (day.Status != DayHistoryStatus.Complete)
        {
            return [];
        }

        if (day.Reverse is { } reverse && reverse.Count != day.Normal.Count)
        {
            throw new ArgumentException($"day {day.Day:yyyy-MM-dd} has {day.Normal.Count} E2 but {reverse.Count} E4 slots", nameof(day));
        }

        var halfHours = new HalfHour[day.Normal.Count];
        for (var k = 0; k < halfHours.Length; k++)
        {
            var normal = day.Normal[k];
            var export = SlotEnergy.Absent;
            if (day.Reverse is { } r)
            {
                if (r[k].At != normal.At)
                {
                    throw new ArgumentException($"E2 slot {normal.At:O} and E4 slot {r[k].At:O} are not the same time", nameof(day));
                }

                export = SlotEnergy.From(r[k].Energy);
            }

            halfHours[k] = new HalfHour(meterId, MeterClock.ToMeterTime(normal.At), SlotEnergy.From(normal.Energy), export, ValueSource.History);
        }

        return halfHours;
    }

    /// <summary>
    /// The half-hours of an EC read (up to 12 slots going back from the ED date-time), newest first as the meter
    /// gives them, with <see cref="ValueSource.History"/>; nothing when the date-time is unset. Slots that do not fall
    /// on a :00/:30 boundary are skipped (EC's minute is 0x00 or 0x1E; anything else is not a half-hour).
    /// </summary>
    public static IReadOnlyList<HalfHour> FromRecentHalfHours(string meterId, PairHistoryValue recent)
    {
        ArgumentException.ThrowIfNullOrEmpty(meterId);
        ArgumentNullException.ThrowIfNull(recent);
        if (recent.Interval != HistorySlots.SlotLength)
        {
            return [];
        }

        var halfHours = new List<HalfHour>(recent.Slots.Count);
        foreach (var slot in recent.Slots)
        {
            if (slot.Timestamp is DateTime at && at.Second == 0 && at.Minute is 0 or 30)
            {
                halfHours.Add(new HalfHour(meterId, new DateTimeOffset(at, MeterClock.Offset), SlotEnergy.From(slot.Normal), SlotEnergy.From(slot.Reverse), ValueSource.History));
            }
        }

        return halfHours;
    }

    /// <summary>The decoded EC of <see cref="MeterSession.ReadRecentHalfHoursAsync"/> as half-hours; nothing unless it holds a value.</summary>
    public static IReadOnlyList<HalfHour> FromRecentHalfHours(string meterId, DecodedProperty recent)
    {
        ArgumentNullException.ThrowIfNull(recent);
        return recent.Value is PairHistoryValue value ? FromRecentHalfHours(meterId, value) : [];
    }
}
