using System.Globalization;
using BRoute.Authentication;
using BRoute.Cli.Logging;
using BRoute.Cli.Running;
using BRoute.Scanning;
using BRoute.SkStack.Errors;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Transport;

namespace BRoute.Cli.Settings;

/// <summary>A resolved connection plus the warnings to show before the command runs.</summary>
internal sealed record SettingsResolution(ConnectionSettings Settings, IReadOnlyList<string> Warnings);

/// <summary>
/// Turns options, environment variables and the config file into <see cref="ConnectionSettings"/>.
/// Precedence per setting: option &gt; environment &gt; config file &gt; default. Every problem is a
/// <see cref="CliUsageException"/> that names the setting and where it came from, never a credential.
/// </summary>
internal static class SettingsResolver
{
    public const string DeviceVariable = "BROUTE_DEVICE";
    public const string IdVariable = "BROUTE_ID";
    public const string PasswordVariable = "BROUTE_PASSWORD";
    public const string FamilyVariable = "BROUTE_FAMILY";
    public const string ConfigVariable = "BROUTE_CONFIG";

    /// <summary>Reads the secrets first (so even a failure can be redacted), then resolves.</summary>
    public static SettingsResolution Resolve(SettingsInputs inputs, CliEnvironment environment, CredentialsRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(environment);
        var warnings = new List<string>();
        var config = LoadConfig(inputs, environment);
        if (config is not null)
        {
            warnings.AddRange(config.Warnings);
        }

        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var configPlace = config?.Path ?? ConfigFile.DefaultPath(environment);
        var configSource = config is null ? null : $"config file {config.Path}";
        var secrets = SecretRedactor.ForCredentials([inputs.Id, environment.Get(IdVariable), config?.Id], [inputs.Password, environment.Get(PasswordVariable), config?.Password]);

        var device = Pick("device", sources, (inputs.Device, "--device"), (environment.Get(DeviceVariable), DeviceVariable), (config?.Device, configSource))
            ?? throw new CliUsageException($"no device: give --device DEV (a serial port such as /dev/ttyUSB0, or tcp://host:port), set {DeviceVariable}, or put \"device\" in {ConfigPlace(configPlace)}");
        CheckDevice(device, sources["device"]);

        var familyText = Pick("family", sources, (inputs.Family, "--family"), (environment.Get(FamilyVariable), FamilyVariable), (config?.Family, configSource));
        DongleFamily? family = null;
        if (familyText is not null && !FamilyNames.TryParse(familyText, out family))
        {
            throw new CliUsageException($"{sources["family"]}: '{familyText}' is not a dongle family; use one of {FamilyNames.Choices}");
        }

        var request = Timeout("request timeout", sources, (inputs.RequestTimeout, "--request-timeout"), (config?.RequestTimeout, configSource is null ? null : $"{configSource}, timeouts.request"))
            ?? ConnectionSettings.Defaults.RequestTimeout;
        var join = Timeout("join timeout", sources, (inputs.JoinTimeout, "--join-timeout"), (config?.JoinTimeout, configSource is null ? null : $"{configSource}, timeouts.join"))
            ?? ConnectionSettings.Defaults.JoinTimeout;
        var scanText = Pick("scan max duration", sources, (inputs.ScanMaxDuration, "--scan-max-duration"), (config?.ScanMaxDuration, configSource is null ? null : $"{configSource}, timeouts.scan_max_duration"));
        var scanMax = ConnectionSettings.Defaults.ScanMaxDuration;
        if (scanText is not null
            && (!int.TryParse(scanText, NumberStyles.None, CultureInfo.InvariantCulture, out scanMax) || scanMax is < ScanTiming.MinDuration or > ScanTiming.MaxDuration))
        {
            throw new CliUsageException($"{sources["scan max duration"]}: '{scanText}' is not a scan duration; give a whole number from {ScanTiming.MinDuration} to {ScanTiming.MaxDuration} (each step doubles the time: 8 ≈ 69 s for all channels)");
        }

        var stateDir = Pick("state directory", sources, (inputs.StateDir, "--state-dir"), (config?.StateDir, configSource)) ?? DefaultStateDirectory(environment, sources);
        var credentials = ResolveCredentials(inputs, environment, config, configPlace, sources, requirement);

        var settings = new ConnectionSettings
        {
            Device = device,
            Credentials = credentials,
            Family = family,
            RequestTimeout = request,
            JoinTimeout = join,
            ScanMaxDuration = scanMax,
            StateDirectory = stateDir,
            Verbose = inputs.Verbose,
            ConfigPath = config?.Path,
            Sources = sources,
            Secrets = secrets,
        };
        return new SettingsResolution(settings, warnings);
    }

