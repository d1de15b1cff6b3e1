namespace BRoute.Mqtt;

/// <summary>Every problem of a <see cref="MqttPublisherOptions"/>, each in plain words with what to change.</summary>
internal static class MqttPublisherOptionsValidator
{
    public static List<string> Problems(MqttPublisherOptions o)
    {
        var problems = new List<string>();
        CheckBroker(o, problems);
        CheckCredentials(o, problems);
        CheckTls(o, problems);
        CheckTopic("topic prefix", o.TopicPrefix, "broute", problems);
        if (o.HomeAssistantDiscovery)
        {
            CheckTopic("discovery prefix", o.DiscoveryPrefix, "homeassistant", problems);
        }

        if (string.IsNullOrWhiteSpace(o.ClientId) || o.ClientId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problems.Add($"the client id '{o.ClientId}' must be non-empty without spaces or control characters (e.g. 'broute-house')");
        }
        else if (o.ClientId.Length > 128)
        {
            problems.Add("the client id is longer than 128 characters: use a short name (MQTT 3.1.1 brokers need only accept 23)");
        }

        if (o.Meters is { } meters)
        {
            foreach (var id in meters.Where(id => !IsMeterId(id)))
            {
                problems.Add($"the meter id '{id}' is not 16 hex digits (the meter's MAC address, as 'broute scan' prints it)");
            }
        }

        CheckPositive("reconnect delay", o.ReconnectDelay, problems);
        CheckPositive("check interval", o.CheckInterval, problems);
        CheckPositive("timeout", o.Timeout, problems);
        CheckPositive("transmit budget", o.TransmitBudget, problems);
        if (o.MaxReconnectDelay < o.ReconnectDelay)
        {
            problems.Add($"the longest reconnect delay ({o.MaxReconnectDelay}) is shorter than the first one ({o.ReconnectDelay}): raise it");
        }

        if (o.KeepAlive < TimeSpan.Zero || o.KeepAlive > TimeSpan.FromSeconds(ushort.MaxValue))
        {
            problems.Add($"the keep-alive {o.KeepAlive} must be between 0 and 65535 s");
        }

        if (o.OutboxBatchSize is < 1 or > 10_000)
        {
            problems.Add($"the outbox batch size {o.OutboxBatchSize} must be between 1 and 10000");
        }

        return problems;
    }

    /// <summary>True for a meter id: 16 upper- or lower-case hex digits.</summary>
    public static bool IsMeterId(string? id) => id is { Length: 16 } && id.All(Uri.IsHexDigit);

    private static void CheckBroker(MqttPublisherOptions o, List<string> problems)
    {
        if (o.Broker is not { } uri)
        {
            problems.Add("no broker: set it to mqtt://host:1883 (plain) or mqtts://host:8883 (TLS)");
            return;
        }

        if (!uri.IsAbsoluteUri || uri.Scheme is not ("mqtt" or "mqtts"))
        {
            problems.Add($"the broker '{Safe(uri)}' must start with mqtt:// (plain) or mqtts:// (TLS)");
            return;
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            problems.Add($"the broker '{Safe(uri)}' has no host: write mqtt://host:port");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            problems.Add("the broker URI holds a user or password: remove it from the URI and set the user and password settings instead (a URI ends up in logs)");
        }

        if (uri.AbsolutePath is not ("/" or "") || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            problems.Add($"the broker '{Safe(uri)}' must be only scheme, host and port (no path or query)");
        }
    }

    private static void CheckCredentials(MqttPublisherOptions o, List<string> problems)
    {
        if (o.Password is not null && string.IsNullOrEmpty(o.Username))
        {
            problems.Add("a password is set without a user: set the user too, or remove the password");
        }

        if (o.Username is { } user && (user.Length == 0 || user.Any(char.IsControl)))
        {
            problems.Add("the user is empty or holds control characters: fix it or leave it unset for an anonymous connection");
        }
    }

    private static void CheckTls(MqttPublisherOptions o, List<string> problems)
    {
        var tlsSettings = o.CaFile is not null || o.ClientCertificateFile is not null || o.ClientKeyFile is not null || o.AllowUntrustedCertificates;
        if (tlsSettings && o.Broker is { } uri && uri.Scheme == "mqtt")
        {
            problems.Add("TLS settings (CA file, client certificate, allow untrusted) are set but the broker URI is mqtt://: use mqtts:// or remove them");
        }

        CheckFile("CA file", o.CaFile, problems);
        CheckFile("client certificate file", o.ClientCertificateFile, problems);
        CheckFile("client key file", o.ClientKeyFile, problems);
        if (o.ClientKeyFile is not null && o.ClientCertificateFile is null)
        {
            problems.Add("a client key file is set without a client certificate file: set both");
        }
    }

    private static void CheckFile(string what, string? path, List<string> problems)
    {
        if (path is not null && !File.Exists(path))
        {
            problems.Add($"the {what} '{path}' does not exist: check the path");
        }
    }

    private static void CheckTopic(string what, string? topic, string example, List<string> problems)
    {
        if (string.IsNullOrEmpty(topic))
        {
            problems.Add($"the {what} is empty: set one (e.g. '{example}')");
        }
        else if (topic.IndexOfAny(['+', '#', '\0']) >= 0 || topic.StartsWith('/') || topic.EndsWith('/') || topic.Contains("//", StringComparison.Ordinal)
            || topic.Any(char.IsWhiteSpace))
        {
            problems.Add($"the {what} '{topic}' must be topic levels without '+', '#', spaces, empty levels or a leading/trailing '/'");
        }
    }

    private static void CheckPositive(string what, TimeSpan value, List<string> problems)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"the {what} must be positive (it is {value})");
        }
    }

    /// <summary>The URI without its user information.</summary>
    internal static string Safe(Uri uri) =>
        uri.IsAbsoluteUri && !string.IsNullOrEmpty(uri.UserInfo) ? uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped) : uri.ToString();
}
