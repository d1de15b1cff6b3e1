namespace BRoute.EchonetLite.Meter;

/// <summary>D0: normal and reverse cumulative energy at one timestamp (one-minute resolution).</summary>
public sealed record OneMinuteEnergyValue(DateTime Timestamp, EnergyReading Normal, EnergyReading Reverse) : MeterValue;
