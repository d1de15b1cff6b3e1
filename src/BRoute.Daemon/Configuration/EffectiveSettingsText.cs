using System.Text;
using BRoute.SkStack.Grammar;

namespace BRoute.Daemon.Configuration;

/// <summary>
/// The effective settings as <c>broute config check</c> prints them: every value with where it came from, secrets
/// masked (the ID as its hash prefix, passwords and tokens as "set").
/// </summary>
public static class EffectiveSettingsText
{
    /// <summary>The text, one setting a line.</summary>
    public static string Format(DaemonSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var text = new StringBuilder();
        text.AppendLine($"config file: {settings.ConfigPath ?? "none (environment and options only)"}");
        for (var i = 0; i < settings.Meters.Count; i++)
        {
            var meter = settings.Meters[i];
            var prefix = settings.Sources.ContainsKey($"meters:{i}:device") ? $"meters:{i}:" : string.Empty;
            text.AppendLine($"meter '{meter.Name}':");
            Line(text, settings, "  device", meter.Device, prefix + "device");
            Line(text, settings, "  id", $"set (hash {meter.Credentials.IdHash})", prefix + "id");
            Line(text, settings, "  password", "set", prefix + "password");
            Line(text, settings, "  family", DongleFamilyNames.NameOf(meter.Family), prefix + "family");
        }

        Line(text, settings, "state_dir", settings.StateDirectory, "state_dir");
        Line(text, settings, "timeouts.request", DurationSetting.Show(settings.Timeouts.Request), "timeouts:request");
        Line(text, settings, "timeouts.join", DurationSetting.Show(settings.Timeouts.Join), "timeouts:join");
        Line(text, settings, "timeouts.scan_max_duration", settings.Timeouts.ScanMaxDuration.ToString(System.Globalization.CultureInfo.InvariantCulture), "timeouts:scan_max_duration");
        Line(text, settings, "store.path", settings.Store.Path, "store:path");
        Line(text, settings, "store.sample_retention", DurationSetting.Show(settings.Store.SampleRetention), "store:sample_retention");
        Line(text, settings, "store.aggregate_retention", DurationSetting.Show(settings.Store.AggregateRetention), "store:aggregate_retention");
        if (settings.Mqtt is { } mqtt)
        {
            Line(text, settings, "mqtt.broker", mqtt.Broker.ToString(), "mqtt:broker");
            Line(text, settings, "mqtt.user", mqtt.User ?? "-", "mqtt:user");
            Line(text, settings, "mqtt.password", mqtt.Password is null ? "-" : "set", "mqtt:password");
            Line(text, settings, "mqtt.client_id", mqtt.ClientId, "mqtt:client_id");
            Line(text, settings, "mqtt.protocol", mqtt.Protocol, "mqtt:protocol");
            Line(text, settings, "mqtt.topic_prefix", mqtt.TopicPrefix, "mqtt:topic_prefix");
            Line(text, settings, "mqtt.discovery_prefix", mqtt.DiscoveryPrefix.Length == 0 ? "(none: no Home Assistant discovery)" : mqtt.DiscoveryPrefix, "mqtt:discovery_prefix");
            if (mqtt.Broker.Scheme == "mqtts")
            {
                Line(text, settings, "mqtt.ca_file", mqtt.CaFile ?? "(system trust store)", "mqtt:ca_file");
                Line(text, settings, "mqtt.client_certificate", mqtt.ClientCertificate ?? "-", "mqtt:client_certificate");
                Line(text, settings, "mqtt.allow_untrusted_certificates", mqtt.AllowUntrustedCertificates ? "true" : "false", "mqtt:allow_untrusted_certificates");
            }
        }
        else
        {
            text.AppendLine("mqtt: off (no mqtt.broker)");
        }

        Line(text, settings, "web", settings.Web.Enabled ? $"http://{(settings.Web.Host.Contains(':', StringComparison.Ordinal) ? $"[{settings.Web.Host}]" : settings.Web.Host)}:{settings.Web.Port}/" : "off", "web:listen");
        Line(text, settings, "web.token", settings.Web.Token is null ? "-" : "set", "web:token");
        TariffLines(text, settings);
        foreach (var warning in settings.Warnings)
        {
            text.AppendLine($"warning: {warning}");
        }

        return text.ToString();
    }

    /// <summary>The tariff in full (nothing in it is secret), or that there is none.</summary>
    private static void TariffLines(StringBuilder text, DaemonSettings settings)
    {
        if (settings.Tariff is not { } tariff)
        {
            text.AppendLine("tariff: none (no yen on the dashboard)");
            return;
        }

        var c = System.Globalization.CultureInfo.InvariantCulture;
        Line(text, settings, "tariff.basic_charge", string.Create(c, $"{tariff.BasicChargePerMonth} yen/month"), "tariff:basic_charge");
        var lower = 0m;
        for (var i = 0; i < tariff.Tiers.Count; i++)
        {
            var tier = tariff.Tiers[i];
            var range = tier.UpToKwh is decimal upper ? string.Create(c, $"{lower}-{upper} kWh") : string.Create(c, $"above {lower} kWh");
            Line(text, settings, $"tariff.tiers[{i}]", string.Create(c, $"{range}: {tier.YenPerKwh} yen/kWh"), $"tariff:tiers:{i}:yen_per_kwh");
            lower = tier.UpToKwh ?? lower;
        }

        foreach (var adjustment in tariff.Adjustments)
        {
            Line(text, settings, $"tariff.adjustments.{adjustment.Name}", string.Create(c, $"{adjustment.YenPerKwh} yen/kWh"), $"tariff:adjustments:{adjustment.Name}");
        }
    }

    private static void Line(StringBuilder text, DaemonSettings settings, string name, string value, string key) =>
        text.AppendLine($"{name}: {value}  ({(settings.Sources.TryGetValue(key, out var source) ? source : "default")})");
}
