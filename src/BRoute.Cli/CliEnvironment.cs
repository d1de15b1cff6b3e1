using System.Collections.ObjectModel;

namespace BRoute.Cli;

/// <summary>
/// The environment variables and home directory a command may read, replaceable in tests so a
/// developer's own <c>BROUTE_ID</c> or config file never leaks into a test run.
/// </summary>
public sealed class CliEnvironment
{
    private readonly IReadOnlyDictionary<string, string> _variables;

    private CliEnvironment(IReadOnlyDictionary<string, string> variables, string homeDirectory)
    {
        _variables = variables;
        HomeDirectory = homeDirectory;
    }

    /// <summary>No variables and no home directory (the default for test consoles).</summary>
    public static CliEnvironment Empty { get; } = new(ReadOnlyDictionary<string, string>.Empty, string.Empty);

    /// <summary>The user's home directory; empty when unknown.</summary>
    public string HomeDirectory { get; }

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

        return new(variables, System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile));
    }

    /// <summary>Given variables (tests).</summary>
    public static CliEnvironment From(IReadOnlyDictionary<string, string> variables, string homeDirectory = "")
    {
        ArgumentNullException.ThrowIfNull(variables);
        return new(new Dictionary<string, string>(variables, StringComparer.Ordinal), homeDirectory ?? string.Empty);
    }

    /// <summary>Every variable (for the layered configuration, which reads BROUTE__Section__Key names).</summary>
    public IReadOnlyDictionary<string, string> Variables => _variables;

    /// <summary>The variable's value, or null when it is unset or empty.</summary>
    public string? Get(string name) =>
        _variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
