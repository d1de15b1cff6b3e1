using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;
using BRoute.Session;

namespace BRoute.Mqtt.Tests.Support;

/// <summary>One meter's events as a monitor would emit them.</summary>
internal static class Samples
{
    public const string MeterId = "001C640000A1B2C3";

    public static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    public static readonly DateTimeOffset T0 = new(2026, 12, 5, 10, 0, 5, Jst);

    public static MeterIdentity Identity(bool singlePhase = false, bool export = true, string id = MeterId) =>
        new(id, "000016", "SN12345", "F", 1, 0.1m, 6, export, singlePhase);

    public static MqttPublisherOptions Options(int port, string? user = null, string? password = null) => new()
    {
        Broker = new Uri($"mqtt://127.0.0.1:{port}"),
        Username = user,
        Password = password,
        ClientId = "broute-test-" + Guid.NewGuid().ToString("N")[..8],
        ReconnectDelay = TimeSpan.FromMilliseconds(50),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
        SoftwareVersion = "1.2.3",
    };

    public static Measurement Value(Quantity quantity, decimal value, string id = MeterId) =>
        new(id, quantity, value, ValueStatus.Ok, null, T0.AddSeconds(10), ValueSource.Get);

    public static HalfHour Slot(DateTimeOffset slotEnd, decimal import, decimal? export = 12.3m, ValueSource source = ValueSource.Notification, string id = MeterId) =>
        new(id, slotEnd, SlotEnergy.Of(import), export is decimal e ? SlotEnergy.Of(e) : SlotEnergy.Absent, source);

    /// <summary>A connected three-phase meter with values, two half-hours, counters and a fault status.</summary>
    public static IEnumerable<MonitorEvent> ConnectedMeter()
    {
        yield return new StateChangedEvent(T0, new MonitorState(MeterId, MonitorStateKind.Connected, T0));
        yield return new MeterIdentifiedEvent(T0, Identity());
        yield return new HalfHourEvent(T0.AddSeconds(1), Slot(new DateTimeOffset(2026, 12, 5, 9, 30, 0, Jst), 1234.1m));
        yield return new HalfHourEvent(T0.AddSeconds(2), Slot(new DateTimeOffset(2026, 12, 5, 10, 0, 0, Jst), 1234.4m));
        yield return new MeasurementsEvent(T0.AddSeconds(10),
        [
            Value(Quantity.Power, 512),
            Value(Quantity.CurrentR, 3.5m),
            Value(Quantity.CurrentT, 1.2m),
            Value(Quantity.ImportEnergy, 1234.5m),
            Value(Quantity.ExportEnergy, 12.3m),
        ]);
        yield return new CountersEvent(T0.AddSeconds(11), MeterId, new SessionStatistics
        {
            AirTimeThisHour = TimeSpan.FromSeconds(30),
            LinkQuality = new MeterLinkQuality { LastLqi = 160 },
        }, 0);
        yield return new FaultStatusEvent(T0.AddSeconds(12), MeterId, false);
    }

    /// <summary>The state <see cref="ConnectedMeter"/> leads to, as published.</summary>
    public const string ConnectedMeterState =
        """{"power":512,"current_r":3.5,"current_t":1.2,"import_energy":1234.5,"export_energy":12.3,"half_hour_import_energy":0.3,"half_hour_export_energy":0.0,"half_hour_slot_start":"2026-12-05T09:30:00+09:00","half_hour_slot_end":"2026-12-05T10:00:00+09:00","rssi":-60.3,"lqi":160,"session_state":"connected","session_reason":null,"transmit_time":30,"transmit_budget_used":10,"fault":false,"last_seen":"2026-12-05T10:00:17+09:00"}""";
}
