using System.Text.Json;
using BRoute.Monitoring;
using BRoute.Mqtt.Tests.Support;
using static BRoute.Mqtt.Tests.Support.Samples;

namespace BRoute.Mqtt.Tests;

/// <summary>What a subscriber on a real Mosquitto sees: exact state payloads, retained flags, discovery, HA's birth, clears.</summary>
public sealed class PublishingTests
{
    [Fact]
    public async Task State_availability_and_status_arrive_with_exact_payloads_and_retained()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var publisher = new MqttPublisher(Options(broker.Port));
        foreach (var e in ConnectedMeter())
        {
            publisher.Post(e);
        }

        publisher.Start();
        var topics = publisher.Topics;
        await using (var live = await TestSubscriber.ConnectAsync(broker.Port))
        {
            await live.WaitForAsync(topics.State(MeterId), m => m.Payload == ConnectedMeterState);
        }

        // A subscriber arriving later gets the retained copies.
        await using var late = await TestSubscriber.ConnectAsync(broker.Port);
        var state = await late.WaitForAsync(topics.State(MeterId));
        var status = await late.WaitForAsync("broute/status");
        var availability = await late.WaitForAsync(topics.Availability(MeterId));
        var discovery = await late.WaitForAsync(topics.Discovery(MeterId));
        Assert.Equal(ConnectedMeterState, state.Payload);
        Assert.Equal(("online", true), (status.Payload, status.Retain));
        Assert.Equal(("online", true), (availability.Payload, availability.Retain));
        Assert.True(state.Retain);
        Assert.True(discovery.Retain);
        Assert.Equal("broute/001C640000A1B2C3/state", topics.State(MeterId));
        Assert.Equal("homeassistant/device/broute_001C640000A1B2C3/config", topics.Discovery(MeterId));
        Assert.Equal(MqttConnectionState.Connected, publisher.Status.State);
    }

    [Fact]
    public async Task Half_hours_go_out_in_order_with_slot_times_qos1_not_retained()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await TestSubscriber.ConnectAsync(broker.Port);
        await using var publisher = new MqttPublisher(Options(broker.Port));
        publisher.Start();
        foreach (var e in ConnectedMeter())
        {
            publisher.Post(e);
        }

        var topic = publisher.Topics.HalfHour(MeterId);
        await Wait.UntilAsync(() => subscriber.On(topic).Count == 2, "two half-hours");
        var received = subscriber.On(topic);
        Assert.Equal(
            """{"slot_start":"2026-12-05T09:00:00+09:00","slot_end":"2026-12-05T09:30:00+09:00","import_energy":null,"export_energy":null,"import_total":1234.1,"export_total":12.3,"source":"notification"}""",
            received[0].Payload);
        Assert.Equal(
            """{"slot_start":"2026-12-05T09:30:00+09:00","slot_end":"2026-12-05T10:00:00+09:00","import_energy":0.3,"export_energy":0.0,"import_total":1234.4,"export_total":12.3,"source":"notification"}""",
            received[1].Payload);
        Assert.All(received, m => Assert.False(m.Retain));
        Assert.All(received, m => Assert.Equal(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce, m.Qos));
    }

    [Fact]
    public async Task Discovery_names_the_device_and_every_component_with_homeassistant_keys()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await TestSubscriber.ConnectAsync(broker.Port);
        await using var publisher = new MqttPublisher(Options(broker.Port));
        publisher.Start();
        foreach (var e in ConnectedMeter())
        {
            publisher.Post(e);
        }

        var received = await subscriber.WaitForAsync(publisher.Topics.Discovery(MeterId));
        using var doc = JsonDocument.Parse(received.Payload);
        var root = doc.RootElement;
        Assert.Equal(
            """{"identifiers":["broute_001C640000A1B2C3"],"name":"Smart meter 001C640000A1B2C3","manufacturer":"Toshiba","model":"Low-voltage smart electric energy meter","serial_number":"SN12345","sw_version":"F"}""",
            root.GetProperty("dev").GetRawText());
        Assert.Equal("""{"name":"broute","sw":"1.2.3"}""", root.GetProperty("o").GetRawText());
        HomeAssistantSchema.AssertDeviceDiscovery(root);

        var cmps = root.GetProperty("cmps");
        Assert.Equal(
            ["power", "current_r", "current_t", "import_energy", "export_energy", "half_hour_import_energy", "half_hour_export_energy", "rssi", "lqi", "session_state", "transmit_budget_used", "fault"],
            cmps.EnumerateObject().Select(p => p.Name));
        AssertSensor(cmps, "power", "power", "measurement", "W");
        AssertSensor(cmps, "current_r", "current", "measurement", "A");
        AssertSensor(cmps, "current_t", "current", "measurement", "A");
        AssertSensor(cmps, "import_energy", "energy", "total_increasing", "kWh");
        AssertSensor(cmps, "export_energy", "energy", "total_increasing", "kWh");
        AssertSensor(cmps, "half_hour_import_energy", "energy", null, "kWh");
        AssertSensor(cmps, "rssi", "signal_strength", "measurement", "dBm");
        foreach (var diagnostic in new[] { "rssi", "lqi", "session_state", "transmit_budget_used" })
        {
            Assert.Equal("diagnostic", cmps.GetProperty(diagnostic).GetProperty("entity_category").GetString());
        }

        var fault = cmps.GetProperty("fault");
        Assert.Equal(("binary_sensor", "problem"), (fault.GetProperty("p").GetString(), fault.GetProperty("device_class").GetString()));
        var power = cmps.GetProperty("power");
        Assert.Equal("broute_001C640000A1B2C3_power", power.GetProperty("unique_id").GetString());
        Assert.Equal("sensor.broute_001c640000a1b2c3_power", power.GetProperty("default_entity_id").GetString());
        Assert.Equal("{{ value_json.power }}", power.GetProperty("value_template").GetString());
        Assert.Equal("broute/001C640000A1B2C3/state", power.GetProperty("state_topic").GetString());
        Assert.Equal("all", power.GetProperty("availability_mode").GetString());
        Assert.Equal(
            ["broute/status", "broute/001C640000A1B2C3/availability"],
            power.GetProperty("availability").EnumerateArray().Select(a => a.GetProperty("topic").GetString()));
        Assert.Equal(
            MqttPayloads.SessionStates,
            cmps.GetProperty("session_state").GetProperty("options").EnumerateArray().Select(o => o.GetString()));
        Assert.DoesNotContain("object_id", received.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_phase_import_only_meter_gets_no_phase_t_and_no_export_entities()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await TestSubscriber.ConnectAsync(broker.Port);
        await using var publisher = new MqttPublisher(Options(broker.Port));
        publisher.Start();
        publisher.Post(new MeterIdentifiedEvent(T0, Identity(singlePhase: true, export: false)));

        var received = await subscriber.WaitForAsync(publisher.Topics.Discovery(MeterId));
        using var doc = JsonDocument.Parse(received.Payload);
        HomeAssistantSchema.AssertDeviceDiscovery(doc.RootElement);
        var ids = doc.RootElement.GetProperty("cmps").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["power", "current_r", "import_energy", "half_hour_import_energy", "rssi", "lqi", "session_state", "transmit_budget_used", "fault"], ids);
        Assert.Equal("Current", doc.RootElement.GetProperty("cmps").GetProperty("current_r").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Homeassistant_online_makes_discovery_and_state_go_out_again()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await TestSubscriber.ConnectAsync(broker.Port);
        await using var publisher = new MqttPublisher(Options(broker.Port));
        publisher.Start();
        foreach (var e in ConnectedMeter())
        {
            publisher.Post(e);
        }

        var discovery = publisher.Topics.Discovery(MeterId);
        await subscriber.WaitForAsync(publisher.Topics.State(MeterId));
        await subscriber.WaitForAsync(discovery);
        subscriber.Clear();

        await subscriber.PublishAsync("homeassistant/status", "online");
        var again = await subscriber.WaitForAsync(discovery);
        var state = await subscriber.WaitForAsync(publisher.Topics.State(MeterId));
        Assert.False(again.Retain); // a live copy: the broker forwards it to current subscribers without the retain flag
        Assert.Equal(ConnectedMeterState, state.Payload);
    }

    [Fact]
    public async Task Meter_availability_follows_the_link_state()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await TestSubscriber.ConnectAsync(broker.Port);
        await using var publisher = new MqttPublisher(Options(broker.Port));
        publisher.Start();
        var topic = publisher.Topics.Availability(MeterId);
        publisher.Post(new StateChangedEvent(T0, new MonitorState(MeterId, MonitorStateKind.Connected, T0)));
        await subscriber.WaitForAsync(topic, m => m.Payload == "online");
        publisher.Post(new StateChangedEvent(T0.AddMinutes(1), new MonitorState(MeterId, MonitorStateKind.Outage, T0.AddMinutes(1), Reason: "the meter does not answer")));
        await subscriber.WaitForAsync(topic, m => m.Payload == "offline");
        var state = await subscriber.WaitForAsync(publisher.Topics.State(MeterId), m => m.Payload.Contains("\"outage\"", StringComparison.Ordinal));
        Assert.Contains("\"session_reason\":\"the meter does not answer\"", state.Payload, StringComparison.Ordinal);
        publisher.Post(new StateChangedEvent(T0.AddMinutes(2), new MonitorState(MeterId, MonitorStateKind.Reauthenticating, T0.AddMinutes(2))));
        await Wait.UntilAsync(() => subscriber.On(topic).Count == 3, "the third availability message");
        Assert.Equal(["online", "offline", "online"], subscriber.On(topic).Select(m => m.Payload));
    }

    [Fact]
    public async Task ClearMeterAsync_empties_the_retained_discovery_state_and_availability()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var publisher = new MqttPublisher(Options(broker.Port));
        publisher.Start();
        foreach (var e in ConnectedMeter())
        {
            publisher.Post(e);
        }

        await using var subscriber = await TestSubscriber.ConnectAsync(broker.Port);
        await subscriber.WaitForAsync(publisher.Topics.Discovery(MeterId));
        using var timeout = new CancellationTokenSource(Wait.Timeout);
        await publisher.ClearMeterAsync(MeterId, timeout.Token);
        foreach (var topic in new[] { publisher.Topics.Discovery(MeterId), publisher.Topics.State(MeterId), publisher.Topics.Availability(MeterId) })
        {
            await subscriber.WaitForAsync(topic, m => m.Payload.Length == 0);
        }

        // Nothing retained is left for the meter.
        await using var late = await TestSubscriber.ConnectAsync(broker.Port);
        await late.WaitForAsync("broute/status");
        Assert.DoesNotContain(late.Messages, m => m.Topic.Contains(MeterId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_meter_no_longer_configured_has_its_discovery_cleared_on_connect()
    {
        const string Removed = "001C640000FFFFFF";
        await using var broker = await MosquittoBroker.StartAsync();
        await using (var first = new MqttPublisher(Options(broker.Port)))
        {
            first.Start();
            first.Post(new MeterIdentifiedEvent(T0, Identity(id: Removed)));
            await using var watcher = await TestSubscriber.ConnectAsync(broker.Port);
            await watcher.WaitForAsync(first.Topics.Discovery(Removed));
        }

        var options = Options(broker.Port);
        options.Meters = [MeterId];
        await using var subscriber = await TestSubscriber.ConnectAsync(broker.Port);
        await using var second = new MqttPublisher(options);
        second.Start();
        await subscriber.WaitForAsync(second.Topics.Discovery(Removed), m => m.Payload.Length == 0 && !m.Retain);
    }

    [Fact]
    public async Task A_clean_stop_says_offline_on_the_daemon_topic()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await TestSubscriber.ConnectAsync(broker.Port);
        var publisher = new MqttPublisher(Options(broker.Port));
        publisher.Start();
        await subscriber.WaitForAsync("broute/status", m => m.Payload == "online");
        await publisher.DisposeAsync();
        await subscriber.WaitForAsync("broute/status", m => m.Payload == "offline");
        Assert.Equal(MqttConnectionState.Stopped, publisher.Status.State);
    }

    [Fact]
    public async Task Mqtt_311_works_too()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await TestSubscriber.ConnectAsync(broker.Port);
        var options = Options(broker.Port);
        options.Protocol = MqttProtocol.V311;
        await using var publisher = new MqttPublisher(options);
        publisher.Start();
        foreach (var e in ConnectedMeter())
        {
            publisher.Post(e);
        }

        await subscriber.WaitForAsync(publisher.Topics.State(MeterId), m => m.Payload == ConnectedMeterState);
    }

    private static void AssertSensor(JsonElement cmps, string id, string? deviceClass, string? stateClass, string unit)
    {
        var c = cmps.GetProperty(id);
        Assert.Equal("sensor", c.GetProperty("p").GetString());
        Assert.Equal(deviceClass, c.TryGetProperty("device_class", out var d) ? d.GetString() : null);
        Assert.Equal(stateClass, c.TryGetProperty("state_class", out var s) ? s.GetString() : null);
        Assert.Equal(unit, c.GetProperty("unit_of_measurement").GetString());
    }
}
