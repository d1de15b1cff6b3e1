using System.Text.Json;

namespace BRoute.Mqtt.Tests.Support;

/// <summary>
/// The keys Home Assistant documents for MQTT device discovery (https://www.home-assistant.io/integrations/mqtt/
/// "Device discovery payload"), the MQTT sensor (https://www.home-assistant.io/integrations/sensor.mqtt/) and binary
/// sensor (https://www.home-assistant.io/integrations/binary_sensor.mqtt/) as of 2025.10 (default_entity_id added,
/// object_id deprecated). Every key we publish must be one of these; the required ones must be there.
/// </summary>
internal static class HomeAssistantSchema
{
    private static readonly string[] Common =
    [
        "p", "platform", "availability", "availability_mode", "availability_template", "availability_topic", "default_entity_id",
        "device", "device_class", "enabled_by_default", "encoding", "entity_category", "entity_picture", "expire_after",
        "force_update", "icon", "json_attributes_template", "json_attributes_topic", "name", "payload_available",
        "payload_not_available", "qos", "state_topic", "unique_id", "value_template",
    ];

    private static readonly HashSet<string> Sensor =
        [.. Common, "last_reset_value_template", "options", "suggested_display_precision", "state_class", "unit_of_measurement"];

    private static readonly HashSet<string> BinarySensor = [.. Common, "off_delay", "payload_off", "payload_on"];

    private static readonly HashSet<string> DeviceKeys =
    [
        "configuration_url", "connections", "hw_version", "identifiers", "manufacturer", "model", "model_id", "name",
        "serial_number", "suggested_area", "sw_version", "via_device",
    ];

    private static readonly HashSet<string> OriginKeys = ["name", "sw", "sw_version", "url", "support_url"];

    private static readonly HashSet<string> AvailabilityKeys = ["topic", "payload_available", "payload_not_available", "value_template"];

    private static readonly HashSet<string> SensorStateClasses = ["measurement", "measurement_angle", "total", "total_increasing"];

    public static void AssertDeviceDiscovery(JsonElement root)
    {
        Assert.Equal(["dev", "o", "cmps"], root.EnumerateObject().Select(p => p.Name));
        AssertKeys("dev", root.GetProperty("dev"), DeviceKeys);
        Assert.True(root.GetProperty("dev").GetProperty("identifiers").GetArrayLength() > 0);
        AssertKeys("o", root.GetProperty("o"), OriginKeys);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("o").GetProperty("name").GetString()));
        var uniqueIds = new HashSet<string>();
        var entityIds = new HashSet<string>();
        foreach (var component in root.GetProperty("cmps").EnumerateObject())
        {
            var c = component.Value;
            var platform = c.GetProperty("p").GetString();
            var allowed = platform switch
            {
                "sensor" => Sensor,
                "binary_sensor" => BinarySensor,
                _ => throw new Xunit.Sdk.XunitException($"{component.Name}: unexpected platform {platform}"),
            };
            AssertKeys(component.Name, c, allowed);
            foreach (var required in new[] { "unique_id", "state_topic", "name", "value_template", "default_entity_id" })
            {
                Assert.True(c.TryGetProperty(required, out _), $"{component.Name} lacks {required}");
            }

            Assert.True(uniqueIds.Add(c.GetProperty("unique_id").GetString()!), $"{component.Name}: duplicate unique_id");
            var entityId = c.GetProperty("default_entity_id").GetString()!;
            Assert.StartsWith(platform + ".", entityId, StringComparison.Ordinal);
            Assert.Matches("^[a-z_]+\\.[a-z0-9_]+$", entityId);
            Assert.True(entityIds.Add(entityId), $"{component.Name}: duplicate default_entity_id");
            foreach (var availability in c.GetProperty("availability").EnumerateArray())
            {
                AssertKeys(component.Name + ".availability", availability, AvailabilityKeys);
            }

            if (c.TryGetProperty("state_class", out var stateClass))
            {
                Assert.Contains(stateClass.GetString()!, SensorStateClasses);
            }

            if (c.TryGetProperty("entity_category", out var category))
            {
                Assert.Equal("diagnostic", category.GetString());
            }
        }
    }

    private static void AssertKeys(string where, JsonElement element, HashSet<string> allowed)
    {
        var unknown = element.EnumerateObject().Select(p => p.Name).Where(k => !allowed.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, $"{where}: keys Home Assistant does not document: {string.Join(", ", unknown)}");
    }
}
