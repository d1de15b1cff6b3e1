using BRoute.Daemon.Configuration;

namespace BRoute.Daemon.Tests.Configuration;

public sealed class LayeringTests
{
    [Fact]
    public void The_environment_alone_is_a_working_setup()
    {
        using var f = new ConfigFixture().WithEnvironmentMeter();

        var settings = f.Load();

        var meter = Assert.Single(settings.Meters);
        Assert.Equal("meter", meter.Name);
        Assert.Equal("/dev/ttyUSB0", meter.Device);
        Assert.Equal(ConfigFixture.Id, meter.Credentials.RevealId());
        Assert.Null(meter.Family);
        Assert.Null(settings.ConfigPath);
        Assert.Null(settings.Mqtt);
        Assert.Equal(new WebSettings(true, "127.0.0.1", 8765, null), settings.Web);
        Assert.Equal(Path.Combine(f.Home, ".local", "state", "broute"), settings.StateDirectory);
        Assert.Equal(Path.Combine(f.Home, ".local", "state", "broute", "broute.db"), settings.Store.Path);
        Assert.Equal(TimeSpan.FromDays(14), settings.Store.SampleRetention);
        Assert.Equal(TimeoutSettings.Defaults, settings.Timeouts);
        Assert.Equal("BROUTE_DEVICE", settings.Sources["device"]);
        Assert.Empty(settings.Warnings);
    }

