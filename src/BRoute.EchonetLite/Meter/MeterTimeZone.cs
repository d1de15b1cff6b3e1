namespace BRoute.EchonetLite.Meter;

/// <summary>
/// The meter's time zone: Japan Standard Time, UTC+9, no daylight saving time (meter-0288.md §6: the meter's
/// date-times are its local wall clock). The one definition of the offset; the client and the simulator use it.
/// </summary>
public static class MeterTimeZone
{
    /// <summary>UTC+9.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);
}
