using BRoute.Cli.Running;
using BRoute.Cli.Settings;
using BRoute.Cli.Tests.Support;
using BRoute.SkStack.Grammar;

namespace BRoute.Cli.Tests.Settings;

public sealed class SettingsResolverTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private CliEnvironment Env(params (string Name, string Value)[] variables) =>
        CliEnvironment.From(variables.ToDictionary(v => v.Name, v => v.Value), homeDirectory: _dir.File("home"));

    private static SettingsInputs Cli(string? device = "/dev/ttyUSB0", string? id = Planted.Id, string? password = Planted.Password) =>
        new() { Device = device, Id = id, Password = password };

    private static CliUsageException Fails(SettingsInputs inputs, CliEnvironment env, CredentialsRequirement requirement = CredentialsRequirement.Required)
    {
        var ex = Assert.Throws<CliUsageException>(() => SettingsResolver.Resolve(inputs, env, requirement));
        Planted.AssertAbsent(ex.Message);
        return ex;
    }

    [Fact]
    public void Options_alone_give_settings_with_library_defaults()
    {
        var (settings, warnings) = SettingsResolver.Resolve(Cli(), Env(), CredentialsRequirement.Required);

        Assert.Empty(warnings);
        Assert.Equal("/dev/ttyUSB0", settings.Device);
        Assert.Equal(Planted.Id, settings.Credentials!.RevealId());
        Assert.Equal(Planted.Password, settings.Credentials.RevealPassword());
        Assert.Null(settings.Family);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(45), settings.JoinTimeout);
        Assert.Equal([4, 5, 6, 7, 8], settings.ScanDurations);
        Assert.Equal(Path.Combine(_dir.File("home"), ".local", "state", "broute"), settings.StateDirectory);
        Assert.Equal("--device", settings.Sources["device"]);
        Assert.Equal("--id", settings.Sources["id"]);
        Assert.Equal("default", settings.Sources["state directory"]);
    }

    [Fact]
    public void Option_beats_environment_beats_config_file_for_each_setting()
    {
        var config = _dir.Write("c.json", $$"""
            { "device": "/dev/from-config", "id": "{{Planted.OtherId}}", "password": "{{Planted.OtherPassword}}",
              "family": "bp35c2", "state_dir": "{{_dir.File("state-config")}}",
              "timeouts": { "request": 20, "join": "90s", "scan_max_duration": 6 } }
            """, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var env = Env(("BROUTE_DEVICE", "tcp://127.0.0.1:5000"), ("BROUTE_ID", Planted.Id), ("BROUTE_FAMILY", "rl7023-dss"));

        // Config alone for what neither the options nor the environment give.
        var (fromAll, _) = SettingsResolver.Resolve(new SettingsInputs { ConfigPath = config, Password = Planted.Password, Family = "bp35a1" }, env, CredentialsRequirement.Required);

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
        Assert.Equal($"config file {config}, timeouts.request", fromAll.Sources["request timeout"]);
        Assert.Equal(config, fromAll.ConfigPath);

        var (noEnv, _) = SettingsResolver.Resolve(new SettingsInputs { ConfigPath = config }, Env(), CredentialsRequirement.Required);
        Assert.Equal("/dev/from-config", noEnv.Device);
        Assert.Equal(Planted.OtherId, noEnv.Credentials!.RevealId());
        Assert.Equal(Planted.OtherPassword, noEnv.Credentials.RevealPassword());
        Assert.Equal(DongleFamily.Bp35C2, noEnv.Family);

        var (options, _) = SettingsResolver.Resolve(
            new SettingsInputs { ConfigPath = config, Device = "/dev/ttyACM0", Id = Planted.Id, Password = Planted.Password, RequestTimeout = "1.5s", JoinTimeout = "2m", ScanMaxDuration = "3", StateDir = _dir.File("s") },
            env,
            CredentialsRequirement.Required);
        Assert.Equal("/dev/ttyACM0", options.Device);
        Assert.Equal(DongleFamily.Rl7023Dss, options.Family); // no --family: the environment wins over the file
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.RequestTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), options.JoinTimeout);
        Assert.Equal([3], options.ScanDurations);
        Assert.Equal(_dir.File("s"), options.StateDirectory);
    }

    [Fact]
    public void Default_config_file_is_read_from_xdg_config_home_only_when_it_exists()
    {
        var xdg = _dir.File("xdg");
        var env = Env(("XDG_CONFIG_HOME", xdg));
        var none = Fails(new SettingsInputs(), env);
        Assert.StartsWith("no device:", none.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(xdg, "broute", "config.json"), none.Message, StringComparison.Ordinal); // tells where the file would be

        var path = _dir.Write("xdg/broute/config.json", "{\"device\": \"/dev/ttyUSB9\"}");
        var (settings, _) = SettingsResolver.Resolve(new SettingsInputs(), env, CredentialsRequirement.Optional);
        Assert.Equal("/dev/ttyUSB9", settings.Device);
        Assert.Equal(path, settings.ConfigPath);
        Assert.Null(settings.Credentials);
    }

    [Fact]
    public void Home_config_is_the_fallback_and_broute_config_variable_points_elsewhere()
    {
        _dir.Write("home/.config/broute/config.json", "{\"device\": \"/dev/home\"}");
        var other = _dir.Write("other.json", "{\"device\": \"/dev/other\"}");

        Assert.Equal("/dev/home", SettingsResolver.Resolve(new SettingsInputs(), Env(), CredentialsRequirement.Optional).Settings.Device);
        Assert.Equal("/dev/other", SettingsResolver.Resolve(new SettingsInputs(), Env(("BROUTE_CONFIG", other)), CredentialsRequirement.Optional).Settings.Device);
    }

    [Fact]
    public void Missing_credentials_name_the_three_ways_to_give_them()
    {
        var message = Fails(Cli(id: null, password: null), Env()).Message;

        Assert.Contains("--id", message, StringComparison.Ordinal);
        Assert.Contains("--password", message, StringComparison.Ordinal);
        Assert.Contains("BROUTE_ID", message, StringComparison.Ordinal);
        Assert.Contains("BROUTE_PASSWORD", message, StringComparison.Ordinal);
        Assert.Contains("config file", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Half_the_credentials_says_which_half_is_missing_and_where_the_other_came_from()
    {
        var noPassword = Fails(Cli(password: null), Env()).Message;
        Assert.StartsWith("the B-route password is missing (the ID came from --id)", noPassword, StringComparison.Ordinal);

        var noId = Fails(Cli(id: null, password: null), Env(("BROUTE_PASSWORD", Planted.Password))).Message;
        Assert.StartsWith("the B-route ID is missing (the password came from BROUTE_PASSWORD)", noId, StringComparison.Ordinal);

        // Even for a command that can run without credentials, half of them is a mistake.
        Fails(Cli(password: null), Env(), CredentialsRequirement.Optional);
    }

    [Fact]
    public void Malformed_credentials_give_the_source_and_the_length_never_the_value()
    {
        var shortId = Fails(Cli(id: Planted.Id[..31]), Env()).Message;
        Assert.Equal("the B-route ID must be 32 characters (got 31) (from --id)", shortId);
        Assert.DoesNotContain(Planted.Id[..31], shortId, StringComparison.Ordinal);

        var spaced = Fails(Cli(password: null), Env(("BROUTE_PASSWORD", "abc def12345"))).Message;
        Assert.Contains("(from BROUTE_PASSWORD)", spaced, StringComparison.Ordinal);
        Assert.Contains("position 4", spaced, StringComparison.Ordinal);
        Assert.DoesNotContain("abc def12345", spaced, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--family", "bp99", "'bp99' is not a dongle family; use one of auto, bp35a1")]
    [InlineData("--request-timeout", "soon", "--request-timeout: 'soon' is not a usable request timeout")]
    [InlineData("--request-timeout", "0", "--request-timeout: '0' is not a usable request timeout")]
    [InlineData("--join-timeout", "2h", "--join-timeout: '2h' is not a usable join timeout")]
    [InlineData("--scan-max-duration", "15", "--scan-max-duration: '15' is not a scan duration; give a whole number from 0 to 14")]
    [InlineData("--scan-max-duration", "-1", "'-1' is not a scan duration")]
    [InlineData("--device", "tcp://nohostport", "malformed device 'tcp://nohostport'")]
    [InlineData("--device", "udp://127.0.0.1:5", "--device: unsupported device 'udp://127.0.0.1:5'")]
    public void Bad_values_name_the_option_and_what_is_accepted(string option, string value, string expected)
    {
        var inputs = option switch
        {
            "--family" => Cli() with { Family = value },
            "--request-timeout" => Cli() with { RequestTimeout = value },
            "--join-timeout" => Cli() with { JoinTimeout = value },
            "--scan-max-duration" => Cli() with { ScanMaxDuration = value },
            _ => Cli(device: value),
        };

        Assert.Contains(expected, Fails(inputs, Env()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Family_auto_means_detect_and_names_are_case_insensitive()
    {
        Assert.Null(SettingsResolver.Resolve(Cli() with { Family = "AUTO" }, Env(), CredentialsRequirement.Required).Settings.Family);
        Assert.Equal(DongleFamily.RsWsuha, SettingsResolver.Resolve(Cli() with { Family = "RS-WSUHA" }, Env(), CredentialsRequirement.Required).Settings.Family);
    }

    [Fact]
    public void State_directory_follows_xdg_state_home_and_fails_clearly_without_any_home()
    {
        var env = Env(("XDG_STATE_HOME", _dir.File("state")));
        Assert.Equal(Path.Combine(_dir.File("state"), "broute"), SettingsResolver.Resolve(Cli(), env, CredentialsRequirement.Required).Settings.StateDirectory);

        var homeless = CliEnvironment.From(new Dictionary<string, string>(), homeDirectory: string.Empty);
        Assert.Contains("give --state-dir DIR", Fails(Cli(), homeless).Message, StringComparison.Ordinal);
        Assert.Equal("/tmp/x", SettingsResolver.Resolve(Cli() with { StateDir = "/tmp/x" }, homeless, CredentialsRequirement.Required).Settings.StateDirectory);
    }

    [Fact]
    public void Settings_text_never_shows_credentials()
    {
        var config = _dir.Write("c.json", $$"""{ "password": "{{Planted.OtherPassword}}" }""", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var (settings, _) = SettingsResolver.Resolve(Cli(password: null) with { ConfigPath = config }, Env(("BROUTE_PASSWORD", Planted.Password)), CredentialsRequirement.Required);

        Planted.AssertAbsent(settings.ToString());
        Planted.AssertAbsent(string.Join(";", settings.Sources.Select(s => $"{s.Key}={s.Value}")));
        Planted.AssertAbsent((Cli() with { ConfigPath = config }).ToString());
        Assert.Equal(4, settings.Secrets.SecretCount); // the ID, its pairing ID, the password that won, and the config's password that lost
        Assert.Equal("****", settings.Secrets.Redact(Planted.OtherPassword)[..4]);
    }

    [Fact]
    public void Library_option_records_carry_the_settings()
    {
        var (settings, _) = SettingsResolver.Resolve(Cli() with { RequestTimeout = "90", JoinTimeout = "30", ScanMaxDuration = "10", Family = "bp35c0" }, Env(), CredentialsRequirement.Required);

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
        var (settings, _) = SettingsResolver.Resolve(Cli(id: null, password: null), Env(), CredentialsRequirement.Optional);

        Assert.Null(settings.Credentials);
        var ex = Assert.Throws<CliUsageException>(settings.RequireCredentials);
        Assert.StartsWith("no B-route ID and password: give --id ID --password PASSWORD, set BROUTE_ID and BROUTE_PASSWORD", ex.Message, StringComparison.Ordinal);
    }
}
