namespace BRoute.EchonetLite.Meter;

/// <summary>
/// E8 instantaneous currents in A (0.1 A resolution). A phase is null when the meter sent 0x7FFE;
/// a single-phase 2-wire meter does so for T.
/// </summary>
public sealed record CurrentValue(decimal? R, decimal? T) : MeterValue;
