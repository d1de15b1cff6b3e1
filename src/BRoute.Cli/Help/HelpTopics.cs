using BRoute.Daemon.Configuration;
using System.Text;
using BRoute.Cli.Settings;
using BRoute.Simulator.Faults;

namespace BRoute.Cli.Help;

/// <summary>The texts of <c>broute help TOPIC</c> and the exit-code epilog of <c>broute --help</c>.</summary>
internal static class HelpTopics
{
    public const string ExitCodesTopic = "exit-codes";
    public const string ConfigTopic = "config-file";
    public const string EnvironmentTopic = "environment";
    public const string FaultsTopic = "faults";

    /// <summary>Topic names in the order they are listed.</summary>
    public static IReadOnlyList<string> Names { get; } = [ExitCodesTopic, ConfigTopic, EnvironmentTopic, FaultsTopic];

    /// <summary>The text of a topic, or null for an unknown name.</summary>
    public static string? Get(string topic) => topic.Trim().ToLowerInvariant() switch
    {
        ExitCodesTopic or "exit-code" or "exitcodes" => ExitCodes(),
        ConfigTopic => Config(),
        EnvironmentTopic or "env" => Environment(),
        FaultsTopic or "fault" => Faults(),
        _ => null,
    };

    /// <summary>Every exit code, one per line.</summary>
    public static string ExitCodes()
    {
        var text = new StringBuilder("Exit codes:\n");
        foreach (var code in Cli.ExitCodes.All)
        {
            text.Append($"  {code.Code,-4} {code.Meaning}\n");
        }

        return text.ToString();
    }

    /// <summary>One line for the help of a subcommand.</summary>
    public static string ExitCodesShort() =>
        $"Exit codes: {string.Join(", ", Cli.ExitCodes.All.Select(c => $"{c.Code} {c.Brief}"))} ('broute help exit-codes').\n";

    public static string Config() => $$"""
        Config file (JSON; comments and trailing commas allowed), the same one 'broute run' reads:
          --config FILE, else {{ConfigFileLocator.ConfigVariable}}, else $XDG_CONFIG_HOME/broute/broute.json
          (or ~/.config/broute/broute.json), else /etc/broute/broute.json, when it exists. An older
          ~/.config/broute/config.json is still read, with a warning to rename it (same keys).

          {
            "device": "/dev/ttyUSB0",                   // or "tcp://192.0.2.10:5000" (ser2net)
            "id": "0123456789ABCDEF0123456789ABCDEF",   // B-route ID, 32 characters
            "password_file": "/etc/broute/password",    // or "password": "ABCDEFGHIJKL" (12 characters)
            "family": "auto",                           // {{FamilyNames.Choices}}
            "state_dir": "/var/lib/broute",             // PAN cache (and the daemon's store) folder
            "timeouts": { "request": 10, "join": "45s", "scan_max_duration": 8 }
          }

        Several meters: "meters": [ { "name": "house", "device": "/dev/ttyUSB0" }, … ] (top-level keys are
        their defaults); pick one with --meter NAME. Every key is optional. Options win over environment
        variables, which win over the file. Keep the file private (chmod 600): broute warns when others can
        read a password in it. Durations are seconds, or a number with ms, s, m or h.
        'broute config check' prints what is in effect; 'broute config sample' every key.

        """;

    public static string Environment() => $"""
        Environment variables (an option on the command line wins over them; they win over the config file):
          {LayeredConfiguration.DeviceVariable,-17} device: serial path or tcp://host:port
          {LayeredConfiguration.IdVariable,-17} B-route ID (32 characters)
          {LayeredConfiguration.PasswordVariable,-17} B-route password (12 characters)
          {LayeredConfiguration.FamilyVariable,-17} dongle family ({FamilyNames.Choices})
          {ConfigFileLocator.ConfigVariable,-17} config file path
          BROUTE__SECTION__KEY  any config key, e.g. BROUTE__TIMEOUTS__JOIN=60s
          XDG_CONFIG_HOME   where the default config file is looked for (…/broute/broute.json)
          XDG_STATE_HOME    where the PAN cache is kept (…/broute), unless --state-dir or $STATE_DIRECTORY

        """;

    /// <summary>The simulator's <c>--faults</c> list (simulate, demo), from the simulator's own fault names.</summary>
    public static string Faults() => $"""
        Simulator faults (broute simulate --faults LIST, broute demo --faults LIST): a comma list of NAME=VALUE,
        everything off unless listed; times are simulated seconds.
          probability per event (0–1):     {string.Join(", ", FaultKind.Probabilities)}
          count N (the first N fail):      {string.Join(", ", FaultKind.Counted)}
          PERIOD[/DURATION] in seconds:    {string.Join(", ", FaultKind.Periodic)}
          {FaultKind.EarlyExpiry}=SECONDS:           every session expires this long after it was established
          field                            the loss rates of a real installation: {FaultOptions.FieldPreset}
        Example: --faults lost-reply=0.05,auth-fail-first=2,tx-limit=3600/120

        """;
}
