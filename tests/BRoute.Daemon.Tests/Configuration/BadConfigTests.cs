using BRoute.Daemon.Configuration;

namespace BRoute.Daemon.Tests.Configuration;

/// <summary>Every bad setting names the key, where it came from, what is wrong and the fix; never a secret.</summary>
public sealed class BadConfigTests
{
    public static TheoryData<string, string, string> BadValues() => new()
    {
        // key = value (in the config file), the key as shown, a piece of the fix
        { "\"family\": \"bp99\"", "family (from config file", "use one of auto, bp35a1" },
        { "\"device\": \"ttyUSB0\"", "device (from config file", "serial device path" },
        { "\"device\": \"tcp://127.0.0.1:99999\"", "device (from config file", "tcp://" },
        { "\"device\": \"http://x\"", "device (from config file", "tcp://host:port" },
        { "\"timeouts\": { \"request\": \"soon\" }", "timeouts.request (from config file", "seconds, or a number with" },
        { "\"timeouts\": { \"join\": \"2h\" }", "timeouts.join (from config file", "to 1 h" },
        { "\"timeouts\": { \"scan_max_duration\": 15 }", "timeouts.scan_max_duration (from config file", "whole number from 0 to 14" },
        { "\"store\": { \"sample_retention\": \"10m\" }", "store.sample_retention (from config file", "from 1 h" },
        { "\"store\": { \"sample_retention\": \"30d\", \"aggregate_retention\": \"7d\" }", "store.aggregate_retention (from config file", "must outlive" },
        { "\"mqtt\": { \"broker\": \"http://h\" }", "mqtt.broker (from config file", "mqtt://host[:port]" },
        { "\"mqtt\": { \"broker\": \"mqtt://h\", \"protocol\": \"4\" }", "mqtt.protocol (from config file", "give 5 or 3.1.1" },
        { "\"mqtt\": { \"broker\": \"mqtt://h\", \"ca_file\": \"/x.pem\" }", "mqtt.ca_file (from config file", "mqtts://" },
        { "\"mqtt\": { \"broker\": \"mqtts://h\", \"ca_file\": \"/nonexistent/ca.pem\" }", "mqtt.ca_file (from config file", "does not exist" },
        { "\"mqtt\": { \"broker\": \"mqtt://h\", \"allow_untrusted_certificates\": true }", "mqtt.allow_untrusted_certificates (from config file", "mqtts://" },
        { "\"mqtt\": { \"broker\": \"mqtt://h\", \"allow_untrusted_certificates\": \"maybe\" }", "mqtt.allow_untrusted_certificates (from config file", "true or false" },
        { "\"mqtt\": { \"broker\": \"mqtt://h\", \"password\": \"x\" }", "mqtt.user (from default", "set mqtt.user" },
        { "\"mqtt\": { \"broker\": \"mqtt://h\", \"topic_prefix\": \"a/#\" }", "mqtt.topic_prefix (from config file", "without '+', '#'" },
        { "\"web\": { \"listen\": \"everywhere\" }", "web.listen (from config file", "HOST:PORT" },
        { "\"web\": { \"listen\": \"0.0.0.0:8765\" }", "web.listen (from config file", "needs a token" },
        { "\"web\": { \"listen\": \"192.168.1.2:8765\", \"token\": \"short\" }", "web.token (from config file", "at least 16" },
        { "\"web\": { \"enabled\": \"yes\" }", "web.enabled (from config file", "true or false" },
        { "\"meters\": [ { \"name\": \"a b\", \"device\": \"/dev/a\" } ]", "meters[0].name (from config file", "letters, digits" },
        { "\"meters\": [ { \"name\": \"a\", \"device\": \"/dev/a\" }, { \"name\": \"A\", \"device\": \"/dev/b\" } ]", "meters[1].name (from config file", "different name" },
        { "\"meters\": [ { \"name\": \"a\" } ]", "meters[0].device", "each meter needs its own dongle" },
        { "\"password_file\": \"/nonexistent/pw\"", "password_file (from config file", "does not exist" },
        { "\"tariff\": { \"basic_charge\": 900 }", "tariff.tiers (from", "no tiers" },
        { "\"tariff\": { \"basic_charge\": -5, \"tiers\": [ { \"yen_per_kwh\": 30 } ] }", "tariff.basic_charge (from config file", "yen per month" },
        { "\"tariff\": { \"tiers\": [ { \"up_to_kwh\": 120, \"yen_per_kwh\": 30 } ] }", "tariff.tiers[0].up_to_kwh (from config file", "remove up_to_kwh" },
        { "\"tariff\": { \"tiers\": [ { \"up_to_kwh\": 300, \"yen_per_kwh\": 30 }, { \"up_to_kwh\": 120, \"yen_per_kwh\": 36 }, { \"yen_per_kwh\": 40 } ] }", "tariff.tiers[1].up_to_kwh (from config file", "lowest first" },
        { "\"tariff\": { \"tiers\": [ { \"yen_per_kwh\": 30 }, { \"yen_per_kwh\": 36 } ] }", "tariff.tiers[0].up_to_kwh", "leave it out only on the last" },
        { "\"tariff\": { \"tiers\": [ { \"yen_per_kwh\": \"cheap\" } ] }", "tariff.tiers[0].yen_per_kwh (from config file", "yen per kWh in this tier" },
        { "\"tariff\": { \"tiers\": [ { \"up_to_kwh\": 120 }, { \"yen_per_kwh\": 36 } ] }", "tariff.tiers[0].yen_per_kwh", "give the price" },
        { "\"tariff\": { \"tiers\": [ { \"yen_per_kwh\": 30, \"price\": 3 } ] }", "tariff.tiers[0].price (from config file", "only up_to_kwh and yen_per_kwh" },
        { "\"tariff\": { \"tiers\": [ { \"yen_per_kwh\": 30 } ], \"adjustments\": { \"fuel\": \"x\" } }", "tariff.adjustments.fuel (from config file", "negative for a discount" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_bad_value_names_its_key_source_and_fix(string setting, string where, string fix)
    {
        using var f = new ConfigFixture();
        f.Environment["BROUTE_ID"] = ConfigFixture.Id;
        f.Environment["BROUTE_PASSWORD"] = ConfigFixture.Password;
        if (!setting.Contains("\"device\"", StringComparison.Ordinal) && !setting.Contains("\"meters\"", StringComparison.Ordinal))
        {
            f.Environment["BROUTE_DEVICE"] = "/dev/ttyUSB0";
        }

        if (setting.StartsWith("\"password_file\"", StringComparison.Ordinal))
        {
            f.Environment.Remove("BROUTE_PASSWORD");
        }

        f.Write(f.UserConfig, $"{{ {setting} }}");

        var error = f.LoadFails();

        var problem = Assert.Single(error.Problems, p => p.Contains(where, StringComparison.Ordinal));
        Assert.Contains(fix, problem, StringComparison.Ordinal);
        Assert.DoesNotContain(ConfigFixture.Password, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ConfigFixture.Id, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_value_from_the_environment_names_the_variable()
    {
        using var f = new ConfigFixture().WithEnvironmentMeter();
        f.Environment["BROUTE__TIMEOUTS__REQUEST"] = "-3";
        f.Environment["BROUTE_FAMILY"] = "nope";

        var error = f.LoadFails();

        Assert.Contains(error.Problems, p => p.StartsWith("timeouts.request (from BROUTE__TIMEOUTS__REQUEST): '-3' is not usable", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("family (from BROUTE_FAMILY): 'nope' is not a dongle family", StringComparison.Ordinal));
        Assert.Equal(2, error.Problems.Count);
    }

    [Fact]
    public void Nothing_configured_says_each_way_to_give_the_device_and_credentials()
    {
        using var f = new ConfigFixture();

        var error = f.LoadFails();

        Assert.Contains(error.Problems, p => p.StartsWith("device: no dongle; set BROUTE_DEVICE", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("id: the B-route ID is missing; set BROUTE_ID", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("set BROUTE_PASSWORD, put \"password_file\"", StringComparison.Ordinal) && p.Contains("broute-password", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_credentials_say_the_length_never_the_value()
    {
        using var f = new ConfigFixture().WithEnvironmentMeter();
        f.Environment["BROUTE_PASSWORD"] = "PWDsecret12345";

        var error = f.LoadFails();

        Assert.Equal("password (from BROUTE_PASSWORD): the B-route password must be 12 characters (got 14)", Assert.Single(error.Problems));
        Assert.DoesNotContain("PWDsecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_json_gives_the_place_and_never_quotes_the_file()
    {
        using var f = new ConfigFixture();
        f.Write(f.UserConfig, $$"""
            {
              "id": "{{ConfigFixture.Id}}",
              "password": "{{ConfigFixture.Password}}" "device": "/dev/ttyUSB0"
            }
            """);

        var error = f.LoadFails();

        Assert.Equal($"config file {f.UserConfig}: not valid JSON at line 3, column 30; check quotes, commas and braces", error.Message);
    }

    [Theory]
    [InlineData("[1, 2]", "must hold one JSON object")]
    [InlineData("{ \"device\": \"/dev/a\", \"DEVICE\": \"/dev/b\" }", "'DEVICE' appears more than once")]
    [InlineData("{ \"mqtt\": { \"broker\": \"mqtt://a\", \"broker\": \"mqtt://b\" } }", "'mqtt.broker' appears more than once")]
    public void A_file_that_is_not_one_json_object_with_unique_keys_is_refused(string json, string problem)
    {
        using var f = new ConfigFixture().WithEnvironmentMeter();
        f.Write(f.UserConfig, json);

        Assert.Contains(problem, f.LoadFails().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_file_is_refused_without_reading_it_whole()
    {
        using var f = new ConfigFixture().WithEnvironmentMeter();
        f.Write(f.UserConfig, "{ \"x\": \"" + new string('a', LayeredConfiguration.MaxFileBytes) + "\" }");

        Assert.Contains("too large for a broute config", f.LoadFails().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_config_file_that_does_not_exist_is_an_error_not_silence()
    {
        using var f = new ConfigFixture().WithEnvironmentMeter();
        f.ConfigPath = Path.Combine(f.Home, "missing.json");
        Assert.StartsWith($"--config {f.ConfigPath}: no such file", f.LoadFails().Message, StringComparison.Ordinal);

        f.ConfigPath = null;
        f.Environment["BROUTE_CONFIG"] = Path.Combine(f.Home, "missing.json");
        Assert.StartsWith("BROUTE_CONFIG=", f.LoadFails().Message, StringComparison.Ordinal);
    }
}

/// <summary>Files and values found by the config-loader fuzz target (tools/BRoute.Fuzz): each is a ConfigException, never another exception or a hang.</summary>
public sealed class HostileConfigTests
{
    [Theory]
    [InlineData("{ \"a:b\": 1, \"a\": { \"b\": 2 } }", "a key is given twice")]
    [InlineData("{ \"device\": \"/dev/\\ud800\" }", "not valid UTF-8")]
    public void A_file_the_configuration_cannot_hold_is_a_clear_error(string json, string problem)
    {
        using var f = new ConfigFixture().WithEnvironmentMeter();
        f.Write(f.UserConfig, json);

        Assert.Contains(problem, f.LoadFails().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_value_is_a_clear_error()
    {
        using var f = new ConfigFixture().WithEnvironmentMeter();
        File.WriteAllBytes(f.UserConfig, [.. "{ \"family\": \""u8, 0xC3, 0x28, .. "\" }"u8]);

        Assert.Equal($"config file {f.UserConfig}: holds text that is not valid UTF-8 (or a lone \\uD800-style escape); save the file as UTF-8 and check the names and values", f.LoadFails().Message);
    }

    [Fact]
    public void A_device_file_that_never_ends_is_read_no_further_than_the_cap()
    {
        using var f = new ConfigFixture().WithEnvironmentMeter();
        f.Environment.Remove("BROUTE_PASSWORD");
        f.Environment["BROUTE__PASSWORD_FILE"] = "/dev/zero";
        Assert.Contains("password_file (from BROUTE__PASSWORD_FILE): /dev/zero is larger than 4096 bytes", f.LoadFails().Message, StringComparison.Ordinal);

        f.Environment["BROUTE_PASSWORD"] = ConfigFixture.Password;
        f.ConfigPath = "/dev/zero";
        Assert.Equal("config file /dev/zero: larger than 65536 bytes, too large for a broute config", f.LoadFails().Message);
    }

    [Fact]
    public void A_secret_path_with_a_nul_character_is_a_clear_error()
    {
        using var f = new ConfigFixture().WithEnvironmentMeter();
        f.Environment.Remove("BROUTE_PASSWORD");
        f.Environment["BROUTE__PASSWORD_FILE"] = "/tmp/a\0b";

        Assert.Contains("password_file (from BROUTE__PASSWORD_FILE): the path holds a NUL character", f.LoadFails().Message, StringComparison.Ordinal);
    }
}
