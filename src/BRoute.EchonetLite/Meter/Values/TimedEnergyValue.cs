namespace BRoute.EchonetLite.Meter;

/// <summary>EA/EB: the cumulative energy at the latest 30-minute boundary, with its meter timestamp.</summary>
public sealed record TimedEnergyValue(DateTime Timestamp, EnergyReading Energy) : MeterValue;
