using System.Text;
using BRoute.Daemon.Configuration;

namespace BRoute.Daemon.Tests.Configuration;

/// <summary>A temporary home with a config folder, and inputs built from a test's own environment (never the process's).</summary>
internal sealed class ConfigFixture : IDisposable
{
    public const string Id = "ID00112233445566778899AABBCCDDEE";
    public const string Password = "PWDsecret123";
    public const string OtherPassword = "PWDother4567";

    public ConfigFixture()
    {
        Home = Directory.CreateTempSubdirectory("broute-config-").FullName;
        Directory.CreateDirectory(Path.Combine(Home, ".config", "broute"));
    }

    public string Home { get; }

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string?> Options { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? ConfigPath { get; set; }

    public string UserConfig => Path.Combine(Home, ".config", "broute", "broute.json");

    public string SystemConfig => Path.Combine(Home, "etc-broute.json");

    public ConfigInputs Inputs => new()
    {
        ConfigPath = ConfigPath,
        Options = Options,
        Environment = Environment,
        HomeDirectory = Home,
        SystemConfigPath = SystemConfig,
    };

    public ConfigFixture WithEnvironmentMeter(string device = "/dev/ttyUSB0")
    {
        Environment["BROUTE_DEVICE"] = device;
        Environment["BROUTE_ID"] = Id;
        Environment["BROUTE_PASSWORD"] = Password;
        return this;
    }

    /// <summary>Writes a file (mode 0600 unless given) and returns its path.</summary>
    public string Write(string name, string text, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        var path = Path.IsPathRooted(name) ? name : Path.Combine(Home, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
        return path;
    }

    public DaemonSettings Load() => DaemonSettingsLoader.Load(Inputs);

    public ConfigException LoadFails() => Assert.Throws<ConfigException>(Load);

    public void Dispose() => Directory.Delete(Home, recursive: true);
}
