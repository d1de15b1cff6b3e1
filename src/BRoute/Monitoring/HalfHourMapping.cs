using BRoute.EchonetLite.Meter;
using BRoute.Notifications;
using BRoute.Session;

namespace BRoute.Monitoring;

/// <summary>
/// Every source of a half-hour → <see cref="HalfHour"/>, in one place. This file: the meter's 30-minute EA/EB
/// notifications (INF/INFC) and EA/EB answers to a Get. EA and EB of the same instant become one half-hour with both
/// directions; a "no data" register stays <see cref="SlotEnergy.NoData"/>; a timestamp that is not a real date-time
/// (all-FF, unset) gives no half-hour, since the slot cannot be known.
/// </summary>
public static partial class HalfHourMapping
{
    /// <summary>The half-hours an INF/INFC announced (EA and/or EB), scaled with <paramref name="scale"/> (the session's).</summary>
    public static IReadOnlyList<HalfHour> FromNotification(string meterId, SessionNotification notification, EnergyScale scale)
    {
        ArgumentException.ThrowIfNullOrEmpty(meterId);
        ArgumentNullException.ThrowIfNull(notification);
        var registers = new List<(DateTimeOffset At, bool Import, SlotEnergy Energy)>();
        foreach (var n in notification.Notifications)
        {
            if (n is FixedTimeEnergyNotification { At: DateTimeOffset at } fixedTime)
            {
                var energy = fixedTime.Raw is uint raw ? SlotEnergy.From(EnergyReading.FromRaw(raw, scale)) : SlotEnergy.NoData;
                registers.Add((at, fixedTime.Direction == EnergyDirection.Normal, energy));
            }
        }

        return Combine(meterId, registers, ValueSource.Notification);
    }

    /// <summary>The half-hours of EA/EB in a Get's answer (other EPCs are ignored).</summary>
    public static IReadOnlyList<HalfHour> FromReading(string meterId, MeterReading reading)
    {
        ArgumentException.ThrowIfNullOrEmpty(meterId);
        ArgumentNullException.ThrowIfNull(reading);
        var registers = new List<(DateTimeOffset At, bool Import, SlotEnergy Energy)>();
        foreach (var p in reading.Properties)
        {
            if (p.Epc is MeterEpc.CumulativeEnergyFixedTimeNormal or MeterEpc.CumulativeEnergyFixedTimeReverse
                && p.ClassCode == PropertyCatalog.SmartMeterClass
                && p.Value is TimedEnergyValue timed)
            {
                var energy = SlotEnergy.From(timed.Energy);
                if (!energy.IsAbsent)
                {
                    registers.Add((new DateTimeOffset(timed.Timestamp, History.MeterClock.Offset), p.Epc == MeterEpc.CumulativeEnergyFixedTimeNormal, energy));
                }
            }
        }

        return Combine(meterId, registers, ValueSource.Get);
    }

    private static List<HalfHour> Combine(string meterId, List<(DateTimeOffset At, bool Import, SlotEnergy Energy)> registers, ValueSource source)
    {
        var slots = new List<HalfHour>();
        foreach (var group in registers.GroupBy(r => r.At))
        {
            var import = group.LastOrDefault(r => r.Import).Energy;
            var export = group.LastOrDefault(r => !r.Import).Energy;
            slots.Add(new HalfHour(meterId, History.MeterClock.ToMeterTime(group.Key), import, export, source));
        }

        return slots;
    }
}
