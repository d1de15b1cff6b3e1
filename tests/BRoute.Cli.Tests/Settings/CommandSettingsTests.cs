using BRoute.Cli.Running;
using BRoute.Cli.Settings;
using BRoute.Cli.Tests.Support;
using BRoute.Daemon.Configuration;
using BRoute.SkStack.Grammar;

namespace BRoute.Cli.Tests.Settings;

/// <summary>The device commands' settings, read through the daemon's layered configuration (one reader for every command).</summary>
public sealed class CommandSettingsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private CliEnvironment Env(params (string Name, string Value)[] variables) =>
        CliEnvironment.From(variables.ToDictionary(v => v.Name, v => v.Value), homeDirectory: _dir.File("home"));

    private static SettingsInputs Cli(string? device = "/dev/ttyUSB0", string? id = Planted.Id, string? password = Planted.Password) =>
        new() { Device = device, Id = id, Password = password };

    private static SettingsResolution Resolve(SettingsInputs inputs, CliEnvironment env, CredentialsRequirement requirement = CredentialsRequirement.Required) =>
        CommandSettings.Resolve(inputs, env, requirement);

    /// <summary>The problems, one a line; never a credential.</summary>
    private static string Fails(SettingsInputs inputs, CliEnvironment env, CredentialsRequirement requirement = CredentialsRequirement.Required)
    {
        var ex = Assert.Throws<ConfigException>(() => CommandSettings.Resolve(inputs, env, requirement));
        Planted.AssertAbsent(ex.Message);
        return string.Join("\n", ex.Problems);
    }

    private string Private(string name, string text) => _dir.Write(name, text, UnixFileMode.UserRead | UnixFileMode.UserWrite);

    [Fact]
    public void Options_alone_give_settings_with_library_defaults()
    {
        var (settings, warnings) = Resolve(Cli(), Env());

        Assert.Empty(warnings);
        Assert.Equal("/dev/ttyUSB0", settings.Device);
        Assert.Equal(Planted.Id, settings.Credentials!.RevealId());
        Assert.Equal(Planted.Password, settings.Credentials.RevealPassword());
        Assert.Null(settings.Family);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(45), settings.JoinTimeout);
        Assert.Equal([4, 5, 6, 7, 8], settings.ScanDurations);
        Assert.Equal(Path.Combine(_dir.File("home"), ".local", "state", "broute"), settings.StateDirectory);
        Assert.Equal("meter", settings.MeterName);
        Assert.Equal("--device", settings.Sources["device"]);
        Assert.Equal("--id", settings.Sources["id"]);
        Assert.False(settings.Sources.ContainsKey("state_dir")); // the default
        Assert.Null(settings.ConfigPath);
    }

    [Fact]
    public void Option_beats_environment_beats_config_file_for_each_setting()
    {
        var config = Private("c.json", $$"""
            { "device": "/dev/from-config", "id": "{{Planted.OtherId}}", "password": "{{Planted.OtherPassword}}",
              "family": "bp35c2", "state_dir": "{{_dir.File("state-config")}}",
              "timeouts": { "request": 20, "join": "90s", "scan_max_duration": 6 } }
            """);
        var env = Env(("BROUTE_DEVICE", "tcp://127.0.0.1:5000"), ("BROUTE_ID", Planted.Id), ("BROUTE_FAMILY", "rl7023-dss"));

        // Config alone for what neither the options nor the environment give.
        var (fromAll, _) = Resolve(new SettingsInputs { ConfigPath = config, Password = Planted.Password, Family = "bp35a1" }, env);

        Assert.Equal("tcp://127.0.0.1:5000", fromAll.Device);
        Assert.Equal("BROUTE_DEVICE", fromAll.Sources["device"]);
        Assert.Equal(Planted.Id, fromAll.Credentials!.RevealId());
        Assert.Equal("BROUTE_ID", fromAll.Sources["id"]);
        Assert.Equal(Planted.Password, fromAll.Credentials.RevealPassword());
        Assert.Equal("--password", fromAll.Sources["password"]);
        Assert.Equal(DongleFamily.Bp35A1, fromAll.Family);
        Assert.Equal(TimeSpan.FromSeconds(20), fromAll.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90), fromAll.JoinTimeout);
        Assert.Equal([4, 5, 6], fromAll.ScanDurations);
        Assert.Equal(_dir.File("state-config"), fromAll.StateDirectory);
        Assert.Equal($"config file {config}", fromAll.Sources["timeouts.request"]);
        Assert.Equal(config, fromAll.ConfigPath);

        var (noEnv, _) = Resolve(new SettingsInputs { ConfigPath = config }, Env());
        Assert.Equal("/dev/from-config", noEnv.Device);
        Assert.Equal(Planted.OtherId, noEnv.Credentials!.RevealId());
        Assert.Equal(Planted.OtherPassword, noEnv.Credentials.RevealPassword());
        Assert.Equal(DongleFamily.Bp35C2, noEnv.Family);

        var (options, _) = Resolve(
            new SettingsInputs { ConfigPath = config, Device = "/dev/ttyACM0", Id = Planted.Id, Password = Planted.Password, RequestTimeout = "1.5s", JoinTimeout = "2m", ScanMaxDuration = "3", StateDir = _dir.File("s") },
            env);
        Assert.Equal("/dev/ttyACM0", options.Device);
        Assert.Equal(DongleFamily.Rl7023Dss, options.Family); // no --family: the environment wins over the file
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.RequestTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), options.JoinTimeout);
        Assert.Equal([3], options.ScanDurations);
        Assert.Equal(_dir.File("s"), options.StateDirectory);
        Assert.Equal("--request-timeout", options.Sources["timeouts.request"]);
    }

    [Fact]
    public void Every_key_can_also_come_from_a_double_underscore_variable_as_for_the_daemon()
    {
        var (settings, _) = Resolve(Cli(), Env(("BROUTE__TIMEOUTS__JOIN", "60s"), ("BROUTE__STATE_DIR", _dir.File("st"))));

        Assert.Equal(TimeSpan.FromSeconds(60), settings.JoinTimeout);
        Assert.Equal(_dir.File("st"), settings.StateDirectory);
        Assert.Equal("BROUTE__TIMEOUTS__JOIN", settings.Sources["timeouts.join"]);
    }

    [Fact]
    public void The_users_broute_json_is_read_and_the_older_config_json_with_a_warning_to_rename_it()
    {
        var xdg = _dir.File("xdg");
        var env = Env(("XDG_CONFIG_HOME", xdg));
        var none = Fails(new SettingsInputs(), env);
        Assert.StartsWith("device: no dongle; give --device DEV, set BROUTE_DEVICE, or put \"device\" in the config file", none, StringComparison.Ordinal);

        var old = _dir.Write("xdg/broute/config.json", "{\"device\": \"/dev/ttyUSB9\"}");
        var (fromOld, warnings) = Resolve(new SettingsInputs(), env, CredentialsRequirement.Optional);
        Assert.Equal("/dev/ttyUSB9", fromOld.Device);
        Assert.Equal(old, fromOld.ConfigPath);
        Assert.Null(fromOld.Credentials);
        Assert.Equal($"config file {old}: read under its old name; rename it to {Path.Combine(xdg, "broute", "broute.json")} (same keys)", Assert.Single(warnings));

        var current = _dir.Write("xdg/broute/broute.json", "{\"device\": \"/dev/ttyUSB8\"}");
        var (fromCurrent, noWarnings) = Resolve(new SettingsInputs(), env, CredentialsRequirement.Optional);
        Assert.Equal("/dev/ttyUSB8", fromCurrent.Device);
        Assert.Equal(current, fromCurrent.ConfigPath);
        Assert.Empty(noWarnings);
    }

    [Fact]
    public void Home_config_is_the_fallback_broute_config_points_elsewhere_and_the_system_file_comes_last()
    {
        var system = _dir.Write("etc-broute.json", "{\"device\": \"/dev/system\"}");
        var env = CliEnvironment.From(new Dictionary<string, string>(), _dir.File("home"), system);
        Assert.Equal("/dev/system", Resolve(new SettingsInputs(), env, CredentialsRequirement.Optional).Settings.Device);

        _dir.Write("home/.config/broute/broute.json", "{\"device\": \"/dev/home\"}");
        var other = _dir.Write("other.json", "{\"device\": \"/dev/other\"}");

        Assert.Equal("/dev/home", Resolve(new SettingsInputs(), env, CredentialsRequirement.Optional).Settings.Device);
        Assert.Equal("/dev/other", Resolve(new SettingsInputs(), Env(("BROUTE_CONFIG", other)), CredentialsRequirement.Optional).Settings.Device);
        Assert.StartsWith("BROUTE_CONFIG=", Fails(new SettingsInputs(), Env(("BROUTE_CONFIG", _dir.File("missing.json")))), StringComparison.Ordinal);
        Assert.StartsWith("--config ", Fails(new SettingsInputs { ConfigPath = _dir.File("missing.json") }, Env()), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_credentials_name_each_way_to_give_them()
    {
        var message = Fails(Cli(id: null, password: null), Env());

        Assert.Contains("id: the B-route ID is missing; give --id ID, set BROUTE_ID or put \"id\" in the config file", message, StringComparison.Ordinal);
        Assert.Contains("password: the B-route password is missing; give --password PASSWORD, set BROUTE_PASSWORD, put \"password_file\"", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Half_the_credentials_says_which_half_is_missing()
    {
        Assert.StartsWith("password: the B-route password is missing", Fails(Cli(password: null), Env()), StringComparison.Ordinal);
        Assert.StartsWith("id: the B-route ID is missing", Fails(Cli(id: null, password: null), Env(("BROUTE_PASSWORD", Planted.Password))), StringComparison.Ordinal);

        // Even for a command that can run without credentials, half of them is a mistake.
        Fails(Cli(password: null), Env(), CredentialsRequirement.Optional);
    }

    [Fact]
    public void Malformed_credentials_give_the_source_and_the_length_never_the_value()
    {
        var shortId = Fails(Cli(id: Planted.Id[..31]), Env());
        Assert.Equal("id (from --id): the B-route ID must be 32 characters (got 31)", shortId);

        var spaced = Fails(Cli(password: null), Env(("BROUTE_PASSWORD", "abc def12345")));
        Assert.StartsWith("password (from BROUTE_PASSWORD): ", spaced, StringComparison.Ordinal);
        Assert.Contains("position 4", spaced, StringComparison.Ordinal);
        Assert.DoesNotContain("abc def12345", spaced, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--family", "bp99", "family (from --family): 'bp99' is not a dongle family; use one of auto, bp35a1")]
    [InlineData("--request-timeout", "soon", "timeouts.request (from --request-timeout): 'soon' is not usable; give seconds")]
    [InlineData("--request-timeout", "0", "timeouts.request (from --request-timeout): '0' is not usable")]
    [InlineData("--join-timeout", "2h", "timeouts.join (from --join-timeout): '2h' is not usable; give seconds, or a number with ms, s, m, h or d (e.g. 10, 45s, 2m, 14d), from 0.001 s to 1 h")]
    [InlineData("--scan-max-duration", "15", "timeouts.scan_max_duration (from --scan-max-duration): '15' is not usable; give a whole number from 0 to 14")]
    [InlineData("--scan-max-duration", "-1", "'-1' is not usable")]
    [InlineData("--device", "tcp://nohostport", "device (from --device): malformed device 'tcp://nohostport'")]
    [InlineData("--device", "udp://127.0.0.1:5", "device (from --device): 'udp://127.0.0.1:5' is not a device; use a serial device path")]
    [InlineData("--device", "ttyUSB0", "device (from --device): 'ttyUSB0' is not a device")]
    public void Bad_values_name_the_key_the_option_and_what_is_accepted(string option, string value, string expected)
    {
        var inputs = option switch
        {
            "--family" => Cli() with { Family = value },
            "--request-timeout" => Cli() with { RequestTimeout = value },
            "--join-timeout" => Cli() with { JoinTimeout = value },
            "--scan-max-duration" => Cli() with { ScanMaxDuration = value },
            _ => Cli(device: value),
        };

        Assert.Contains(expected, Fails(inputs, Env()), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var problems = Fails(Cli(id: Planted.Id[..31]) with { Family = "bp99", JoinTimeout = "never" }, Env());

        Assert.Equal(3, problems.Split('\n').Length);
    }

    [Fact]
    public void Family_auto_means_detect_and_names_are_case_insensitive()
    {
        Assert.Null(Resolve(Cli() with { Family = "AUTO" }, Env()).Settings.Family);
        Assert.Equal(DongleFamily.RsWsuha, Resolve(Cli() with { Family = "RS-WSUHA" }, Env()).Settings.Family);
    }

    [Fact]
    public void State_directory_follows_xdg_state_home_or_systemd_and_fails_clearly_without_any_home()
    {
        Assert.Equal(Path.Combine(_dir.File("state"), "broute"), Resolve(Cli(), Env(("XDG_STATE_HOME", _dir.File("state")))).Settings.StateDirectory);
        Assert.Equal("/var/lib/broute", Resolve(Cli(), Env(("STATE_DIRECTORY", "/var/lib/broute"))).Settings.StateDirectory); // the daemon's PAN cache too

        var homeless = CliEnvironment.From(new Dictionary<string, string>(), homeDirectory: string.Empty);
        Assert.Contains("state_dir: no place for the store and the PAN cache", Fails(Cli(), homeless), StringComparison.Ordinal);
        Assert.Contains("give --state-dir DIR", Fails(Cli(), homeless), StringComparison.Ordinal);
        Assert.Equal("/tmp/x", Resolve(Cli() with { StateDir = "/tmp/x" }, homeless).Settings.StateDirectory);
    }

    [Fact]
    public void Settings_text_never_shows_credentials_and_every_value_seen_is_masked()
    {
        var config = Private("c.json", $$"""{ "password": "{{Planted.OtherPassword}}" }""");
        var (settings, _) = Resolve(Cli(password: null) with { ConfigPath = config }, Env(("BROUTE_PASSWORD", Planted.Password)));

        Assert.Equal(Planted.Password, settings.Credentials!.RevealPassword());
        Planted.AssertAbsent(settings.ToString());
        Planted.AssertAbsent(string.Join(";", settings.Sources.Select(s => $"{s.Key}={s.Value}")));
        Planted.AssertAbsent((Cli() with { ConfigPath = config }).ToString());
        Assert.Equal(4, settings.Secrets.SecretCount); // the ID, its pairing ID, the password that won, and the config's password that lost
        Assert.Equal("****", settings.Secrets.Redact(Planted.OtherPassword)[..4]);
    }

    [Fact]
    public void Library_option_records_carry_the_settings()
    {
        var (settings, _) = Resolve(Cli() with { RequestTimeout = "90", JoinTimeout = "30", ScanMaxDuration = "10", Family = "bp35c0" }, Env());

        Assert.Equal(TimeSpan.FromSeconds(90), settings.ToRetryPolicy().ReplyTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90), settings.ToRetryPolicy().LongReplyTimeout); // never shorter than a short reply's
        Assert.Equal(TimeSpan.FromSeconds(60), (settings with { RequestTimeout = TimeSpan.FromSeconds(5) }).ToRetryPolicy().LongReplyTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.ToConnectionOptions().JoinTimeout);
        Assert.Equal([4, 5, 6, 7, 8, 9, 10], settings.ToScanOptions().Durations);
        settings.ToScanOptions().Validate();
        settings.ToRetryPolicy().Validate();
        settings.ToConnectionOptions().Validate();
        Assert.Equal(DongleFamily.Bp35C0, settings.ToDeviceOptions(null, TimeProvider.System).Family);
        Assert.Equal(settings.StateDirectory, settings.CreatePanCache().Directory);
        Assert.Same(settings.Credentials, settings.RequireCredentials());
    }

    [Fact]
    public void Optional_credentials_can_still_be_required_later_with_the_same_message()
    {
        var (settings, _) = Resolve(Cli(id: null, password: null), Env(), CredentialsRequirement.Optional);

        Assert.Null(settings.Credentials);
        var ex = Assert.Throws<CliUsageException>(settings.RequireCredentials);
        Assert.StartsWith("no B-route ID and password: give --id ID --password PASSWORD, set BROUTE_ID and BROUTE_PASSWORD", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_password_can_come_from_a_password_file_as_for_the_daemon()
    {
        var secret = Private("pw", Planted.OtherPassword + "\n");
        var (settings, _) = Resolve(Cli(password: null), Env(("BROUTE__PASSWORD_FILE", secret)));

        Assert.Equal(Planted.OtherPassword, settings.Credentials!.RevealPassword());
    }
}
