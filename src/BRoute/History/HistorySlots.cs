using System.Buffers.Binary;

namespace BRoute.History;

/// <summary>One half-hour (or one-minute) cumulative reading: its time and raw count, null when the meter has no data (0xFFFFFFFE).</summary>
public readonly record struct SlotReading(DateTimeOffset At, uint? Raw);

/// <summary>
/// Maps history EDTs to timestamped raw counts (meter-0288.md §3 slot timing). Raw counts only: the
/// coefficient (D3) and unit (E1) are applied by the meter model.
/// </summary>
public static class HistorySlots
{
    /// <summary>The "no data" count.</summary>
    public const uint NoData = 0xFFFFFFFE;

    /// <summary>EDT length of E2/E4: 2-byte day + 48 × 4 bytes.</summary>
    public const int DayHistoryLength = 194;

    /// <summary>Slots in one day.</summary>
    public const int SlotsPerDay = 48;

    /// <summary>The day field (E5 value it answers; 0x00FF = never set) of an E2/E4 EDT.</summary>
    public static bool TryReadDayField(ReadOnlySpan<byte> edt, out ushort day)
    {
        day = 0;
        if (edt.Length != DayHistoryLength)
        {
            return false;
        }

        day = BinaryPrimitives.ReadUInt16BigEndian(edt);
        return true;
    }

    /// <summary>E2/E4: slot k is the reading at <paramref name="day"/> 00:00 JST + 30 min × k.</summary>
    /// <exception cref="FormatException">The EDT is not 194 bytes.</exception>
    public static SlotReading[] MapDay(DateOnly day, ReadOnlySpan<byte> edt)
    {
        if (edt.Length != DayHistoryLength)
        {
            throw new FormatException($"E2/E4 data is {edt.Length} bytes; expected {DayHistoryLength} (2-byte day + 48 × 4)");
        }

        var start = MeterClock.StartOf(day);
        var slots = new SlotReading[SlotsPerDay];
        for (var k = 0; k < SlotsPerDay; k++)
        {
            slots[k] = new SlotReading(start.AddMinutes(30 * k), Count(edt[(2 + (4 * k))..]));
        }

        return slots;
    }

    /// <summary>
    /// EC (30-minute, up to 12 slots) or EE (1-minute, up to 10): 6-byte date-time, count n, then n ×
    /// (normal uint32, reverse uint32). Slot k is at the date-time − k × <paramref name="step"/>.
    /// Returns null for the "never set" default (no valid date-time).
    /// </summary>
    /// <exception cref="FormatException">The length does not match the count.</exception>
    public static (SlotReading Normal, SlotReading Reverse)[]? MapRecent(ReadOnlySpan<byte> edt, TimeSpan step)
    {
        if (edt.Length < 7)
        {
            throw new FormatException($"history data is {edt.Length} bytes; at least 7 (date-time and count) expected");
        }

        int n = edt[6];
        if (edt.Length != 7 + (8 * n))
        {
            throw new FormatException($"history data is {edt.Length} bytes but its count {n} needs {7 + (8 * n)}");
        }

        if (MeterClock.TryCreate(BinaryPrimitives.ReadUInt16BigEndian(edt), edt[2], edt[3], edt[4], edt[5], 0) is not { } at)
        {
            return null;
        }

        var result = new (SlotReading, SlotReading)[n];
        for (var k = 0; k < n; k++)
        {
            var t = at - (step * k);
            var o = 7 + (8 * k);
            result[k] = (new SlotReading(t, Count(edt[o..])), new SlotReading(t, Count(edt[(o + 4)..])));
        }

        return result;
    }

    private static uint? Count(ReadOnlySpan<byte> bytes)
    {
        var v = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        return v == NoData ? null : v;
    }
}
