using BRoute.Daemon.Configuration;

namespace BRoute.Daemon.Tests.Configuration;

public sealed class EffectiveSettingsTests
{
    [Fact]
    public void Config_check_prints_each_setting_with_its_source_and_masks_every_secret()
    {
        using var f = new ConfigFixture().WithEnvironmentMeter();
        f.Environment["BROUTE__MQTT__BROKER"] = "mqtts://broker.local:8883";
        f.Environment["BROUTE__MQTT__USER"] = "broute";
        f.Environment["BROUTE__MQTT__PASSWORD"] = "mqtt-secret-value";
        f.Environment["BROUTE__WEB__LISTEN"] = "0.0.0.0:8765";
        f.Environment["BROUTE__WEB__TOKEN"] = "web-token-0123456789";

        var text = EffectiveSettingsText.Format(f.Load());

        Assert.Contains("  device: /dev/ttyUSB0  (BROUTE_DEVICE)", text, StringComparison.Ordinal);
        Assert.Contains("  password: set  (BROUTE_PASSWORD)", text, StringComparison.Ordinal);
        Assert.Contains("mqtt.broker: mqtts://broker.local:8883/  (BROUTE__MQTT__BROKER)", text, StringComparison.Ordinal);
        Assert.Contains("mqtt.password: set  (BROUTE__MQTT__PASSWORD)", text, StringComparison.Ordinal);
        Assert.Contains("web: http://0.0.0.0:8765/  (BROUTE__WEB__LISTEN)", text, StringComparison.Ordinal);
        Assert.Contains("timeouts.join: 45 s  (default)", text, StringComparison.Ordinal);
        foreach (var secret in new[] { ConfigFixture.Id, ConfigFixture.Password, "mqtt-secret-value", "web-token-0123456789", ConfigFixture.Id[^8..] })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }
}
