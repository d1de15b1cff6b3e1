namespace BRoute.Storage;

/// <summary>Where the store file lives when the caller names no path.</summary>
public static class StorePaths
{
    /// <summary>The store's file name inside the state directory.</summary>
    public const string FileName = "broute.db";

    /// <summary>
    /// The default store path: <c>$STATE_DIRECTORY/broute.db</c> (systemd's StateDirectory=; the first entry when it
    /// lists several), else <c>$XDG_STATE_HOME/broute/broute.db</c>, else <c>~/.local/state/broute/broute.db</c>.
    /// </summary>
    /// <param name="environment">Reads an environment variable; <see cref="Environment.GetEnvironmentVariable(string)"/> when null.</param>
    /// <param name="home">The home directory; the user profile folder when null.</param>
    public static string Default(Func<string, string?>? environment = null, string? home = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var stateDirectory = environment("STATE_DIRECTORY");
        if (!string.IsNullOrWhiteSpace(stateDirectory))
        {
            return Path.Combine(stateDirectory.Split(':')[0], FileName);
        }

        var xdg = environment("XDG_STATE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
        {
            // The XDG spec says a relative value is invalid and must be ignored.
            return Path.Combine(xdg, "broute", FileName);
        }

        home ??= Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".local", "state", "broute", FileName);
    }
}
