namespace BRoute.Mqtt;

/// <summary>The topics the publisher uses (zigbee2mqtt style: one base topic, a bridge status with a last will, a JSON state per device).</summary>
/// <param name="Prefix">The base topic (<see cref="MqttPublisherOptions.TopicPrefix"/>).</param>
/// <param name="DiscoveryPrefix">Home Assistant's discovery prefix.</param>
public sealed record MqttTopics(string Prefix, string DiscoveryPrefix)
{
    /// <summary>Payload of an available daemon or meter.</summary>
    public const string Online = "online";

    /// <summary>Payload of an unavailable daemon or meter.</summary>
    public const string Offline = "offline";

    /// <summary>The topics of the given settings.</summary>
    public static MqttTopics From(MqttPublisherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new MqttTopics(options.TopicPrefix, options.DiscoveryPrefix);
    }

    /// <summary>Daemon availability: <c>online</c> (birth, retained), <c>offline</c> (last will and clean stop, retained).</summary>
    public string Status => $"{Prefix}/status";

    /// <summary>Meter availability: <c>online</c> while the meter answers, <c>offline</c> while it cannot be reached (retained).</summary>
    public string Availability(string meterId) => $"{Prefix}/{meterId}/availability";

    /// <summary>The meter's JSON state (retained, latest values).</summary>
    public string State(string meterId) => $"{Prefix}/{meterId}/state";

    /// <summary>Every half-hour of the meter, in order, QoS 1, not retained.</summary>
    public string HalfHour(string meterId) => $"{Prefix}/{meterId}/half_hour";

    /// <summary>Home Assistant's birth/will topic (<c>&lt;discovery&gt;/status</c>): on <c>online</c> discovery and states are sent again.</summary>
    public string HomeAssistantStatus => $"{DiscoveryPrefix}/status";

    /// <summary>The Home Assistant device id of a meter: <c>&lt;prefix&gt;_&lt;meterId&gt;</c> with the prefix's '/' as '_'.</summary>
    public string DeviceId(string meterId) => $"{DevicePrefix}{meterId}";

    /// <summary>Device-based discovery of a meter: <c>&lt;discovery&gt;/device/&lt;device id&gt;/config</c> (retained).</summary>
    public string Discovery(string meterId) => $"{DiscoveryPrefix}/device/{DeviceId(meterId)}/config";

    /// <summary>All device discovery topics (to find meters this daemon announced before).</summary>
    internal string DiscoveryFilter => $"{DiscoveryPrefix}/device/+/config";

    /// <summary>The meter id of one of our discovery topics; null for any other topic.</summary>
    internal string? MeterOfDiscovery(string topic)
    {
        var head = $"{DiscoveryPrefix}/device/{DevicePrefix}";
        const string Tail = "/config";
        if (!topic.StartsWith(head, StringComparison.Ordinal) || !topic.EndsWith(Tail, StringComparison.Ordinal))
        {
            return null;
        }

        var id = topic[head.Length..^Tail.Length];
        return MqttPublisherOptionsValidator.IsMeterId(id) ? id : null;
    }

    private string DevicePrefix => Prefix.Replace('/', '_') + "_";
}
