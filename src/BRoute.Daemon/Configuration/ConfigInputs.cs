namespace BRoute.Daemon.Configuration;

/// <summary>
/// What the configuration is built from, passed in so that tests need no real environment: the command line's
/// <c>--config</c> and options, the environment variables, the home directory and the system config folder.
/// </summary>
public sealed record ConfigInputs
{
    /// <summary>The config file named by <c>--config</c>; null = the standard places.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Command-line options as config keys ("device", "id", "password", "family", "state_dir", "timeouts:request" …); highest precedence.</summary>
    public IReadOnlyDictionary<string, string?> Options { get; init; } = new Dictionary<string, string?>();

    /// <summary>The process environment (name → value).</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>The user's home directory ("" when none).</summary>
    public string HomeDirectory { get; init; } = string.Empty;

    /// <summary>The system-wide config file (default /etc/broute/broute.json).</summary>
    public string SystemConfigPath { get; init; } = "/etc/broute/broute.json";

    /// <summary>Inputs from this process: its environment and home.</summary>
    public static ConfigInputs FromProcess(string? configPath = null, IReadOnlyDictionary<string, string?>? options = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                environment[key] = value;
            }
        }

        return new ConfigInputs
        {
            ConfigPath = configPath,
            Options = options ?? new Dictionary<string, string?>(),
            Environment = environment,
            HomeDirectory = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile),
        };
    }

    /// <summary>How the command line spells an option, by key ("timeouts:request" → "--request-timeout"), for messages; missing keys show as "--KEY".</summary>
    public IReadOnlyDictionary<string, string> OptionNames { get; init; } = new Dictionary<string, string>();

    /// <summary>True when the command line gave <paramref name="key"/>.</summary>
    public bool HasOption(string key) => Options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value);

    /// <summary>One variable, or null when unset or empty.</summary>
    public string? Variable(string name) => Environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
