using BRoute.Scanning;

namespace BRoute.Daemon.Configuration;

/// <summary>
/// Builds <see cref="DaemonSettings"/> from the layers (file, environment, options): one meter from the top-level
/// keys (today's <c>device</c>, <c>id</c>, <c>password</c>, <c>family</c>), or several from <c>meters</c> (top-level
/// keys then serve as each meter's defaults); the store, MQTT and web sections. With no config file the environment
/// alone (<c>BROUTE_DEVICE</c>, <c>BROUTE_ID</c>, <c>BROUTE_PASSWORD</c>) is a working setup.
/// </summary>
public static class DaemonSettingsLoader
{
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(1);

    /// <summary>Loads and validates everything; every problem is collected before one <see cref="ConfigException"/> is thrown.</summary>
    public static DaemonSettings Load(ConfigInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var layers = LayeredConfiguration.Build(inputs);
        var reader = new SettingsReader(layers);
        var stateDirectory = StateDirectory(reader, inputs);
        var timeouts = Timeouts(reader);
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

    /// <summary>The "timeouts" section (the same for the daemon and the interactive commands).</summary>
    internal static TimeoutSettings Timeouts(SettingsReader reader) => new(
        reader.Duration("timeouts:request", TimeoutSettings.Defaults.Request, TimeSpan.FromMilliseconds(1), MaxTimeout),
        reader.Duration("timeouts:join", TimeoutSettings.Defaults.Join, TimeSpan.FromMilliseconds(1), MaxTimeout),
        reader.Integer("timeouts:scan_max_duration", TimeoutSettings.Defaults.ScanMaxDuration, ScanTiming.MinDuration, ScanTiming.MaxDuration));

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

    internal static string StateDirectory(SettingsReader reader, ConfigInputs inputs)
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
            reader.Problems.Add("state_dir: no place for the store and the PAN cache (neither STATE_DIRECTORY, XDG_STATE_HOME nor a home directory is set); give --state-dir DIR or put \"state_dir\" in the config file");
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
        var entries = MeterSection.Entries(reader);
        if (entries.Count == 0)
        {
            return MeterSection.Read(reader, inputs, prefix: null, "meter", single: true) is { } one ? [ToSettings(one)] : [];
        }

        if (reader.Text("device") is not null)
        {
            reader.Warnings.Add($"device (from {reader.SourceOf("device")}) is ignored: with \"meters\" each meter names its own device (one dongle per meter)");
        }

        var meters = new List<MeterSettings>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < entries.Count; i++)
        {
            var meter = MeterSection.Read(reader, inputs, entries[i] + ":", $"meter{i + 1}", single: entries.Count == 1);
            if (meter is null)
            {
                continue;
            }

            if (!names.Add(meter.Name))
            {
                reader.Problem($"{entries[i]}:name", $"'{meter.Name}' names two meters; give each a different name");
            }

            meters.Add(ToSettings(meter));
        }

        return meters;
    }

    private static MeterSettings ToSettings(MeterEntry meter) => new(meter.Name, meter.Device, meter.Credentials!, meter.Family);
}
