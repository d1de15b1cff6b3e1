namespace BRoute.Daemon.Configuration;

/// <summary>
/// Which config file to read: <c>--config</c>, else <c>$BROUTE_CONFIG</c>, else
/// <c>$XDG_CONFIG_HOME/broute/broute.json</c> (or <c>~/.config/broute/broute.json</c>), else
/// <c>/etc/broute/broute.json</c>. The interactive commands' older name <c>~/.config/broute/config.json</c> is still
/// read, with a warning to rename it.
/// </summary>
public static class ConfigFileLocator
{
    /// <summary>The environment variable naming the config file.</summary>
    public const string ConfigVariable = "BROUTE_CONFIG";

    /// <summary>The file to read (null = none: the environment alone must do) and any warning about it.</summary>
    /// <exception cref="ConfigException">A file named by --config or $BROUTE_CONFIG does not exist.</exception>
    public static (string? Path, string? Warning) Locate(ConfigInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.ConfigPath is { } given)
        {
            return File.Exists(given) ? (given, null) : throw new ConfigException($"--config {given}: no such file; give the path of your broute.json ('broute config sample' prints one to start from)");
        }

        if (inputs.Variable(ConfigVariable) is { } named)
        {
            return File.Exists(named) ? (named, null) : throw new ConfigException($"{ConfigVariable}={named}: no such file; fix the variable or unset it");
        }

        var userDirectory = UserDirectory(inputs);
        if (userDirectory is not null)
        {
            var current = Path.Combine(userDirectory, "broute.json");
            if (File.Exists(current))
            {
                return (current, null);
            }

            var older = Path.Combine(userDirectory, "config.json");
            if (File.Exists(older))
            {
                return (older, $"config file {older}: read under its old name; rename it to {current} (same keys)");
            }
        }

        return File.Exists(inputs.SystemConfigPath) ? (inputs.SystemConfigPath, null) : (null, null);
    }

    /// <summary>Where a user's config lives: $XDG_CONFIG_HOME/broute (absolute only) or ~/.config/broute.</summary>
    public static string? UserDirectory(ConfigInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var xdg = inputs.Variable("XDG_CONFIG_HOME");
        if (xdg is not null && Path.IsPathFullyQualified(xdg))
        {
            return Path.Combine(xdg, "broute");
        }

        return inputs.HomeDirectory.Length > 0 ? Path.Combine(inputs.HomeDirectory, ".config", "broute") : null;
    }
}
