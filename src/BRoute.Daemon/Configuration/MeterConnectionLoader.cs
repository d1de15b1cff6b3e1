using BRoute.Authentication;
using BRoute.SkStack.Grammar;

namespace BRoute.Daemon.Configuration;

/// <summary>
/// What an interactive command (read, watch, scan, history, doctor) needs to reach one meter, read from the same
/// layers as <c>broute run</c> (<see cref="DaemonSettingsLoader"/>): file, environment, options.
/// </summary>
public sealed record MeterConnectionSettings
{
    /// <summary>The meter's name ("meter" for the single top-level one).</summary>
    public required string Name { get; init; }

    /// <summary>Serial device path or tcp://host:port.</summary>
    public required string Device { get; init; }

    /// <summary>The credentials; null only when the caller allowed none and none were given.</summary>
    public Credentials? Credentials { get; init; }

    /// <summary>The dongle family when forced; null = detect.</summary>
    public DongleFamily? Family { get; init; }

    /// <summary>PAN cache folder (the daemon's state folder).</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Session timeouts.</summary>
    public required TimeoutSettings Timeouts { get; init; }

    /// <summary>The config file read, if any.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Things to tell the user that do not stop the command.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Where each setting came from: "device", "id", "password", "family", "state_dir", "timeouts.request" … → "--device", "BROUTE_ID", "config file …".</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>();

    /// <summary>Every B-route ID value any layer holds (valid or not), to mask in anything shown.</summary>
    public IReadOnlyList<string> IdValues { get; init; } = [];

    /// <summary>Every other secret value any layer holds (passwords, tokens), to mask in anything shown.</summary>
    public IReadOnlyList<string> SecretValues { get; init; } = [];

    /// <summary>Never a credential.</summary>
    public override string ToString() => $"meter {Name} on {Device} (credentials {(Credentials is null ? "-" : "set")}, config {ConfigPath ?? "-"})";
}

/// <summary>
/// Loads <see cref="MeterConnectionSettings"/> for one meter: with several configured, the one named by
/// <c>meter</c> (the command's <c>--meter</c>), else the only one. Command-line options (<see cref="ConfigInputs.Options"/>,
/// keyed as in the file) beat the chosen entry's keys. Problems are collected into one <see cref="ConfigException"/>.
/// </summary>
public static class MeterConnectionLoader
{
    /// <summary>Loads and validates the meter's connection; sections the command does not use (store, mqtt, web) are not checked.</summary>
    /// <param name="inputs">Layers: the file, the environment, the options.</param>
    /// <param name="meterName">The meter to use (case-insensitive); null = the only one.</param>
    /// <param name="credentialsRequired">False (doctor): no ID and no password at all is fine; half of them is not.</param>
    public static MeterConnectionSettings Load(ConfigInputs inputs, string? meterName, bool credentialsRequired)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var layers = LayeredConfiguration.Build(inputs);
        var reader = new SettingsReader(layers);
        var (ids, secrets) = layers.SecretValues();
        try
        {
            var meter = ChooseAndRead(reader, inputs, meterName, credentialsRequired);
            var timeouts = DaemonSettingsLoader.Timeouts(reader);
            var stateDirectory = DaemonSettingsLoader.StateDirectory(reader, inputs);
            if (reader.Problems.Count > 0 || meter is null)
            {
                throw new ConfigException(reader.Problems);
            }

            var sources = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, source) in reader.Sources)
            {
                var parts = key.Split(':');
                var name = parts.Length == 3 && parts[0].Equals("meters", StringComparison.OrdinalIgnoreCase) ? parts[2] : key;
                sources[SettingsReader.Show(name)] = source;
            }

            return new MeterConnectionSettings
            {
                Name = meter.Name,
                Device = meter.Device,
                Credentials = meter.Credentials,
                Family = meter.Family,
                StateDirectory = stateDirectory,
                Timeouts = timeouts,
                ConfigPath = layers.FilePath,
                Warnings = [.. layers.Warnings, .. reader.Warnings],
                Sources = sources,
                IdValues = ids,
                SecretValues = secrets,
            };
        }
        catch (ConfigException ex)
        {
            throw new ConfigException(ex.Problems) { IdValues = ids, SecretValues = secrets };
        }
    }

    private static MeterEntry? ChooseAndRead(SettingsReader reader, ConfigInputs inputs, string? meterName, bool credentialsRequired)
    {
        var entries = MeterSection.Entries(reader);
        var names = entries.Count == 0
            ? [MeterSection.NameOf(reader, null, "meter")]
            : entries.Select((e, i) => MeterSection.NameOf(reader, e + ":", $"meter{i + 1}")).ToList();
        int index;
        if (meterName is not null)
        {
            index = names.FindIndex(n => n.Equals(meterName.Trim(), StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                reader.Problems.Add($"meter (from --meter): no meter named '{meterName}'; {Choice(names)}");
                return null;
            }
        }
        else if (names.Count > 1)
        {
            reader.Problems.Add($"meters: {names.Count} meters are configured; {Choice(names)}");
            return null;
        }
        else
        {
            index = 0;
        }

        if (entries.Count > 0 && reader.Peek("device") is not null && !inputs.HasOption("device"))
        {
            reader.Warnings.Add($"device (from {reader.SourceOf("device")}) is ignored: with \"meters\" each meter names its own device (give --device to use another dongle)");
        }

        var prefix = entries.Count == 0 ? null : entries[index] + ":";
        return MeterSection.Read(reader, inputs, prefix, names[index], single: names.Count == 1, optionsFirst: true, credentialsOptional: !credentialsRequired);
    }

    private static string Choice(List<string> names) => names.Count == 1
        ? $"the configuration has one, '{names[0]}': give --meter {names[0]} or leave --meter out"
        : $"pick one with --meter NAME ({string.Join(", ", names)})";
}
