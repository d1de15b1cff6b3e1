namespace BRoute.EchonetLite.Meter;

/// <summary>
/// A cumulative energy (E0, E3): JSON number in kWh, or <c>{"raw":86536}</c> when the unit is unknown.
/// </summary>
public sealed record EnergyValue(EnergyReading Energy) : MeterValue;
