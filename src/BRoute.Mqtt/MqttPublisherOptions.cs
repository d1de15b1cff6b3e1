namespace BRoute.Mqtt;

/// <summary>The MQTT protocol version spoken to the broker.</summary>
public enum MqttProtocol
{
    /// <summary>MQTT 5.0 (default).</summary>
    V5,

    /// <summary>MQTT 3.1.1, for older brokers.</summary>
    V311,
}

/// <summary>
/// Settings of <see cref="MqttPublisher"/>. The caller resolves the password (environment, file, credential store);
/// this class never writes it anywhere (<see cref="ToString"/> masks it). <see cref="Validate"/> lists every problem.
/// </summary>
public sealed class MqttPublisherOptions
{
    /// <summary>The broker: <c>mqtt://host[:port]</c> (plain, default port 1883) or <c>mqtts://host[:port]</c> (TLS, 8883).</summary>
    public Uri? Broker { get; set; }

    /// <summary>User name; null for an anonymous connection.</summary>
    public string? Username { get; set; }

    /// <summary>Password; needs <see cref="Username"/>. Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>The MQTT client id (one per daemon on a broker).</summary>
    public string ClientId { get; set; } = "broute";

    /// <summary>MQTT 5 (default) or 3.1.1.</summary>
    public MqttProtocol Protocol { get; set; } = MqttProtocol.V5;

    /// <summary>A PEM file of the CA (or CAs) that signed the broker's certificate, trusted instead of the system store; mqtts only.</summary>
    public string? CaFile { get; set; }

    /// <summary>A client certificate for mutual TLS: a PEM certificate (with <see cref="ClientKeyFile"/>) or a PKCS#12 file; mqtts only.</summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary>The PEM private key of <see cref="ClientCertificateFile"/>; null when the certificate file holds it (PKCS#12 or PEM with key).</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>
    /// Accept a broker certificate that does not validate (self-signed, wrong host name, expired). Insecure: anyone on the
    /// path can read the password. Off by default; set it only on purpose.
    /// </summary>
    public bool AllowUntrustedCertificates { get; set; }

    /// <summary>The base topic (default <c>broute</c>): <c>&lt;prefix&gt;/status</c>, <c>&lt;prefix&gt;/&lt;meter&gt;/state</c>, ….</summary>
    public string TopicPrefix { get; set; } = "broute";

    /// <summary>Home Assistant's discovery prefix (default <c>homeassistant</c>).</summary>
    public string DiscoveryPrefix { get; set; } = "homeassistant";

    /// <summary>Publish Home Assistant discovery (default true).</summary>
    public bool HomeAssistantDiscovery { get; set; } = true;

    /// <summary>
    /// The configured meters (IDs, 16 hex digits). When set, discovery of any other meter this daemon published before
    /// (a retained <c>&lt;discovery&gt;/device/&lt;prefix&gt;_&lt;id&gt;/config</c>) is cleared on connect. Null: clear nothing
    /// automatically (use <see cref="MqttPublisher.ClearMeterAsync"/>).
    /// </summary>
    public IReadOnlyList<string>? Meters { get; set; }

    /// <summary>First wait before reconnecting after a failure (default 5 s); doubles on each failure.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between reconnect attempts (default 60 s).</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a connected client is checked with a ping and the outbox polled (default 5 s).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed for a connect or a publish (default 10 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>MQTT keep-alive (default 30 s).</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The transmit budget per hour the state's <c>transmit_budget_used</c> percentage refers to (default 300 s).</summary>
    public TimeSpan TransmitBudget { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Half-hours read from the outbox per batch (default 100).</summary>
    public int OutboxBatchSize { get; set; } = 100;

    /// <summary>The software version published in the discovery origin (<c>o.sw</c>); null to omit.</summary>
    public string? SoftwareVersion { get; set; }

    /// <summary>The support URL published in the discovery origin (<c>o.url</c>); null to omit.</summary>
    public string? SupportUrl { get; set; }

    /// <summary>Throws <see cref="MqttSettingsException"/> listing every problem; does nothing when the settings can work.</summary>
    public void Validate()
    {
        var problems = MqttPublisherOptionsValidator.Problems(this);
        if (problems.Count > 0)
        {
            throw new MqttSettingsException(problems);
        }
    }

    /// <summary>The broker host (after <see cref="Validate"/>).</summary>
    internal string Host => Broker!.Host;

    /// <summary>The broker port: the URI's, else 1883 (mqtt) or 8883 (mqtts).</summary>
    internal int Port => Broker!.IsDefaultPort || Broker.Port <= 0 ? (UseTls ? 8883 : 1883) : Broker.Port;

    /// <summary>True for mqtts.</summary>
    internal bool UseTls => string.Equals(Broker?.Scheme, "mqtts", StringComparison.OrdinalIgnoreCase);

    /// <summary>The settings for a log line, the password masked.</summary>
    public override string ToString() =>
        $"broker {(Broker is null ? "(none)" : MqttPublisherOptionsValidator.Safe(Broker))}, user {(Username is null ? "(anonymous)" : Username)}, password {(Password is null ? "(none)" : "***")}, client id {ClientId}, MQTT {(Protocol == MqttProtocol.V5 ? "5" : "3.1.1")}, prefix {TopicPrefix}, discovery {(HomeAssistantDiscovery ? DiscoveryPrefix : "off")}";
}
