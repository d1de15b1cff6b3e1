using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;

namespace BRoute.History;

/// <summary>The property blocks of the history reads (AIF fig. 3-6; meter-0288.md §3 "atomicity"), encoded by <see cref="MeterValueEncoder"/>.</summary>
public static class HistoryRequests
{
    /// <summary>EPC of the day selector for E2/E4.</summary>
    public const byte DaySelector = MeterEpc.History1Day;

    /// <summary>Deepest day the meter keeps (E5 = 0 today … 99).</summary>
    public const int MaxDaysBack = MeterLimits.MaxHistoryDay;

    /// <summary>SetC E5 = <paramref name="daysBack"/> (0 = today).</summary>
    public static EchonetProperty SetDay(int daysBack) => new(DaySelector, MeterValueEncoder.HistoryDay(daysBack));

    /// <summary>The Get after SetC E5: E2, plus E4 when the meter measures reverse flow.</summary>
    public static byte[] DayGetEpcs(bool includeReverse) =>
        includeReverse ? [MeterEpc.CumulativeEnergyHistory1Normal, MeterEpc.CumulativeEnergyHistory1Reverse] : [MeterEpc.CumulativeEnergyHistory1Normal];

    /// <summary>
    /// True when the meter exports (reverse-direction metering): its Get map lists E4 or E3. With
    /// no map yet, false (E4 is then not asked; the map read comes first at start-up).
    /// </summary>
    public static bool MetersReverse(IReadOnlySet<byte>? getPropertyMap) =>
        getPropertyMap is not null
        && (getPropertyMap.Contains(MeterEpc.CumulativeEnergyHistory1Reverse) || getPropertyMap.Contains(MeterEpc.CumulativeEnergyReverse));

    /// <summary>SetC ED: the newest 30-minute slot (JST, minute 0 or 30) and how many slots back (1–12) EC returns.</summary>
    public static EchonetProperty SetRecentHalfHours(DateTimeOffset newestSlot, int count) =>
        new(MeterEpc.History2Time, MeterValueEncoder.History2Time(MeterClock.ToMeterTime(newestSlot).DateTime, count));

    /// <summary>SetC EF: the newest minute (JST) and how many minutes back (1–10) EE returns.</summary>
    public static EchonetProperty SetRecentMinutes(DateTimeOffset newestMinute, int count) =>
        new(MeterEpc.History3Time, MeterValueEncoder.History3Time(MeterClock.ToMeterTime(newestMinute).DateTime, count));
}
