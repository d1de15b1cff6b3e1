using System.Globalization;
using BRoute.Web.Cost;
using Microsoft.Extensions.Configuration;

namespace BRoute.Daemon.Configuration;

/// <summary>
/// The optional "tariff" section: yen per day and month on the dashboard and in the API. No section, no cost.
/// <code>
/// "tariff": {
///   "basic_charge": 935.25,
///   "tiers": [ { "up_to_kwh": 120, "yen_per_kwh": 29.80 }, { "up_to_kwh": 300, "yen_per_kwh": 36.40 }, { "yen_per_kwh": 40.49 } ],
///   "adjustments": { "fuel_cost_adjustment": -1.45, "renewable_energy_levy": 3.98 }
/// }
/// </code>
/// </summary>
internal static class TariffSection
{
    private const decimal MaxYenPerKwh = 1000;
    private const decimal MaxBasicCharge = 1_000_000;
    private static readonly string[] TierKeys = ["up_to_kwh", "yen_per_kwh"];

    public static Tariff? Read(SettingsReader reader)
    {
        var section = reader.Root.GetSection("tariff");
        if (!section.Exists())
        {
            return null;
        }

        var basic = Number(reader, "tariff:basic_charge", 0, MaxBasicCharge, "yen per month, e.g. 935.25") ?? 0;
        var tiers = Tiers(reader, section.GetSection("tiers"));
        var adjustments = new List<TariffAdjustment>();
        foreach (var child in section.GetSection("adjustments").GetChildren())
        {
            if (Number(reader, child.Path, -MaxYenPerKwh, MaxYenPerKwh, "yen per kWh (negative for a discount), e.g. -1.45") is decimal yen)
            {
                adjustments.Add(new TariffAdjustment(child.Key, yen));
            }
        }

        return new Tariff(basic, tiers, adjustments);
    }

    private static List<TariffTier> Tiers(SettingsReader reader, IConfigurationSection section)
    {
        var tiers = new List<TariffTier>();
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            reader.Problem("tariff:tiers", "no tiers: give the energy charge as a list, lowest first, e.g. [ { \"up_to_kwh\": 120, \"yen_per_kwh\": 29.80 }, { \"yen_per_kwh\": 36.40 } ] (one entry without up_to_kwh for a flat rate)");
            return tiers;
        }

        decimal? below = 0;
        for (var i = 0; i < children.Count; i++)
        {
            var key = $"tariff:tiers:{i}";
            foreach (var unknown in children[i].GetChildren().Where(c => !TierKeys.Contains(c.Key, StringComparer.OrdinalIgnoreCase)))
            {
                reader.Problem(unknown.Path, "a tier has only up_to_kwh and yen_per_kwh; remove this key or fix its spelling");
            }

            var price = Number(reader, key + ":yen_per_kwh", 0, MaxYenPerKwh, "yen per kWh in this tier, e.g. 29.80");
            if (price is null && reader.Text(key + ":yen_per_kwh") is null)
            {
                reader.Problem(key + ":yen_per_kwh", "missing: give the price of a kWh in this tier, e.g. 29.80");
            }

            var upTo = Number(reader, key + ":up_to_kwh", 0, 1_000_000, "kWh of the month where this tier ends, e.g. 120");
            var last = i == children.Count - 1;
            if (upTo is null && !last && reader.Text(key + ":up_to_kwh") is null)
            {
                reader.Problem(key + ":up_to_kwh", "missing: every tier but the last ends somewhere; give the month's kWh where it ends (e.g. 120), and leave it out only on the last");
            }
            else if (upTo is decimal end && last)
            {
                reader.Problem(key + ":up_to_kwh", $"the last tier covers everything above the one before; remove up_to_kwh ({end}) from it, or add a tier after it without one");
            }
            else if (upTo is decimal e && below is decimal b && e <= b)
            {
                reader.Problem(key + ":up_to_kwh", $"{e} kWh is not above the tier before ({b} kWh); list the tiers lowest first");
            }

            below = upTo;
            tiers.Add(new TariffTier(last ? null : upTo, price ?? 0));
        }

        return tiers;
    }

    /// <summary>A decimal in [min, max]; null (with a problem) when unset-but-bad, null (silently) when unset.</summary>
    private static decimal? Number(SettingsReader reader, string key, decimal min, decimal max, string what)
    {
        var text = reader.Text(key);
        if (text is null)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            reader.Problem(key, $"'{(text.Length > 20 ? text[..20] + "…" : text)}' is not usable; give {what}, from {min} to {max}");
            return null;
        }

        return value;
    }
}
