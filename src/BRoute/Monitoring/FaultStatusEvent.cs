namespace BRoute.Monitoring;

/// <summary>
/// The meter's fault status (super-class 0x88: 0x41 fault, 0x42 no fault) as read. Emitted when read; outputs show it
/// as a problem indicator (MQTT/Home Assistant binary sensor).
/// </summary>
/// <param name="At">When it was read.</param>
/// <param name="MeterId">The meter (<see cref="MeterIdentity.Id"/>).</param>
/// <param name="Fault">True when the meter reports a fault (0x41).</param>
public sealed record FaultStatusEvent(DateTimeOffset At, string MeterId, bool Fault) : MonitorEvent(At);
