using System.Buffers.Binary;
using BRoute.EchonetLite.Frames;

namespace BRoute.History;

/// <summary>The property blocks of the history reads (AIF fig. 3-6; meter-0288.md §3 "atomicity").</summary>
public static class HistoryRequests
{
    /// <summary>EPC of the day selector for E2/E4.</summary>
    public const byte DaySelector = 0xE5;

    /// <summary>Deepest day the meter keeps (E5 = 0 today … 99).</summary>
    public const int MaxDaysBack = 99;

    /// <summary>SetC E5 = <paramref name="daysBack"/> (0 = today).</summary>
    public static EchonetProperty SetDay(int daysBack)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(daysBack);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(daysBack, MaxDaysBack);
        return new EchonetProperty(DaySelector, new[] { (byte)daysBack });
    }

    /// <summary>The Get after SetC E5: E2, plus E4 when the meter measures reverse flow.</summary>
    public static byte[] DayGetEpcs(bool includeReverse) => includeReverse ? [0xE2, 0xE4] : [0xE2];

    /// <summary>
    /// True when the meter exports (reverse-direction metering): its Get map lists E4 or E3. With
    /// no map yet, false (E4 is then not asked; the map read comes first at start-up).
    /// </summary>
    public static bool MetersReverse(IReadOnlySet<byte>? getPropertyMap) =>
        getPropertyMap is not null && (getPropertyMap.Contains(0xE4) || getPropertyMap.Contains(0xE3));

    /// <summary>SetC ED: the newest 30-minute slot (JST, minute 0 or 30) and how many slots back (1–12) EC returns.</summary>
    public static EchonetProperty SetRecentHalfHours(DateTimeOffset newestSlot, int count)
    {
        var t = MeterClock.ToMeterTime(newestSlot);
        if (t.Minute is not (0 or 30) || t.Second != 0 || t.Millisecond != 0)
        {
            throw new ArgumentException("an ED slot starts at minute 0 or 30", nameof(newestSlot));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 12);
        return new EchonetProperty(0xED, DateTimeAndCount(t, count));
    }

    /// <summary>SetC EF: the newest minute (JST) and how many minutes back (1–10) EE returns.</summary>
    public static EchonetProperty SetRecentMinutes(DateTimeOffset newestMinute, int count)
    {
        var t = MeterClock.ToMeterTime(newestMinute);
        if (t.Second != 0 || t.Millisecond != 0)
        {
            throw new ArgumentException("an EF slot starts on a whole minute", nameof(newestMinute));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 10);
        return new EchonetProperty(0xEF, DateTimeAndCount(t, count));
    }

    private static byte[] DateTimeAndCount(DateTimeOffset t, int count)
    {
        var edt = new byte[7];
        BinaryPrimitives.WriteUInt16BigEndian(edt, (ushort)t.Year);
        edt[2] = (byte)t.Month;
        edt[3] = (byte)t.Day;
        edt[4] = (byte)t.Hour;
        edt[5] = (byte)t.Minute;
        edt[6] = (byte)count;
        return edt;
    }
}
