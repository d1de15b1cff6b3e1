namespace BRoute.EchonetLite.Meter;

/// <summary>
/// A string value: an enumeration code ("on", "fault", "not_booting"), ASCII text (0x8C/0x8D), a hex dump
/// (0x83, 0x8A, 0xC0, a 0x81 position, unknown EPCs), a code ("0x08" location, "0x41" remote control), a date
/// ("2020-03-14") or a time of day ("08:30").
/// </summary>
/// <param name="Text">The value.</param>
public sealed record TextValue(string Text) : MeterValue;
