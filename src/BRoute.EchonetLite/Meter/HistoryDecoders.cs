using System.Buffers.Binary;

namespace BRoute.EchonetLite.Meter;

/// <summary>Decoders for the history properties E2/E4 (one day), EC/EE (pairs going back) and ED/EF (their settings).</summary>
internal static class HistoryDecoders
{
    private static readonly TimeSpan HalfHour = TimeSpan.FromMinutes(30);

    public static Outcome DayHistory(ReadOnlySpan<byte> edt, in DecodeContext ctx)
    {
        var dayField = BinaryPrimitives.ReadUInt16BigEndian(edt);
        int? day = dayField switch
        {
            MeterLimits.HistoryDayFieldUnset => null,
            <= MeterLimits.MaxHistoryDay => dayField,
            _ => -1,
        };
        if (day == -1)
        {
            return Outcome.Fail($"day field 0x{dayField:X4} is outside 0–99 and is not the unset code 0x00FF");
        }

        DateOnly? date = day is int d && ctx.MeterToday is DateOnly today && today.DayNumber >= d
            ? today.AddDays(-d)
            : null;
        var slots = new DayHistorySlot[MeterLimits.DayHistorySlots];
        for (var k = 0; k < slots.Length; k++)
        {
            if (!EnergyDecoders.TryEnergy(edt.Slice(2 + (4 * k), 4), ctx.Scale, $"slot {k}", out var reading, out var error))
            {
                return Outcome.Fail(error!);
            }

            var time = TimeOnly.FromTimeSpan(HalfHour * k);
            slots[k] = new DayHistorySlot(k, time, date?.ToDateTime(time), reading);
        }

        return Outcome.Ok(new DayHistoryValue(day, date, slots));
    }

    public static Outcome PairHistory(ReadOnlySpan<byte> edt, in DecodeContext ctx, TimeSpan interval, int maxSlots)
    {
        if (!MeterDateTime.TryRead(edt[..6], out var timestamp, out var error))
        {
            return Outcome.Fail(error!);
        }

        int count = edt[6];
        if (count < 1 || count > maxSlots)
        {
            return Outcome.Fail($"slot count {count} is outside 1–{maxSlots}");
        }

        if (edt.Length != 7 + (8 * count))
        {
            return Outcome.Fail($"slot count {count} needs {7 + (8 * count)} bytes, EDT is {edt.Length}");
        }

        if (timestamp is DateTime start && start.Ticks < interval.Ticks * (count - 1))
        {
            return Outcome.Fail($"date-time {start:yyyy-MM-dd HH:mm} minus {count - 1} slot(s) is before year 1");
        }

        var slots = new PairHistorySlot[count];
        for (var k = 0; k < count; k++)
        {
            var at = 7 + (8 * k);
            if (!EnergyDecoders.TryEnergy(edt.Slice(at, 4), ctx.Scale, $"slot {k} normal value", out var normal, out error)
                || !EnergyDecoders.TryEnergy(edt.Slice(at + 4, 4), ctx.Scale, $"slot {k} reverse value", out var reverse, out error))
            {
                return Outcome.Fail(error!);
            }

            slots[k] = new PairHistorySlot(k, timestamp - (interval * k), normal, reverse);
        }

        return Outcome.Ok(new PairHistoryValue(timestamp, interval, slots));
    }

    public static Outcome HistoryTime(ReadOnlySpan<byte> edt, int maxSlots)
    {
        if (!MeterDateTime.TryRead(edt[..6], out var timestamp, out var error))
        {
            return Outcome.Fail(error!);
        }

        if (timestamp is not DateTime t)
        {
            return Outcome.Of(ValueStatus.Unset);
        }

        int count = edt[6];
        return count >= 1 && count <= maxSlots
            ? Outcome.Ok(new HistorySettingValue(t, count))
            : Outcome.Fail($"slot count {count} is outside 1–{maxSlots}");
    }
}
