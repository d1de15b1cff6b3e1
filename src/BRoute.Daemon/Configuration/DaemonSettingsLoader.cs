using System.Text.RegularExpressions;
using BRoute.Authentication;
using BRoute.Scanning;
using BRoute.SkStack.Errors;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Transport;

namespace BRoute.Daemon.Configuration;

/// <summary>
/// Builds <see cref="DaemonSettings"/> from the layers (file, environment, options): one meter from the top-level
/// keys (today's <c>device</c>, <c>id</c>, <c>password</c>, <c>family</c>), or several from <c>meters</c> (top-level
/// keys then serve as each meter's defaults); the store, MQTT and web sections. With no config file the environment
/// alone (<c>BROUTE_DEVICE</c>, <c>BROUTE_ID</c>, <c>BROUTE_PASSWORD</c>) is a working setup.
/// </summary>
public static partial class DaemonSettingsLoader
{
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(1);

    /// <summary>Loads and validates everything; every problem is collected before one <see cref="ConfigException"/> is thrown.</summary>
    public static DaemonSettings Load(ConfigInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var layers = LayeredConfiguration.Build(inputs);
        var reader = new SettingsReader(layers);
        var stateDirectory = StateDirectory(reader, inputs);
        var timeouts = new TimeoutSettings(
            reader.Duration("timeouts:request", TimeoutSettings.Defaults.Request, TimeSpan.FromMilliseconds(1), MaxTimeout),
            reader.Duration("timeouts:join", TimeoutSettings.Defaults.Join, TimeSpan.FromMilliseconds(1), MaxTimeout),
            reader.Integer("timeouts:scan_max_duration", TimeoutSettings.Defaults.ScanMaxDuration, ScanTiming.MinDuration, ScanTiming.MaxDuration));
        var meters = Meters(reader, inputs);
        var store = Store(reader, stateDirectory);
        var mqtt = MqttSection.Read(reader, inputs);
        var web = WebSection.Read(reader, inputs);
        var tariff = TariffSection.Read(reader);
        if (reader.Problems.Count > 0)
        {
            throw new ConfigException(reader.Problems);
        }

        return new DaemonSettings
        {
            Meters = meters,
            StateDirectory = stateDirectory,
            Store = store,
            Timeouts = timeouts,
            Mqtt = mqtt,
            Web = web,
            Tariff = tariff,
            ConfigPath = layers.FilePath,
            Warnings = [.. layers.Warnings, .. reader.Warnings],
            Sources = reader.Sources,
        };
    }

    /// <summary>
    /// Only where the store is (for <c>broute export</c> and <c>broute status</c>, which need no dongle or credentials):
    /// <c>store.path</c>, else broute.db in the state folder.
    /// </summary>
    public static string StorePath(ConfigInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var reader = new SettingsReader(LayeredConfiguration.Build(inputs));
        var path = reader.Text("store:path") ?? Path.Combine(StateDirectory(reader, inputs), "broute.db");
        return reader.Problems.Count > 0 ? throw new ConfigException(reader.Problems) : path;
    }

    private static string StateDirectory(SettingsReader reader, ConfigInputs inputs)
    {
        if (reader.Text("state_dir") is { } given)
        {
            return given;
        }

        // systemd's StateDirectory= sets $STATE_DIRECTORY (several folders are separated by ':').
        if (inputs.Variable("STATE_DIRECTORY") is { } systemd)
        {
            reader.Sources["state_dir"] = "STATE_DIRECTORY (systemd)";
            return systemd.Split(':')[0];
        }

        try
        {
            return PanCache.ResolveDirectory(inputs.Variable, inputs.HomeDirectory);
        }
        catch (InvalidOperationException)
        {
            reader.Problems.Add("state_dir: no place for the store and the PAN cache (neither STATE_DIRECTORY, XDG_STATE_HOME nor a home directory is set); put \"state_dir\" in the config file");
            return string.Empty;
        }
    }

    private static StoreSettings Store(SettingsReader reader, string stateDirectory)
    {
        var path = reader.Text("store:path") ?? Path.Combine(stateDirectory, "broute.db");
        var samples = reader.Duration("store:sample_retention", TimeSpan.FromDays(14), TimeSpan.FromHours(1), TimeSpan.FromDays(3660));
        var aggregates = reader.Duration("store:aggregate_retention", TimeSpan.FromDays(730), TimeSpan.FromHours(1), TimeSpan.FromDays(36600));
        if (aggregates < samples)
        {
            reader.Problem("store:aggregate_retention", $"{DurationSetting.Show(aggregates)} is shorter than store.sample_retention ({DurationSetting.Show(samples)}); the 1-minute aggregates must outlive the raw samples they summarise");
        }

        return new StoreSettings(path, samples, aggregates);
    }

