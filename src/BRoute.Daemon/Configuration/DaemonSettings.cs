using BRoute.Authentication;
using BRoute.Connection;
using BRoute.Retry;
using BRoute.Scanning;
using BRoute.SkStack.Grammar;
using BRoute.Web.Cost;

namespace BRoute.Daemon.Configuration;

/// <summary>One meter the daemon reads, through its own dongle.</summary>
/// <param name="Name">A short name for logs and the store ("meter" when there is one and it has none).</param>
/// <param name="Device">Serial device path or tcp://host:port.</param>
/// <param name="Credentials">The B-route ID and password (masked in ToString).</param>
/// <param name="Family">The dongle family when forced; null = detect.</param>
public sealed record MeterSettings(string Name, string Device, Credentials Credentials, DongleFamily? Family);

/// <summary>The SQLite store.</summary>
/// <param name="Path">The database file.</param>
/// <param name="SampleRetention">How long raw samples are kept (then 1-minute min/mean/max).</param>
/// <param name="AggregateRetention">How long the 1-minute aggregates are kept. Half-hours are kept for ever.</param>
public sealed record StoreSettings(string Path, TimeSpan SampleRetention, TimeSpan AggregateRetention);

/// <summary>Session timeouts (the same keys as the interactive commands), and the one mapping onto session options.</summary>
public sealed record TimeoutSettings(TimeSpan Request, TimeSpan Join, int ScanMaxDuration)
{
    /// <summary>10 s, 45 s, 8 (timing.md).</summary>
    public static TimeoutSettings Defaults { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(45), 8);

    /// <summary>The scan ladder: durations from min(the library's first, max) up to <see cref="ScanMaxDuration"/>.</summary>
    public IReadOnlyList<int> ScanDurations
    {
        get
        {
            var first = Math.Min(new ScanOptions().Durations.Min(), ScanMaxDuration);
            return [.. Enumerable.Range(first, ScanMaxDuration - first + 1)];
        }
    }

    /// <summary>Request timeouts: <see cref="Request"/> per attempt; large replies (E2/E4) get at least the 60 s default.</summary>
    public RetryPolicy ToRetryPolicy()
    {
        var defaults = new RetryPolicy();
        return defaults with { ReplyTimeout = Request, LongReplyTimeout = Request > defaults.LongReplyTimeout ? Request : defaults.LongReplyTimeout };
    }

    /// <summary>Connection options with <see cref="Join"/>.</summary>
    public ConnectionOptions ToConnectionOptions() => new() { JoinTimeout = Join };

    /// <summary>Scan options with the ladder of <see cref="ScanDurations"/>.</summary>
    public ScanOptions ToScanOptions() => new() { Durations = ScanDurations };
}

/// <summary>The MQTT broker; null in <see cref="DaemonSettings.Mqtt"/> when no broker is configured.</summary>
public sealed record MqttSettings
{
    /// <summary>mqtt://host[:1883] or mqtts://host[:8883].</summary>
    public required Uri Broker { get; init; }

    /// <summary>User name, if the broker wants one.</summary>
    public string? User { get; init; }

    /// <summary>Password (from the config, the environment, a file or a systemd credential); never printed.</summary>
    public string? Password { get; init; }

    /// <summary>Client id (default "broute-" + host name).</summary>
    public required string ClientId { get; init; }

    /// <summary>"5" or "3.1.1".</summary>
    public required string Protocol { get; init; }

    /// <summary>PEM file of the CA that signed the broker's certificate (mqtts).</summary>
    public string? CaFile { get; init; }

    /// <summary>PEM client certificate (mqtts with client authentication).</summary>
    public string? ClientCertificate { get; init; }

    /// <summary>PEM key of the client certificate.</summary>
    public string? ClientKey { get; init; }

    /// <summary>Accept any broker certificate: only when asked for by name.</summary>
    public bool AllowUntrustedCertificates { get; init; }

    /// <summary>Base topic (default "broute").</summary>
    public required string TopicPrefix { get; init; }

    /// <summary>Home Assistant discovery prefix (default "homeassistant"); empty = no discovery.</summary>
    public required string DiscoveryPrefix { get; init; }

    /// <summary>The password masked.</summary>
    public override string ToString() => $"{Broker} user {User ?? "-"} password {(Password is null ? "-" : "***")} client {ClientId} v{Protocol}";
}

/// <summary>The web server (dashboard, JSON API, /metrics).</summary>
/// <param name="Enabled">False: no web server.</param>
/// <param name="Host">Address to bind (127.0.0.1 unless configured).</param>
/// <param name="Port">TCP port (default 8765; 0 = any free port).</param>
/// <param name="Token">Bearer token / basic-auth password required when not bound to loopback.</param>
public sealed record WebSettings(bool Enabled, string Host, int Port, string? Token)
{
    /// <summary>The default port.</summary>
    public const int DefaultPort = 8765;

    /// <summary>True when <see cref="Host"/> is a loopback address or "localhost".</summary>
    public bool IsLoopback => Host is "localhost" || (System.Net.IPAddress.TryParse(Host, out var ip) && System.Net.IPAddress.IsLoopback(ip));

    /// <summary>The token masked.</summary>
    public override string ToString() => $"{(Enabled ? $"http://{Host}:{Port}" : "off")}{(Token is null ? string.Empty : " (token set)")}";
}

/// <summary>Everything <c>broute run</c> needs, validated.</summary>
public sealed record DaemonSettings
{
    /// <summary>One entry per meter (at least one).</summary>
    public required IReadOnlyList<MeterSettings> Meters { get; init; }

    /// <summary>PAN cache and default store folder.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The store.</summary>
    public required StoreSettings Store { get; init; }

    /// <summary>Timeouts for every meter's session.</summary>
    public required TimeoutSettings Timeouts { get; init; }

    /// <summary>The broker, or null for no MQTT.</summary>
    public MqttSettings? Mqtt { get; init; }

    /// <summary>The web server.</summary>
    public required WebSettings Web { get; init; }

    /// <summary>The electricity plan that prices the totals; null for none (no yen anywhere).</summary>
    public Tariff? Tariff { get; init; }

    /// <summary>The config file read, if any.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Things worth telling the user that do not stop the daemon (file permissions, likely typos, renamed keys).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Where each effective setting came from, by key ("meters:0:device" → "config file /etc/broute/broute.json").</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>();
}
