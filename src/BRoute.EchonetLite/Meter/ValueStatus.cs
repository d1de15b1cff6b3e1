namespace BRoute.EchonetLite.Meter;

/// <summary>
/// What a decoded property (or one slot of a history) holds. Special meter codes are states, never numbers.
/// A property whose bytes could not be understood has no status at all: see <see cref="DecodedProperty.Error"/>.
/// </summary>
public enum ValueStatus
{
    /// <summary>A value is present ("ok").</summary>
    Ok,

    /// <summary>The meter sent its no-data code, e.g. 0xFFFFFFFE, 0x7FFFFFFE, 0x7FFE ("no_data").</summary>
    NoData,

    /// <summary>A setting or date still holds its never-set default, e.g. all-FF date-time, day 0xFF ("unset").</summary>
    Unset,

    /// <summary>The meter cannot provide it: PDC 0 in an SNA reply, or not in its Get map ("not_supported").</summary>
    NotSupported,
}

/// <summary>JSON names of <see cref="ValueStatus"/>.</summary>
public static class ValueStatusExtensions
{
    /// <summary>"ok", "no_data", "unset" or "not_supported".</summary>
    public static string ToJsonName(this ValueStatus status) => status switch
    {
        ValueStatus.Ok => "ok",
        ValueStatus.NoData => "no_data",
        ValueStatus.Unset => "unset",
        ValueStatus.NotSupported => "not_supported",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "undefined value status"),
    };

    /// <summary>Short text for a table: "ok", "no data", "unset", "not supported".</summary>
    public static string ToDisplayString(this ValueStatus status) => status.ToJsonName().Replace('_', ' ');
}
