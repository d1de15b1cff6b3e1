using System.Text.Json;
using BRoute.Monitoring;

namespace BRoute.Mqtt;

/// <summary>
/// Home Assistant device-based discovery of one meter (<c>&lt;discovery&gt;/device/&lt;id&gt;/config</c>): the device
/// (<c>dev</c>), the origin (<c>o</c>) and one component per value (<c>cmps</c>), each reading the meter's JSON state with
/// a value template and available only while both the daemon and the meter are online. Components follow the meter:
/// no phase T current on a single-phase two-wire meter, no export entities on a meter without the reverse direction.
/// </summary>
internal static class HomeAssistantDiscovery
{
    /// <summary>The component ids (keys of <c>cmps</c>) published for a meter with these capabilities.</summary>
    public static IReadOnlyList<string> ComponentIds(MeterIdentity identity) =>
        [.. Components(identity).Select(c => c.Id)];

    /// <summary>The discovery payload of a meter.</summary>
    public static byte[] Payload(MeterIdentity identity, MqttTopics topics, MqttPublisherOptions options) => MqttPayloads.Write(w =>
    {
        var deviceId = topics.DeviceId(identity.Id);
        w.WriteStartObject("dev");
        w.WriteStartArray("identifiers");
        w.WriteStringValue(deviceId);
        w.WriteEndArray();
        w.WriteString("name", $"Smart meter {identity.Id}");
        w.WriteString("manufacturer", MakerCodes.Name(identity.MakerCode));
        w.WriteString("model", "Low-voltage smart electric energy meter");
        if (identity.SerialNumber is { Length: > 0 } serial)
        {
            w.WriteString("serial_number", serial);
        }

        if (identity.StandardVersion is { Length: > 0 } version)
        {
            w.WriteString("sw_version", version);
        }

        w.WriteEndObject();

        w.WriteStartObject("o");
        w.WriteString("name", "broute");
        if (options.SoftwareVersion is { } sw)
        {
            w.WriteString("sw", sw);
        }

        if (options.SupportUrl is { } url)
        {
            w.WriteString("url", url);
        }

        w.WriteEndObject();

        w.WriteStartObject("cmps");
        foreach (var c in Components(identity))
        {
            w.WriteStartObject(c.Id);
            w.WriteString("p", c.Platform);
            w.WriteString("name", c.Name);
            w.WriteString("unique_id", $"{deviceId}_{c.Id}");
            w.WriteString("default_entity_id", $"{c.Platform}.{deviceId.ToLowerInvariant()}_{c.Id}");
            w.WriteString("state_topic", topics.State(identity.Id));
            w.WriteString("value_template", c.Template);
            WriteAvailability(w, topics, identity.Id);
            c.Extra(w, topics, identity.Id);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    });

    private static void WriteAvailability(Utf8JsonWriter w, MqttTopics topics, string meterId)
    {
        w.WriteString("availability_mode", "all");
        w.WriteStartArray("availability");
        foreach (var topic in new[] { topics.Status, topics.Availability(meterId) })
        {
            w.WriteStartObject();
            w.WriteString("topic", topic);
            w.WriteString("payload_available", MqttTopics.Online);
            w.WriteString("payload_not_available", MqttTopics.Offline);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static IEnumerable<Component> Components(MeterIdentity identity)
    {
        yield return Sensor("power", "Power", "power", "measurement", "W", precision: 0);
        yield return Sensor("current_r", identity.SinglePhaseTwoWire ? "Current" : "Current R", "current", "measurement", "A", precision: 1);
        if (!identity.SinglePhaseTwoWire)
        {
            yield return Sensor("current_t", "Current T", "current", "measurement", "A", precision: 1);
        }

        yield return Sensor("import_energy", "Energy import", "energy", "total_increasing", "kWh", precision: 2);
        if (identity.MeasuresExport)
        {
            yield return Sensor("export_energy", "Energy export", "energy", "total_increasing", "kWh", precision: 2);
        }

        yield return HalfHourSensor("half_hour_import_energy", "Half-hour import");
        if (identity.MeasuresExport)
        {
            yield return HalfHourSensor("half_hour_export_energy", "Half-hour export");
        }

        yield return Sensor("rssi", "Signal strength", "signal_strength", "measurement", "dBm", precision: 0, diagnostic: true);
        yield return Sensor("lqi", "Link quality", deviceClass: null, "measurement", unit: null, precision: 0, diagnostic: true);
        yield return new Component("session_state", "sensor", "Session state", "{{ value_json.session_state }}", (w, _, _) =>
        {
            w.WriteString("device_class", "enum");
            w.WriteStartArray("options");
            foreach (var state in MqttPayloads.SessionStates)
            {
                w.WriteStringValue(state);
            }

            w.WriteEndArray();
            w.WriteString("entity_category", "diagnostic");
        });
        yield return Sensor("transmit_budget_used", "Transmit budget used", deviceClass: null, "measurement", "%", precision: 1, diagnostic: true);
        yield return new Component(
            "fault",
            "binary_sensor",
            "Fault",
            "{{ 'None' if value_json.fault is none else ('ON' if value_json.fault else 'OFF') }}",
            (w, _, _) => w.WriteString("device_class", "problem"));
    }

    private static Component Sensor(string id, string name, string? deviceClass, string stateClass, string? unit, int precision, bool diagnostic = false) =>
        new(id, "sensor", name, $"{{{{ value_json.{id} }}}}", (w, _, _) =>
        {
            if (deviceClass is not null)
            {
                w.WriteString("device_class", deviceClass);
            }

            w.WriteString("state_class", stateClass);
            if (unit is not null)
            {
                w.WriteString("unit_of_measurement", unit);
            }

            w.WriteNumber("suggested_display_precision", precision);
            if (diagnostic)
            {
                w.WriteString("entity_category", "diagnostic");
            }
        });

    /// <summary>The energy of the last half-hour, with the slot's start and end as attributes.</summary>
    private static Component HalfHourSensor(string id, string name) =>
        new(id, "sensor", name, $"{{{{ value_json.{id} }}}}", (w, topics, meterId) =>
        {
            w.WriteString("device_class", "energy");
            w.WriteString("unit_of_measurement", "kWh");
            w.WriteNumber("suggested_display_precision", 2);
            w.WriteString("json_attributes_topic", topics.State(meterId));
            w.WriteString("json_attributes_template", "{{ {'slot_start': value_json.half_hour_slot_start, 'slot_end': value_json.half_hour_slot_end} | tojson }}");
        });

    private sealed record Component(string Id, string Platform, string Name, string Template, Action<Utf8JsonWriter, MqttTopics, string> Extra);
}