    [Fact]
    public void Options_beat_the_environment_which_beats_the_file()
    {
        using var f = new ConfigFixture();
        f.Write(f.UserConfig, $$"""{ "device": "/dev/from-file", "id": "{{ConfigFixture.Id}}", "password": "{{ConfigFixture.Password}}", "family": "bp35c2", "timeouts": { "join": "30s" } }""");
        f.Environment["BROUTE_DEVICE"] = "/dev/from-env";
        f.Environment["BROUTE__TIMEOUTS__JOIN"] = "50s";
        f.Options["timeouts:join"] = "60s";

        var settings = f.Load();

        var meter = Assert.Single(settings.Meters);
        Assert.Equal("/dev/from-env", meter.Device);
        Assert.Equal(BRoute.SkStack.Grammar.DongleFamily.Bp35C2, meter.Family);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.Timeouts.Join);
        Assert.Equal(f.UserConfig, settings.ConfigPath);
        Assert.Equal("BROUTE_DEVICE", settings.Sources["device"]);
        Assert.Equal($"config file {f.UserConfig}", settings.Sources["family"]);
        Assert.Equal("--timeouts-join", settings.Sources["timeouts:join"]);
    }

    [Fact]
    public void Every_setting_can_come_from_a_double_underscore_variable()
    {
        using var f = new ConfigFixture().WithEnvironmentMeter();
        f.Environment["BROUTE__MQTT__BROKER"] = "mqtt://127.0.0.1:1884";
        f.Environment["BROUTE__MQTT__TOPIC_PREFIX"] = "home/meter";
        f.Environment["BROUTE__STORE__SAMPLE_RETENTION"] = "3d";
        f.Environment["BROUTE__WEB__LISTEN"] = "127.0.0.1:9000";

        var settings = f.Load();

        Assert.Equal(new Uri("mqtt://127.0.0.1:1884"), settings.Mqtt!.Broker);
        Assert.Equal("home/meter", settings.Mqtt.TopicPrefix);
        Assert.Equal("homeassistant", settings.Mqtt.DiscoveryPrefix);
        Assert.Equal("5", settings.Mqtt.Protocol);
        Assert.Equal(TimeSpan.FromDays(3), settings.Store.SampleRetention);
        Assert.Equal(9000, settings.Web.Port);
        Assert.Equal("BROUTE__MQTT__BROKER", settings.Sources["mqtt:broker"]);
    }

    [Fact]
    public void The_config_file_is_found_by_option_then_variable_then_user_folder_then_system()
    {
        using var f = new ConfigFixture();
        var device = (string name) => $$"""{ "device": "/dev/{{name}}", "id": "{{ConfigFixture.Id}}", "password": "{{ConfigFixture.Password}}" }""";
        f.Write(f.SystemConfig, device("system"));
        Assert.Equal("/dev/system", f.Load().Meters[0].Device);

        f.Write(f.UserConfig, device("user"));
        Assert.Equal("/dev/user", f.Load().Meters[0].Device);

        f.Environment["BROUTE_CONFIG"] = f.Write("named.json", device("variable"));
        Assert.Equal("/dev/variable", f.Load().Meters[0].Device);

        f.ConfigPath = f.Write("option.json", device("option"));
        Assert.Equal("/dev/option", f.Load().Meters[0].Device);
    }

    [Fact]
    public void The_interactive_commands_older_file_name_is_read_with_a_warning_to_rename_it()
    {
        using var f = new ConfigFixture();
        var old = f.Write(Path.Combine(f.Home, ".config", "broute", "config.json"), $$"""{ "device": "/dev/ttyUSB1", "id": "{{ConfigFixture.Id}}", "password": "{{ConfigFixture.Password}}" }""");

        var settings = f.Load();

        Assert.Equal("/dev/ttyUSB1", settings.Meters[0].Device);
        Assert.Contains(settings.Warnings, w => w.Contains(old, StringComparison.Ordinal) && w.Contains("rename it to", StringComparison.Ordinal));
    }

    [Fact]
    public void Several_meters_each_with_their_dongle_share_top_level_defaults()
    {
        using var f = new ConfigFixture();
        var secret = f.Write("house.pw", ConfigFixture.OtherPassword + "\n");
        f.Write(f.UserConfig, $$"""
            {
              // top-level keys are every meter's defaults
              "id": "{{ConfigFixture.Id}}", "password": "{{ConfigFixture.Password}}", "family": "bp35a1",
              "meters": [
                { "name": "house", "device": "/dev/ttyUSB0", "password_file": "{{secret}}" },
                { "name": "garage", "device": "tcp://127.0.0.1:7001", "family": "rl7023-dss", },
              ],
            }
            """);

        var settings = f.Load();

        Assert.Equal(["house", "garage"], settings.Meters.Select(m => m.Name));
        Assert.Equal(ConfigFixture.OtherPassword, settings.Meters[0].Credentials.RevealPassword());
        Assert.Equal(ConfigFixture.Password, settings.Meters[1].Credentials.RevealPassword());
        Assert.Equal(BRoute.SkStack.Grammar.DongleFamily.Bp35A1, settings.Meters[0].Family);
        Assert.Equal(BRoute.SkStack.Grammar.DongleFamily.Rl7023Dss, settings.Meters[1].Family);
    }

    [Fact]
    public void Secrets_come_from_a_password_file_or_a_systemd_credential()
    {
        using var f = new ConfigFixture();
        f.Environment["BROUTE_DEVICE"] = "/dev/ttyUSB0";
        f.Environment["BROUTE_ID"] = ConfigFixture.Id;
        var credentials = Directory.CreateDirectory(Path.Combine(f.Home, "credentials")).FullName;
        f.Write(Path.Combine(credentials, "broute-password"), ConfigFixture.Password);
        f.Write(Path.Combine(credentials, "mqtt-password"), "broker-secret");
        f.Write(Path.Combine(credentials, "web-token"), "0123456789abcdef0123");
        f.Environment["CREDENTIALS_DIRECTORY"] = credentials;
        f.Environment["BROUTE__MQTT__BROKER"] = "mqtt://127.0.0.1";
        f.Environment["BROUTE__MQTT__USER"] = "broute";

        var settings = f.Load();

        Assert.Equal(ConfigFixture.Password, settings.Meters[0].Credentials.RevealPassword());
        Assert.Equal("broker-secret", settings.Mqtt!.Password);
        Assert.Equal("0123456789abcdef0123", settings.Web.Token);
        Assert.Equal("systemd credential broute-password", settings.Sources["password"]);
        Assert.Empty(settings.Warnings);
    }

    [Fact]
    public void A_password_file_that_others_can_read_is_used_with_a_warning()
    {
        using var f = new ConfigFixture();
        f.Environment["BROUTE_DEVICE"] = "/dev/ttyUSB0";
        f.Environment["BROUTE_ID"] = ConfigFixture.Id;
        var file = f.Write("pw", ConfigFixture.Password, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        f.Environment["BROUTE__PASSWORD_FILE"] = file;

        var settings = f.Load();

        Assert.Equal(ConfigFixture.Password, settings.Meters[0].Credentials.RevealPassword());
        Assert.Contains(settings.Warnings, w => w.Contains("every user on this machine", StringComparison.Ordinal) && w.Contains($"chmod 600 {file}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_config_file_holding_a_password_that_its_group_can_read_gets_a_warning()
    {
        using var f = new ConfigFixture();
        f.Write(f.UserConfig, $$"""{ "device": "/dev/ttyUSB0", "id": "{{ConfigFixture.Id}}", "password": "{{ConfigFixture.Password}}" }""", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var settings = f.Load();

        Assert.Contains(settings.Warnings, w => w.Contains("its group", StringComparison.Ordinal) && w.Contains("chmod 600", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_keys_are_ignored_with_the_closest_known_key()
    {
        using var f = new ConfigFixture().WithEnvironmentMeter();
        f.Write(f.UserConfig, """{ "devcie": "/dev/x", "mqtt": { "brokr": "mqtt://h" }, "meters": [ { "name": "a", "device": "/dev/a", "pasword": "x" } ], "colour": "red" }""");

        var settings = f.Load();

        Assert.Contains(settings.Warnings, w => w.EndsWith("unknown key 'devcie' ignored; did you mean 'device'?", StringComparison.Ordinal));
        Assert.Contains(settings.Warnings, w => w.EndsWith("unknown key 'mqtt.brokr' ignored; did you mean 'mqtt.broker'?", StringComparison.Ordinal));
        Assert.Contains(settings.Warnings, w => w.EndsWith("unknown key 'meters[0].pasword' ignored; did you mean 'meters[0].password'?", StringComparison.Ordinal));
        Assert.Contains(settings.Warnings, w => w.EndsWith("unknown key 'colour' ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void The_sample_config_uses_only_known_keys_and_loads_once_its_password_file_exists()
    {
        using var f = new ConfigFixture();
        var password = f.Write("password", ConfigFixture.Password);
        f.ConfigPath = f.Write("sample.json", SampleConfig.Text.Replace("/etc/broute/password", password, StringComparison.Ordinal));

        var settings = f.Load();

        Assert.Equal("/dev/ttyUSB0", settings.Meters[0].Device);
        Assert.Null(settings.Mqtt);
        Assert.DoesNotContain(settings.Warnings, w => w.Contains("unknown key", StringComparison.Ordinal));
        Assert.Contains(settings.Warnings, w => w.Contains("mqtt.broker is not", StringComparison.Ordinal)); // the sample leaves MQTT off
    }
}

public sealed class StorePathTests
{
    [Fact]
    public void The_store_path_needs_no_dongle_or_credentials()
    {
        using var f = new ConfigFixture();
        Assert.Equal(Path.Combine(f.Home, ".local", "state", "broute", "broute.db"), DaemonSettingsLoader.StorePath(f.Inputs));

        f.Environment["STATE_DIRECTORY"] = "/var/lib/broute:/var/lib/other";
        Assert.Equal("/var/lib/broute/broute.db", DaemonSettingsLoader.StorePath(f.Inputs));

        f.Write(f.UserConfig, """{ "store": { "path": "/srv/meter.db" } }""");
        Assert.Equal("/srv/meter.db", DaemonSettingsLoader.StorePath(f.Inputs));
    }
}
