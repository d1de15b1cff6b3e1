using BRoute.Cli.Logging;
using BRoute.Cli.Running;
using BRoute.Daemon.Configuration;

namespace BRoute.Cli.Settings;

/// <summary>A resolved connection plus the warnings to show before the command runs.</summary>
internal sealed record SettingsResolution(ConnectionSettings Settings, IReadOnlyList<string> Warnings);

/// <summary>
/// Resolves a device command's <see cref="ConnectionSettings"/> through the daemon's layered configuration
/// (<see cref="MeterConnectionLoader"/>): the same file (--config, $BROUTE_CONFIG, the user's broute.json or its
/// older name config.json, /etc/broute/broute.json), the same environment (BROUTE_DEVICE …, BROUTE__Section__Key)
/// and the command-line options on top. Problems come as one <see cref="ConfigException"/>, one line per problem.
/// </summary>
internal static class CommandSettings
{
    /// <summary>The options as config keys.</summary>
    private static readonly Dictionary<string, string> OptionNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["device"] = "--device",
        ["id"] = "--id",
        ["password"] = "--password",
        ["family"] = "--family",
        ["state_dir"] = "--state-dir",
        ["timeouts:request"] = "--request-timeout",
        ["timeouts:join"] = "--join-timeout",
        ["timeouts:scan_max_duration"] = "--scan-max-duration",
    };

    /// <exception cref="ConfigException">Any problem: each names the key, where the value came from and the fix.</exception>
    public static SettingsResolution Resolve(SettingsInputs inputs, CliEnvironment environment, CredentialsRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(environment);
        var options = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["device"] = inputs.Device,
            ["id"] = inputs.Id,
            ["password"] = inputs.Password,
            ["family"] = inputs.Family,
            ["state_dir"] = inputs.StateDir,
            ["timeouts:request"] = inputs.RequestTimeout,
            ["timeouts:join"] = inputs.JoinTimeout,
            ["timeouts:scan_max_duration"] = inputs.ScanMaxDuration,
        };
        var loaded = MeterConnectionLoader.Load(
            environment.ToConfigInputs(inputs.ConfigPath, options, OptionNames),
            string.IsNullOrWhiteSpace(inputs.Meter) ? null : inputs.Meter,
            requirement == CredentialsRequirement.Required);
        var settings = new ConnectionSettings
        {
            Device = loaded.Device,
            Credentials = loaded.Credentials,
            Family = loaded.Family,
            RequestTimeout = loaded.Timeouts.Request,
            JoinTimeout = loaded.Timeouts.Join,
            ScanMaxDuration = loaded.Timeouts.ScanMaxDuration,
            StateDirectory = loaded.StateDirectory,
            Verbose = inputs.Verbose,
            ConfigPath = loaded.ConfigPath,
            MeterName = loaded.Name,
            Sources = loaded.Sources,
            Secrets = Redactor(loaded.IdValues, loaded.SecretValues),
        };
        return new SettingsResolution(settings, loaded.Warnings);
    }

    /// <summary>Masks every ID (and its pairing-ID tail) and every other secret value seen.</summary>
    public static SecretRedactor Redactor(IEnumerable<string?> ids, IEnumerable<string?> others) => SecretRedactor.ForCredentials(ids, others);
}
