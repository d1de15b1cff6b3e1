using System.Globalization;
using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;

namespace BRoute.Storage.Schema;

/// <summary>How values are spelled in the store: times as Unix milliseconds, kWh as exact decimal text, statuses and sources as words.</summary>
internal static class DbValues
{
    /// <summary>Japan Standard Time: every meter time is +09:00, with no daylight saving.</summary>
    public static readonly TimeSpan Jst = MeterTimeZone.Offset;

    public static long Time(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(Jst);

    public static string Kwh(decimal kwh) => kwh.ToString(CultureInfo.InvariantCulture);

    public static decimal Kwh(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>The stored word of a status (the store's own spelling: it must not change with an output format).</summary>
    public static string? Status(SlotEnergy energy) => energy.Status switch
    {
        null => null,
        ValueStatus.Ok => "ok",
        ValueStatus.NoData => "no_data",
        ValueStatus.Unset => "unset",
        ValueStatus.NotSupported => "not_supported",
        var other => throw new ArgumentOutOfRangeException(nameof(energy), other, "undefined value status"),
    };

    public static string Source(ValueSource source) => source switch
    {
        ValueSource.Get => "get",
        ValueSource.Notification => "notification",
        ValueSource.History => "history",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "undefined source"),
    };

    public static ValueSource? Source(string? text) => text switch
    {
        "get" => ValueSource.Get,
        "notification" => ValueSource.Notification,
        "history" => ValueSource.History,
        _ => null,
    };

    /// <summary>A stored direction back as the seam's value.</summary>
    public static SlotEnergy Energy(string? status, string? kwh) => status switch
    {
        null => SlotEnergy.Absent,
        "ok" when kwh is not null => SlotEnergy.Of(Kwh(kwh)),
        "no_data" => SlotEnergy.NoData,
        "not_supported" => SlotEnergy.NotSupported,
        _ => SlotEnergy.Absent,
    };

    /// <summary>Slot ends lie on :00 and :30.</summary>
    public static readonly TimeSpan Slot = TimeSpan.FromMinutes(30);

    /// <summary>The first slot end at or after <paramref name="at"/>.</summary>
    public static DateTimeOffset CeilingSlot(DateTimeOffset at)
    {
        var ms = Time(at);
        var slot = (long)Slot.TotalMilliseconds;
        var ceiling = ((ms + slot - 1) / slot) * slot;
        return Time(ceiling);
    }
}
