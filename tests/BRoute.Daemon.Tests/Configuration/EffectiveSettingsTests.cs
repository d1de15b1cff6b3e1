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

    [Fact]
    public void A_tariff_is_read_in_full_and_shown_by_config_check_and_none_says_so()
    {
        using var f = new ConfigFixture().WithEnvironmentMeter();
        Assert.Contains("tariff: none (no yen on the dashboard)", EffectiveSettingsText.Format(f.Load()), StringComparison.Ordinal);
        f.Write(f.UserConfig, """
            { "tariff": {
                "basic_charge": 935.25,
                "tiers": [ { "up_to_kwh": 120, "yen_per_kwh": 29.80 }, { "up_to_kwh": 300, "yen_per_kwh": 36.40 }, { "yen_per_kwh": 40.49 } ],
                "adjustments": { "fuel_cost_adjustment": -1.45, "renewable_energy_levy": 3.98 } } }
            """);

        var settings = f.Load();
        var text = EffectiveSettingsText.Format(settings);

        var tariff = Assert.IsType<BRoute.Web.Cost.Tariff>(settings.Tariff);
        Assert.Equal(935.25m, tariff.BasicChargePerMonth);
        Assert.Equal([(120m, 29.80m), (300m, 36.40m), ((decimal?)null, 40.49m)], tariff.Tiers.Select(t => (t.UpToKwh, t.YenPerKwh)));
        Assert.Equal(2.53m, tariff.AdjustmentsPerKwh);
        Assert.Contains("tariff.basic_charge: 935.25 yen/month  (config file", text, StringComparison.Ordinal);
        Assert.Contains("tariff.tiers[1]: 120-300 kWh: 36.40 yen/kWh  (config file", text, StringComparison.Ordinal);
        Assert.Contains("tariff.tiers[2]: above 300 kWh: 40.49 yen/kWh", text, StringComparison.Ordinal);
        Assert.Contains("tariff.adjustments.fuel_cost_adjustment: -1.45 yen/kWh  (config file", text, StringComparison.Ordinal);
    }
}
