namespace BRoute.Web.Cost;

/// <summary>One block of a tiered energy charge: kWh of the month up to <paramref name="UpToKwh"/> cost <paramref name="YenPerKwh"/> each.</summary>
/// <param name="UpToKwh">Where the block ends, in kWh of the month; null on the last block (everything above).</param>
/// <param name="YenPerKwh">The price of each kWh in the block.</param>
public sealed record TariffTier(decimal? UpToKwh, decimal YenPerKwh);

/// <summary>A charge on every kWh whatever the tier (燃料費調整額, 再エネ賦課金); may be negative.</summary>
/// <param name="Name">As the configuration names it (e.g. fuel_cost_adjustment).</param>
/// <param name="YenPerKwh">Yen per kWh.</param>
public sealed record TariffAdjustment(string Name, decimal YenPerKwh);

/// <summary>
/// A Japanese residential plan (従量電灯 style): a basic charge per month, an energy charge in tiers by the month's
/// kWh (e.g. the first 120 kWh, 120–300, above 300), and per-kWh adjustments. Tiers are per month, so a day's yen
/// prices its kWh at its place in the month so far: the same kWh cost more late in a heavy month. A day also carries
/// its share of the basic charge (the charge ÷ the days of its month), so a whole month's days add up to the month.
/// Estimates: the bill rounds by its own rules.
/// </summary>
/// <param name="BasicChargePerMonth">基本料金, yen per month.</param>
/// <param name="Tiers">The energy charge's blocks, lowest first; the last has no upper bound.</param>
/// <param name="Adjustments">Per-kWh charges on all energy.</param>
public sealed record Tariff(decimal BasicChargePerMonth, IReadOnlyList<TariffTier> Tiers, IReadOnlyList<TariffAdjustment> Adjustments)
{
    /// <summary>The sum of the adjustments, yen per kWh.</summary>
    public decimal AdjustmentsPerKwh => Adjustments.Sum(a => a.YenPerKwh);

    /// <summary>
    /// The energy charge of <paramref name="kwh"/> taken when the month had already used <paramref name="monthKwhBefore"/>:
    /// each part priced by the tier it falls in.
    /// </summary>
    public decimal EnergyCharge(decimal monthKwhBefore, decimal kwh)
    {
        var start = monthKwhBefore;
        var end = monthKwhBefore + kwh;
        var lower = 0m;
        var yen = 0m;
        foreach (var tier in Tiers)
        {
            var upper = tier.UpToKwh ?? decimal.MaxValue;
            var from = Math.Max(start, lower);
            var to = Math.Min(end, upper);
            if (to > from)
            {
                yen += (to - from) * tier.YenPerKwh;
            }

            if (tier.UpToKwh is null)
            {
                break;
            }

            lower = upper;
        }

        return yen;
    }

    /// <summary>A month's yen: the basic charge, its kWh through the tiers, and the adjustments on every kWh.</summary>
    public decimal Month(decimal kwh) => BasicChargePerMonth + EnergyCharge(0, kwh) + (AdjustmentsPerKwh * kwh);

    /// <summary>
    /// A day's yen: its kWh priced from the month's position before it (<paramref name="monthKwhBefore"/>: the known
    /// kWh of the month's earlier days), the adjustments, and the day's share of the basic charge.
    /// </summary>
    public decimal Day(DateOnly day, decimal monthKwhBefore, decimal kwh)
        => (BasicChargePerMonth / DateTime.DaysInMonth(day.Year, day.Month)) + EnergyCharge(monthKwhBefore, kwh) + (AdjustmentsPerKwh * kwh);

    /// <summary>Yen as the API shows them: to the sen (0.01), half away from zero.</summary>
    public static decimal Round(decimal yen) => Math.Round(yen, 2, MidpointRounding.AwayFromZero);
}
