using System.Collections.ObjectModel;
using BRoute.Daemon.Configuration;

namespace BRoute.Cli;

/// <summary>
/// The environment variables and home directory a command may read, replaceable in tests so a
/// developer's own <c>BROUTE_ID</c> or config file never leaks into a test run.
/// </summary>
public sealed class CliEnvironment
{
    private readonly IReadOnlyDictionary<string, string> _variables;

    private CliEnvironment(IReadOnlyDictionary<string, string> variables, string homeDirectory, string systemConfigPath)
    {
        _variables = variables;
        HomeDirectory = homeDirectory;
        SystemConfigPath = systemConfigPath;
    }

    /// <summary>No variables, no home directory and no system config file (the default for test consoles, and demo's own setup).</summary>
    public static CliEnvironment Empty { get; } = new(ReadOnlyDictionary<string, string>.Empty, string.Empty, string.Empty);

    /// <summary>The user's home directory; empty when unknown.</summary>
    public string HomeDirectory { get; }

    /// <summary>The system-wide config file (/etc/broute/broute.json for the real process; empty = none).</summary>
    public string SystemConfigPath { get; }

    /// <summary>The real process environment, read once.</summary>
    public static CliEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                variables[key] = value;
            }
        }

        return new(variables, System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), new ConfigInputs { Environment = variables }.SystemConfigPath);
    }

    /// <summary>Given variables (tests); no system config file unless named.</summary>
    public static CliEnvironment From(IReadOnlyDictionary<string, string> variables, string homeDirectory = "", string systemConfigPath = "")
    {
        ArgumentNullException.ThrowIfNull(variables);
        return new(new Dictionary<string, string>(variables, StringComparer.Ordinal), homeDirectory ?? string.Empty, systemConfigPath ?? string.Empty);
    }

    /// <summary>The layered configuration's inputs from this environment (every command reads the config through these).</summary>
    public ConfigInputs ToConfigInputs(string? configPath, IReadOnlyDictionary<string, string?>? options = null, IReadOnlyDictionary<string, string>? optionNames = null) => new()
    {
        ConfigPath = configPath,
        Options = options ?? new Dictionary<string, string?>(),
        OptionNames = optionNames ?? new Dictionary<string, string>(),
        Environment = _variables,
        HomeDirectory = HomeDirectory,
        SystemConfigPath = SystemConfigPath,
    };

    /// <summary>Every variable (for the layered configuration, which reads BROUTE__Section__Key names).</summary>
    public IReadOnlyDictionary<string, string> Variables => _variables;

    /// <summary>The variable's value, or null when it is unset or empty.</summary>
    public string? Get(string name) =>
        _variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
