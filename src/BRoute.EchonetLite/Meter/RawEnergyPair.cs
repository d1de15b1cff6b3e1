namespace BRoute.EchonetLite.Meter;

/// <summary>One EC/EE slot as raw counts; null means "no data" (0xFFFFFFFE on the wire).</summary>
public readonly record struct RawEnergyPair(uint? Normal, uint? Reverse);
