namespace BRoute.EchonetLite.Meter;

/// <summary>
/// A typed property value. Pattern-match on the derived types (<see cref="NumberValue"/>,
/// <see cref="EnergyValue"/>, <see cref="CurrentValue"/>, <see cref="TimedEnergyValue"/>, …).
/// Values carry numbers, units and states only; their JSON and display text belong to the outputs
/// (the BRoute client's <c>BRoute.Decoding.ValueJson</c> and <c>ValueText</c>).
/// </summary>
public abstract record MeterValue;
