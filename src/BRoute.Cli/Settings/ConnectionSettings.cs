using BRoute.Daemon.Configuration;
using BRoute.Authentication;
using BRoute.Cli.Logging;
using BRoute.Cli.Running;
using BRoute.Connection;
using BRoute.Retry;
using BRoute.Scanning;
using BRoute.SkStack.Device;
using BRoute.SkStack.Grammar;
using Microsoft.Extensions.Logging;

namespace BRoute.Cli.Settings;

/// <summary>Whether a command needs the B-route ID and password.</summary>
internal enum CredentialsRequirement
{
    /// <summary>read, watch, scan, history: no meter without them.</summary>
    Required,

    /// <summary>doctor: identifies the dongle without them, the meter only with them.</summary>
    Optional,
}

/// <summary>
/// Everything a device command needs to reach the meter, resolved from options, environment and
/// config file (in that order of precedence). Pass it to the session; build the library's option
/// records with the <c>To…</c> methods. <see cref="ToString"/> never shows a credential.
/// </summary>
internal sealed record ConnectionSettings
{
    /// <summary>Serial device path or tcp://host:port.</summary>
    public required string Device { get; init; }

    /// <summary>Validated credentials; null only for <see cref="CredentialsRequirement.Optional"/> commands run without them.</summary>
    public Credentials? Credentials { get; init; }

    /// <summary>Dongle family override; null = detect.</summary>
    public DongleFamily? Family { get; init; }

    /// <summary>Per-attempt wait for a reply to a small Get (timing.md: 10 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = Defaults.RequestTimeout;

    /// <summary>SKJOIN → EVENT 25/24 guard (timing.md: 45 s).</summary>
    public TimeSpan JoinTimeout { get; init; } = Defaults.JoinTimeout;

    /// <summary>The longest SKSCAN duration of the scan ladder (default 8).</summary>
    public int ScanMaxDuration { get; init; } = Defaults.ScanMaxDuration;

    /// <summary>Folder of the PAN cache.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The raw dialogue at trace level on standard error; stack traces on errors.</summary>
    public bool Verbose { get; init; }

    /// <summary>The config file that was read, if any.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>The configured meter's name ("meter" for the single top-level one).</summary>
    public string MeterName { get; init; } = "meter";

    /// <summary>Where each setting came from, by config key ("device" → "--device", "BROUTE_DEVICE", "config file FILE"; "timeouts.request" …); unset = default.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>();

    /// <summary>Masks every ID/password value seen in any source (valid or not). Apply to anything shown or saved.</summary>
    public SecretRedactor Secrets { get; init; } = SecretRedactor.None;

    /// <summary>The scan ladder: durations from min(4, max) up to <see cref="ScanMaxDuration"/>.</summary>
    public IReadOnlyList<int> ScanDurations => Timeouts.ScanDurations;

    /// <summary>The credentials, or a usage error naming the three ways to give them.</summary>
    public Credentials RequireCredentials() => Credentials ?? throw new CliUsageException(MissingCredentialsMessage(ConfigPath));

    /// <summary>The message for missing credentials: the ways to give them.</summary>
    public static string MissingCredentialsMessage(string? configPath) =>
        $"no B-route ID and password: give --id ID --password PASSWORD, set {LayeredConfiguration.IdVariable} and {LayeredConfiguration.PasswordVariable}, or put \"id\" and \"password\" (or \"password_file\") in {(configPath is null ? "the config file (broute.json; 'broute config sample' prints one)" : $"the config file ({configPath})")} (the power company sent you both: 32 and 12 characters)";

    /// <summary>Driver options: family override, logger (trace = the masked dialogue) and clock.</summary>
    public SkDeviceOptions ToDeviceOptions(ILogger? logger, TimeProvider time) =>
        new() { Family = Family, Logger = logger, TimeProvider = time ?? TimeProvider.System };

    /// <summary>Request timeouts: <see cref="RequestTimeout"/> per attempt; large replies (E2/E4) get at least the 60 s default.</summary>
    public RetryPolicy ToRetryPolicy() => Timeouts.ToRetryPolicy();

    /// <summary>Connection options with <see cref="JoinTimeout"/>.</summary>
    public ConnectionOptions ToConnectionOptions() => Timeouts.ToConnectionOptions();

    /// <summary>Scan options with the ladder of <see cref="ScanDurations"/>.</summary>
    public ScanOptions ToScanOptions() => Timeouts.ToScanOptions();

    /// <summary>The timeouts as the daemon's configuration holds them: one mapping onto the session's options for both.</summary>
    private TimeoutSettings Timeouts => new(RequestTimeout, JoinTimeout, ScanMaxDuration);

    /// <summary>The PAN cache in <see cref="StateDirectory"/>.</summary>
    public PanCache CreatePanCache() => new(StateDirectory);

    /// <summary>Library defaults, so the CLI and the library never disagree.</summary>
    internal static class Defaults
    {
        public static readonly TimeSpan RequestTimeout = new RetryPolicy().ReplyTimeout;
        public static readonly TimeSpan JoinTimeout = new ConnectionOptions().JoinTimeout;
        public static readonly int ScanMaxDuration = new ScanOptions().Durations.Max();
        public static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(1);
    }
}
