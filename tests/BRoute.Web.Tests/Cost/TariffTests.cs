using BRoute.Web.Cost;

namespace BRoute.Web.Tests.Cost;

/// <summary>Yen worked out by hand from a 従量電灯-style plan: 935.25 yen a month; 29.80 / 36.40 / 40.49 yen per kWh up to 120, to 300, above; adjustments −1.45 and +3.98 yen per kWh.</summary>
public sealed class TariffTests
{
    private static readonly Tariff Plan = new(
        935.25m,
        [new TariffTier(120, 29.80m), new TariffTier(300, 36.40m), new TariffTier(null, 40.49m)],
        [new TariffAdjustment("fuel_cost_adjustment", -1.45m), new TariffAdjustment("renewable_energy_levy", 3.98m)]);

    [Fact]
    public void A_month_prices_each_tier_then_adds_the_basic_charge_and_the_adjustments()
    {
        // 350 kWh: 120 × 29.80 = 3,576 + 180 × 36.40 = 6,552 + 50 × 40.49 = 2,024.50 → 12,152.50;
        // adjustments 350 × 2.53 = 885.50; basic 935.25 → 13,973.25 yen.
        Assert.Equal(13_973.25m, Plan.Month(350m));
        // 100 kWh stays in the first tier: 2,980 + 253 + 935.25.
        Assert.Equal(4_168.25m, Plan.Month(100m));
        // No kWh: the basic charge alone.
        Assert.Equal(935.25m, Plan.Month(0m));
    }

    [Fact]
    public void A_day_is_priced_at_its_place_in_the_month_so_far()
    {
        var january = new DateOnly(2026, 1, 20); // 31 days: a day's basic share is 935.25 / 31 = 30.16935…
        // 20 kWh after 110 kWh: 10 × 29.80 + 10 × 36.40 = 662; adjustments 50.60; → 742.769… → 742.77.
        Assert.Equal(742.77m, Tariff.Round(Plan.Day(january, 110m, 20m)));
        // The same 20 kWh early in the month: 596 + 50.60 + 30.169… = 676.77.
        Assert.Equal(676.77m, Tariff.Round(Plan.Day(january, 0m, 20m)));
        // Across the second boundary: 10 × 36.40 + 10 × 40.49 = 768.90 + 50.60 + 30.169… = 849.67.
        Assert.Equal(849.67m, Tariff.Round(Plan.Day(january, 290m, 20m)));
        // February 2026 has 28 days: 935.25 / 28 = 33.4017…; 5 kWh at 400: 202.45 + 12.65 → 248.50.
        Assert.Equal(248.50m, Tariff.Round(Plan.Day(new DateOnly(2026, 2, 3), 400m, 5m)));
    }

    [Fact]
    public void Adjustments_may_make_a_kWh_cheaper_and_a_month_of_days_adds_up_to_the_month()
    {
        var discounted = new Tariff(0m, [new TariffTier(null, 30m)], [new TariffAdjustment("fuel_cost_adjustment", -3.5m)]);
        Assert.Equal(265m, discounted.Day(new DateOnly(2026, 2, 10), 0m, 10m)); // 10 × (30 − 3.5)

        // 31 days of 12.5 kWh in January: 387.5 kWh, the days' yen (unrounded) sum to the month's.
        decimal sum = 0, before = 0;
        for (var d = 1; d <= 31; d++)
        {
            sum += Plan.Day(new DateOnly(2026, 1, d), before, 12.5m);
            before += 12.5m;
        }

        // 3,576 + 6,552 + 87.5 × 40.49 = 3,542.875 → 13,670.875; + 387.5 × 2.53 = 980.375; + 935.25 → 15,586.50.
        Assert.Equal(15_586.50m, Plan.Month(387.5m));
        Assert.Equal(15_586.50m, Tariff.Round(sum));
    }
}
