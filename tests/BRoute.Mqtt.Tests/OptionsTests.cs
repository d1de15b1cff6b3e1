using BRoute.Mqtt.Tests.Support;

namespace BRoute.Mqtt.Tests;

/// <summary>Settings are checked up front, every problem named with what to do; the password never shows.</summary>
public sealed class OptionsTests
{
    [Theory]
    [InlineData("mqtt://broker.local", "broker.local", 1883, false)]
    [InlineData("mqtts://broker.local", "broker.local", 8883, true)]
    [InlineData("mqtt://10.0.0.2:1884", "10.0.0.2", 1884, false)]
    [InlineData("mqtts://[::1]:8884", "[::1]", 8884, true)]
    public void A_broker_uri_gives_host_port_and_tls(string uri, string host, int port, bool tls)
    {
        var options = new MqttPublisherOptions { Broker = new Uri(uri) };
        options.Validate();
        Assert.Equal((host, port, tls), (options.Host, options.Port, options.UseTls));
    }

    [Theory]
    [InlineData("http://broker:1883", "must start with mqtt:// (plain) or mqtts:// (TLS)")]
    [InlineData("mqtt://user:pw@broker:1883", "remove it from the URI and set the user and password settings instead")]
    [InlineData("mqtt://broker:1883/some/path", "must be only scheme, host and port")]
    public void A_bad_broker_uri_is_refused_with_what_to_do(string uri, string expected)
    {
        var ex = Assert.Throws<MqttSettingsException>(() => new MqttPublisherOptions { Broker = new Uri(uri) }.Validate());
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(":pw@", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var options = new MqttPublisherOptions
        {
            Broker = new Uri("mqtt://broker"),
            Password = "hunter2-secret",
            CaFile = "/nonexistent/ca.pem",
            TopicPrefix = "broute/#",
            DiscoveryPrefix = "",
            ClientId = "has space",
            Meters = ["001C640000A1B2C3", "not-a-meter"],
            ReconnectDelay = TimeSpan.Zero,
            OutboxBatchSize = 0,
        };
        var ex = Assert.Throws<MqttSettingsException>(options.Validate);
        Assert.Equal(
            [
                "a password is set without a user: set the user too, or remove the password",
                "TLS settings (CA file, client certificate, allow untrusted) are set but the broker URI is mqtt://: use mqtts:// or remove them",
                "the CA file '/nonexistent/ca.pem' does not exist: check the path",
                "the topic prefix 'broute/#' must be topic levels without '+', '#', spaces, empty levels or a leading/trailing '/'",
                "the discovery prefix is empty: set one (e.g. 'homeassistant')",
                "the client id 'has space' must be non-empty without spaces or control characters (e.g. 'broute-house')",
                "the meter id 'not-a-meter' is not 16 hex digits (the meter's MAC address, as 'broute scan' prints it)",
                "the reconnect delay must be positive (it is 00:00:00)",
                "the outbox batch size 0 must be between 1 and 10000",
            ],
            ex.Problems);
        Assert.DoesNotContain("hunter2-secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_broker_says_how_to_write_one()
    {
        var ex = Assert.Throws<MqttSettingsException>(() => new MqttPublisher(new MqttPublisherOptions()));
        Assert.Equal("MQTT settings are invalid: no broker: set it to mqtt://host:1883 (plain) or mqtts://host:8883 (TLS)", ex.Message);
    }

    [Fact]
    public void ToString_masks_the_password()
    {
        var options = Samples.Options(1883, "broute", "hunter2-secret");
        Assert.DoesNotContain("hunter2-secret", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("password ***", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_ca_file_that_is_not_pem_is_refused_when_the_publisher_is_made()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a certificate");
            var options = Samples.Options(8883);
            options.Broker = new Uri("mqtts://127.0.0.1:8883");
            options.CaFile = path;
            var ex = Assert.Throws<MqttSettingsException>(() => new MqttPublisher(options));
            Assert.Contains($"the CA file '{path}' holds no PEM certificate", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("000016", "Toshiba")]
    [InlineData("000006", "Mitsubishi Electric")]
    [InlineData("00000b", "Panasonic")]
    [InlineData("0000AB", "ECHONET maker 0x0000AB")]
    [InlineData(null, "Unknown")]
    public void Maker_codes_have_names_or_show_as_hex(string? code, string name) => Assert.Equal(name, MakerCodes.Name(code));

    [Fact]
    public void Topics_follow_the_prefixes()
    {
        var topics = new MqttTopics("home/meter", "ha");
        Assert.Equal("home/meter/status", topics.Status);
        Assert.Equal("home/meter/001C640000A1B2C3/half_hour", topics.HalfHour("001C640000A1B2C3"));
        Assert.Equal("ha/device/home_meter_001C640000A1B2C3/config", topics.Discovery("001C640000A1B2C3"));
        Assert.Equal("ha/status", topics.HomeAssistantStatus);
        Assert.Equal("001C640000A1B2C3", topics.MeterOfDiscovery("ha/device/home_meter_001C640000A1B2C3/config"));
        Assert.Null(topics.MeterOfDiscovery("ha/device/other_001C640000A1B2C3/config"));
        Assert.Null(topics.MeterOfDiscovery("ha/device/home_meter_lamp/config"));
    }
}
