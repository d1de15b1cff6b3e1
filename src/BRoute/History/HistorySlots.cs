using BRoute.EchonetLite.Meter;

namespace BRoute.History;

/// <summary>
/// The shape of E2/E4 day history (meter-0288.md §3): 48 half-hour readings per JST day, slot k at 00:00 + 30 min × k.
/// The bytes are decoded by the meter model (<see cref="MeterPropertyDecoder"/> → <see cref="DayHistoryValue"/>), once.
/// </summary>
public static class HistorySlots
{
    /// <summary>EDT length of E2/E4: 2-byte day + 48 × 4 bytes.</summary>
    public const int DayHistoryLength = 2 + (4 * SlotsPerDay);

    /// <summary>Slots in one day.</summary>
    public const int SlotsPerDay = MeterLimits.DayHistorySlots;

    /// <summary>The length of one slot.</summary>
    public static readonly TimeSpan SlotLength = TimeSpan.FromMinutes(30);
}
