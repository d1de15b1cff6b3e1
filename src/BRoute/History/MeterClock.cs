namespace BRoute.History;

/// <summary>
/// The meter's time zone: Japan Standard Time, UTC+9, with no daylight saving time. Meter dates
/// (E2 days, EA/EC/ED timestamps) are in this zone whatever the host's zone is.
/// </summary>
public static class MeterClock
{
    /// <summary>UTC+9.</summary>
    public static readonly TimeSpan Offset = EchonetLite.Meter.MeterTimeZone.Offset;

    /// <summary><paramref name="instant"/> as JST.</summary>
    public static DateTimeOffset ToMeterTime(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The meter's calendar date at <paramref name="instant"/>.</summary>
    public static DateOnly Today(DateTimeOffset instant) => DateOnly.FromDateTime(ToMeterTime(instant).DateTime);

    /// <summary>00:00 JST of <paramref name="day"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>
    /// A JST date-time from the meter's fields, or null if they are not a real date-time (e.g. the
    /// all-FF "never set" value of EC/ED).
    /// </summary>
    public static DateTimeOffset? TryCreate(int year, int month, int day, int hour, int minute, int second)
    {
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, hour, minute, second, Offset);
    }
}
