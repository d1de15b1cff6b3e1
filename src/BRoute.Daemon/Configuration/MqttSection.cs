namespace BRoute.Daemon.Configuration;

/// <summary>The "mqtt" section: absent broker = no MQTT.</summary>
internal static class MqttSection
{
    public static MqttSettings? Read(SettingsReader reader, ConfigInputs inputs)
    {
        var brokerText = reader.Text("mqtt:broker");
        if (brokerText is null)
        {
            foreach (var name in ConfigKeys.Sections["mqtt"].Where(k => k != "broker"))
            {
                if (reader.Text("mqtt:" + name) is not null)
                {
                    reader.Warnings.Add($"mqtt.{name} is set but mqtt.broker is not: nothing is published; set mqtt.broker (e.g. mqtt://127.0.0.1:1883)");
                    break;
                }
            }

            return null;
        }

        if (!Uri.TryCreate(brokerText, UriKind.Absolute, out var broker) || broker.Scheme is not ("mqtt" or "mqtts") || broker.Host.Length == 0
            || broker.AbsolutePath is not ("/" or "") || broker.UserInfo.Length > 0)
        {
            reader.Problem("mqtt:broker", $"'{Redact(brokerText)}' is not a broker address; give mqtt://host[:port] or mqtts://host[:port] (user and password go in mqtt.user and mqtt.password)");
            broker = new Uri("mqtt://127.0.0.1");
        }

        var protocol = reader.Text("mqtt:protocol") ?? "5";
        if (protocol is "311")
        {
            protocol = "3.1.1";
        }

        if (protocol is not ("5" or "3.1.1"))
        {
            reader.Problem("mqtt:protocol", $"'{protocol}' is not an MQTT version this publisher speaks; give 5 or 3.1.1");
        }

        var tls = broker.Scheme == "mqtts";
        var caFile = File(reader, "mqtt:ca_file", tls);
        var certificate = File(reader, "mqtt:client_certificate", tls);
        var key = File(reader, "mqtt:client_key", tls);
        if ((certificate is null) != (key is null))
        {
            reader.Problem(certificate is null ? "mqtt:client_key" : "mqtt:client_certificate", "a client certificate needs both mqtt.client_certificate and mqtt.client_key");
        }

        var untrusted = reader.Boolean("mqtt:allow_untrusted_certificates", false);
        if (untrusted && !tls)
        {
            reader.Problem("mqtt:allow_untrusted_certificates", "only means something with an mqtts:// broker; remove it or use mqtts://");
        }

        var user = reader.Text("mqtt:user");
        var password = reader.Secret("mqtt:password", "mqtt:password_file", inputs, "mqtt-password");
        if (password is not null && user is null)
        {
            reader.Problem("mqtt:user", "a broker password is set but no user; set mqtt.user");
        }

        var clientId = reader.Text("mqtt:client_id") ?? $"broute-{Environment.MachineName.ToLowerInvariant()}";
        var topicPrefix = Topic(reader, "mqtt:topic_prefix", "broute", allowEmpty: false);
        var discoveryPrefix = Topic(reader, "mqtt:discovery_prefix", "homeassistant", allowEmpty: true);
        return new MqttSettings
        {
            Broker = broker,
            User = user,
            Password = password,
            ClientId = clientId,
            Protocol = protocol,
            CaFile = caFile,
            ClientCertificate = certificate,
            ClientKey = key,
            AllowUntrustedCertificates = untrusted,
            TopicPrefix = topicPrefix,
            DiscoveryPrefix = discoveryPrefix,
        };
    }

    private static string? File(SettingsReader reader, string key, bool tls)
    {
        var path = reader.Text(key);
        if (path is null)
        {
            return null;
        }

        if (!tls)
        {
            reader.Problem(key, "TLS files only apply to an mqtts:// broker; use mqtts:// or remove the key");
        }
        else if (!System.IO.File.Exists(path))
        {
            reader.Problem(key, $"{path} does not exist; give the path of a PEM file");
        }

        return path;
    }

    private static string Topic(SettingsReader reader, string key, string fallback, bool allowEmpty)
    {
        var raw = reader.Root[key];
        if (raw is null)
        {
            return fallback;
        }

        var topic = raw.Trim().TrimEnd('/');
        if ((topic.Length == 0 && !allowEmpty) || topic.IndexOfAny(['+', '#', '\0']) >= 0 || topic.StartsWith('/') || topic.StartsWith('$'))
        {
            reader.Problem(key, $"'{raw}' is not usable as a topic prefix; use letters, digits and '/', without '+', '#', a leading '/' or '$'");
            return fallback;
        }

        return topic;
    }

    private static string Redact(string uri) => Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.UserInfo.Length > 0
        ? uri.Replace(parsed.UserInfo, "***", StringComparison.Ordinal)
        : uri;
}