    /// <summary>The message for missing credentials: the three ways to give them.</summary>
    public static string MissingCredentialsMessage(string? configPath) =>
        $"no B-route ID and password: give --id ID --password PASSWORD, set {IdVariable} and {PasswordVariable}, or put \"id\" and \"password\" in {ConfigPlace(configPath)} (the power company sent you both: 32 and 12 characters)";

    private static ConfigFileValues? LoadConfig(SettingsInputs inputs, CliEnvironment environment)
    {
        if (inputs.ConfigPath is { } given)
        {
            return ConfigFile.Load(given);
        }

        if (environment.Get(ConfigVariable) is { } fromEnvironment)
        {
            return ConfigFile.Load(fromEnvironment);
        }

        var standard = ConfigFile.DefaultPath(environment);
        return standard is not null && File.Exists(standard) ? ConfigFile.Load(standard) : null;
    }

    private static Credentials? ResolveCredentials(SettingsInputs inputs, CliEnvironment environment, ConfigFileValues? config, string? configPlace, Dictionary<string, string> sources, CredentialsRequirement requirement)
    {
        var configSource = config is null ? null : $"config file {config.Path}";
        var id = Pick("id", sources, (inputs.Id, "--id"), (environment.Get(IdVariable), IdVariable), (config?.Id, configSource));
        var password = Pick("password", sources, (inputs.Password, "--password"), (environment.Get(PasswordVariable), PasswordVariable), (config?.Password, configSource));
        if (id is null && password is null)
        {
            return requirement == CredentialsRequirement.Optional ? null : throw new CliUsageException(MissingCredentialsMessage(configPlace));
        }

        if (id is null)
        {
            throw new CliUsageException($"the B-route ID is missing (the password came from {sources["password"]}): give --id, set {IdVariable}, or put \"id\" in {ConfigPlace(configPlace)}");
        }

        if (password is null)
        {
            throw new CliUsageException($"the B-route password is missing (the ID came from {sources["id"]}): give --password, set {PasswordVariable}, or put \"password\" in {ConfigPlace(configPlace)}");
        }

        // Credentials' own messages carry lengths and positions, never the values.
        if (!Credentials.TryCreate(id, password, out var credentials, out var error))
        {
            var source = error!.StartsWith("the B-route ID", StringComparison.Ordinal) ? sources["id"] : sources["password"];
            throw new CliUsageException($"{error} (from {source})");
        }

        return credentials;
    }

    private static void CheckDevice(string device, string source)
    {
        if (device.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                SkTransportFactory.ParseTcp(device.Trim());
            }
            catch (SkTransportOpenException ex)
            {
                throw new CliUsageException($"{source}: {ex.Message}", ex);
            }
        }
        else if (device.Contains("://", StringComparison.Ordinal))
        {
            throw new CliUsageException($"{source}: unsupported device '{device}'; use a serial device path (e.g. /dev/ttyUSB0) or tcp://host:port");
        }
    }

    private static string DefaultStateDirectory(CliEnvironment environment, Dictionary<string, string> sources)
    {
        try
        {
            var directory = PanCache.ResolveDirectory(environment.Get, environment.HomeDirectory);
            sources["state directory"] = "default";
            return directory;
        }
        catch (InvalidOperationException)
        {
            throw new CliUsageException("no place for the PAN cache: neither XDG_STATE_HOME nor a home directory is set; give --state-dir DIR or put \"state_dir\" in the config file");
        }
    }

    private static TimeSpan? Timeout(string what, Dictionary<string, string> sources, params (string? Value, string? Source)[] candidates)
    {
        var text = Pick(what, sources, candidates);
        if (text is null)
        {
            return null;
        }

        if (!DurationText.TryParse(text, out var value) || value <= TimeSpan.Zero || value > ConnectionSettings.Defaults.MaxTimeout)
        {
            throw new CliUsageException($"{sources[what]}: '{text}' is not a usable {what}; give {DurationText.Format}, more than 0 and at most 1 h");
        }

        return value;
    }

    private static string? Pick(string what, Dictionary<string, string> sources, params (string? Value, string? Source)[] candidates)
    {
        foreach (var (value, source) in candidates)
        {
            if (value is not null && source is not null && value.Trim().Length > 0)
            {
                sources[what] = source;
                return value.Trim();
            }
        }

        return null;
    }

    private static string ConfigPlace(string? path) => path is null ? "the config file (give --config FILE)" : $"the config file ({path})";
}
