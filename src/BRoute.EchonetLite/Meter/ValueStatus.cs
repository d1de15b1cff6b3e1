namespace BRoute.EchonetLite.Meter;

/// <summary>
/// What a decoded property (or one slot of a history) holds. Special meter codes are states, never numbers.
/// A property whose bytes could not be understood has no status at all: see <see cref="DecodedProperty.Error"/>.
/// </summary>
public enum ValueStatus
{
    /// <summary>A value is present.</summary>
    Ok,

    /// <summary>The meter sent its no-data code, e.g. 0xFFFFFFFE, 0x7FFFFFFE, 0x7FFE.</summary>
    NoData,

    /// <summary>A setting or date still holds its never-set default, e.g. all-FF date-time, day 0xFF.</summary>
    Unset,

    /// <summary>The meter cannot provide it: PDC 0 in an SNA reply, or not in its Get map.</summary>
    NotSupported,
}