    private static List<MeterSettings> Meters(SettingsReader reader, ConfigInputs inputs)
    {
        var entries = reader.Root.GetSection("meters").GetChildren().Select(c => c.Path).ToList();
        if (entries.Count == 0)
        {
            return Meter(reader, inputs, prefix: null, "meter", single: true) is { } one ? [one] : [];
        }

        if (reader.Text("device") is not null)
        {
            reader.Warnings.Add($"device (from {reader.SourceOf("device")}) is ignored: with \"meters\" each meter names its own device (one dongle per meter)");
        }

        var meters = new List<MeterSettings>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < entries.Count; i++)
        {
            var meter = Meter(reader, inputs, entries[i] + ":", $"meter{i + 1}", single: entries.Count == 1);
            if (meter is null)
            {
                continue;
            }

            if (!names.Add(meter.Name))
            {
                reader.Problem($"{entries[i]}:name", $"'{meter.Name}' names two meters; give each a different name");
            }

            meters.Add(meter);
        }

        return meters;
    }

    private static MeterSettings? Meter(SettingsReader reader, ConfigInputs inputs, string? prefix, string defaultName, bool single)
    {
        string Key(string name) => prefix is not null && reader.Text(prefix + name) is not null ? prefix + name : name;
        var problemsBefore = reader.Problems.Count;
        var name = reader.Text(Key("name")) ?? defaultName;
        if (!NamePattern().IsMatch(name))
        {
            reader.Problem(Key("name"), $"'{name}' is not usable as a meter name; use 1 to 32 letters, digits, '-' or '_'");
        }

        var deviceKey = prefix is null ? "device" : prefix + "device";
        var device = reader.Text(deviceKey);
        if (device is null)
        {
            reader.Problems.Add(prefix is null
                ? "device: no dongle; set BROUTE_DEVICE, give --device, or put \"device\" in the config file (a serial port such as /dev/ttyUSB0, or tcp://host:port)"
                : $"{SettingsReader.Show(deviceKey)}: missing; each meter needs its own dongle (a serial port such as /dev/ttyUSB0, or tcp://host:port)");
        }
        else
        {
            CheckDevice(reader, deviceKey, device);
        }

        var familyText = reader.Text(Key("family"));
        DongleFamily? family = null;
        if (familyText is not null && !DongleFamilyNames.TryParse(familyText, out family))
        {
            reader.Problem(Key("family"), $"'{familyText}' is not a dongle family; use one of {DongleFamilyNames.Choices}");
        }

        var credentials = MeterCredentials(reader, inputs, prefix, Key, name, single);
        return reader.Problems.Count > problemsBefore || device is null || credentials is null ? null : new MeterSettings(name, device, credentials, family);
    }

    private static Credentials? MeterCredentials(SettingsReader reader, ConfigInputs inputs, string? prefix, Func<string, string> key, string name, bool single)
    {
        var idKey = key("id");
        var id = reader.Text(idKey);
        string[] credentialNames = single ? [$"broute-password-{name}", "broute-password"] : [$"broute-password-{name}"];
        var passwordKey = prefix is not null && (reader.Text(prefix + "password") is not null || reader.Text(prefix + "password_file") is not null) ? prefix + "password" : "password";
        var password = reader.Secret(passwordKey, passwordKey + "_file", inputs, credentialNames);
        var where = prefix is null ? string.Empty : $" for meter '{name}'";
        if (id is null)
        {
            reader.Problems.Add($"{SettingsReader.Show(idKey)}: the B-route ID{where} is missing; set BROUTE_ID or put \"id\" in the config file (32 characters, from the power company)");
        }

        if (password is null)
        {
            if (!reader.Problems.Any(p => p.Contains("password", StringComparison.Ordinal)))
            {
                reader.Problems.Add($"{SettingsReader.Show(passwordKey)}: the B-route password{where} is missing; set BROUTE_PASSWORD, put \"password_file\" in the config file (a file holding only the password, chmod 600), or give the systemd credential broute-password (12 characters, from the power company)");
            }
        }

        if (id is null || password is null)
        {
            return null;
        }

        // Credentials' own messages carry lengths and positions, never the values.
        if (!Credentials.TryCreate(id, password, out var credentials, out var error))
        {
            var source = error!.StartsWith("the B-route ID", StringComparison.Ordinal) ? idKey : passwordKey;
            reader.Problem(source, error);
            return null;
        }

        return credentials;
    }

    private static void CheckDevice(SettingsReader reader, string key, string device)
    {
        if (device.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                SkTransportFactory.ParseTcp(device);
            }
            catch (SkTransportOpenException ex)
            {
                reader.Problem(key, ex.Message);
            }
        }
        else if (device.Contains("://", StringComparison.Ordinal) || !Path.IsPathFullyQualified(device))
        {
            reader.Problem(key, $"'{device}' is not a device; use a serial device path (e.g. /dev/ttyUSB0) or tcp://host:port");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex NamePattern();
}
