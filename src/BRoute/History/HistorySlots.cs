using System.Buffers.Binary;
using BRoute.EchonetLite.Meter;

namespace BRoute.History;

/// <summary>One half-hour cumulative reading: its time and raw count, null when the meter has no data (0xFFFFFFFE).</summary>
public readonly record struct SlotReading(DateTimeOffset At, uint? Raw);

/// <summary>
/// Maps E2/E4 day-history EDTs to timestamped raw counts (meter-0288.md §3 slot timing). Raw counts only: the
/// coefficient (D3) and unit (E1) are applied by the meter model. EC/EE go through <see cref="MeterPropertyDecoder"/>.
/// </summary>
public static class HistorySlots
{
    /// <summary>The "no data" count.</summary>
    public const uint NoData = MeterLimits.EnergyNoData;

    /// <summary>EDT length of E2/E4: 2-byte day + 48 × 4 bytes.</summary>
    public const int DayHistoryLength = 2 + (4 * SlotsPerDay);

    /// <summary>Slots in one day.</summary>
    public const int SlotsPerDay = MeterLimits.DayHistorySlots;

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
    /// <exception cref="FormatException">
    /// The EDT is not 194 bytes, or a slot holds a count above <see cref="MeterLimits.MaxEnergyRaw"/> that is not the
    /// no-data code (meter-0288.md: 0–99,999,999): such a day is refused, as the meter model refuses the property,
    /// rather than turned into kWh.
    /// </exception>
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
            slots[k] = new SlotReading(start.AddMinutes(30 * k), Count(edt[(2 + (4 * k))..], k));
        }

        return slots;
    }

    private static uint? Count(ReadOnlySpan<byte> bytes, int slot)
    {
        var v = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        return v == NoData ? null
            : v <= MeterLimits.MaxEnergyRaw ? v
            : throw new FormatException($"slot {slot} holds {v}, outside 0–{MeterLimits.MaxEnergyRaw} and not the no-data code 0x{NoData:X8}");
    }
}
