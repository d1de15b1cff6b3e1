using System.CommandLine;
using BRoute.Daemon.Configuration;

namespace BRoute.Cli.Settings;

/// <summary>
/// The options every device command shares (read, watch, scan, history, doctor). Create one
/// instance per command, <see cref="AddTo"/> it, and <see cref="Read"/> the parse result; the
/// runner resolves them into <see cref="ConnectionSettings"/>.
/// </summary>
internal sealed class DeviceOptions
{
    public Option<string?> Device { get; } = new("--device", "-d")
    {
        Description = $"Serial device (/dev/ttyUSB0, a pty) or tcp://host:port (ser2net). Also {LayeredConfiguration.DeviceVariable} or \"device\" in the config file.",
        HelpName = "DEV",
    };

    public Option<string?> Id { get; } = new("--id")
    {
        Description = $"B-route ID (32 characters). Also {LayeredConfiguration.IdVariable} or \"id\" in the config file; never printed.",
        HelpName = "ID",
    };

    public Option<string?> Password { get; } = new("--password")
    {
        Description = $"B-route password (12 characters). Also {LayeredConfiguration.PasswordVariable} or \"password\" in the config file (safer: other users can see command lines); never printed.",
        HelpName = "PASSWORD",
    };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = $"Config file (JSON), the one 'broute run' reads. Default: {ConfigFileLocator.ConfigVariable}, else $XDG_CONFIG_HOME/broute/broute.json (or ~/.config/broute/broute.json), else /etc/broute/broute.json, if present.",
        HelpName = "FILE",
    };

    public Option<string?> Meter { get; } = new("--meter")
    {
        Description = "Which meter of the config file's \"meters\" list (its name); needed when it lists more than one.",
        HelpName = "NAME",
    };

    public Option<string?> Family { get; } = new("--family")
    {
        Description = $"Dongle family instead of detecting it: {FamilyNames.Choices}. Also {LayeredConfiguration.FamilyVariable}.",
        HelpName = "NAME",
    };

    public Option<string?> RequestTimeout { get; } = new("--request-timeout")
    {
        Description = $"Longest wait per attempt for the meter's reply (3 attempts, same TID): below it the wait follows the measured reply times, the last attempt waits all of it. Default {DurationText.Show(ConnectionSettings.Defaults.RequestTimeout)}.",
        HelpName = "DURATION",
    };

    public Option<string?> JoinTimeout { get; } = new("--join-timeout")
    {
        Description = $"Wait for the PANA join (EVENT 25/24). Default {DurationText.Show(ConnectionSettings.Defaults.JoinTimeout)}.",
        HelpName = "DURATION",
    };

    public Option<string?> ScanMaxDuration { get; } = new("--scan-max-duration")
    {
        Description = $"Longest active-scan duration (0–14; each step doubles the time). Default {ConnectionSettings.Defaults.ScanMaxDuration} (≈ 69 s for all channels).",
        HelpName = "N",
    };

    public Option<string?> StateDir { get; } = new("--state-dir")
    {
        Description = "Folder of the PAN cache. Default: $XDG_STATE_HOME/broute or ~/.local/state/broute.",
        HelpName = "DIR",
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Show the dongle dialogue (credentials masked) and details on standard error.",
    };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Device, Id, Password, Config, Meter, Family, RequestTimeout, JoinTimeout, ScanMaxDuration, StateDir, Verbose })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>What the command line said.</summary>
    public SettingsInputs Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new SettingsInputs
        {
            Device = parse.GetValue(Device),
            Id = parse.GetValue(Id),
            Password = parse.GetValue(Password),
            ConfigPath = parse.GetValue(Config),
            Meter = parse.GetValue(Meter),
            Family = parse.GetValue(Family),
            StateDir = parse.GetValue(StateDir),
            RequestTimeout = parse.GetValue(RequestTimeout),
            JoinTimeout = parse.GetValue(JoinTimeout),
            ScanMaxDuration = parse.GetValue(ScanMaxDuration),
            Verbose = parse.GetValue(Verbose),
        };
    }
}
