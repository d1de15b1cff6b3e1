namespace BRoute.EchonetLite.Meter;

/// <summary>A plain number with an optional unit: E7 watts, E1 kWh per count, D3, D7, E5, 0x84, 0x85, 0x87, 0x99, 0x9A, node-profile D3/D4.</summary>
/// <param name="Number">The value (exact).</param>
/// <param name="Unit">Its unit ("W", "kWh", "%", "digits", "s" …), or null.</param>
public sealed record NumberValue(decimal Number, string? Unit) : MeterValue;
