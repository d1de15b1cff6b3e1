using System.Globalization;
using System.Text.Json;
using BRoute.Web.Cost;

namespace BRoute.Web.Tests.Dashboard;

/// <summary>Yen in /api/daily and /api/monthly: only with a tariff, only for periods with data, tiers per month.</summary>
public sealed class DashboardTariffTests
{
    private static readonly Tariff Plan = new(
        935.25m,
        [new TariffTier(120, 29.80m), new TariffTier(300, 36.40m), new TariffTier(null, 40.49m)],
        [new TariffAdjustment("fuel_cost_adjustment", -1.45m), new TariffAdjustment("renewable_energy_levy", 3.98m)]);

    [Fact]
    public async Task Each_day_is_priced_at_its_months_position_even_when_the_range_starts_mid_month()
    {
        await using var server = await ApiServer.StartAsync(samples: false, tariff: Plan);
        using var http = server.Client();

        var totals = await TotalsAsync(http, "/api/daily?from=2026-10-28&to=2026-11-27");
        var late = await TotalsAsync(http, "/api/daily?from=2026-11-20&to=2026-11-27");

        // The store's days from each month's first, the month so far summed here, each day priced by the tariff.
        var stored = await server.Store.Totals.DailyAsync(ApiServer.MeterId, new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 27), default);
        var expected = new Dictionary<DateOnly, decimal?>();
        var before = 0m;
        foreach (var day in stored)
        {
            before = day.Start.Day == 1 ? 0 : before;
            expected[day.Start] = day.ImportKwh is decimal kwh ? Tariff.Round(Plan.Day(day.Start, before, kwh)) : null;
            before += day.ImportKwh ?? 0;
        }

        Assert.Equal(31, totals.Count);
        Assert.False(totals[0].TryGetProperty("yen", out _)); // 10-28: nothing stored, so no yen (not 0)
        foreach (var t in totals.Concat(late))
        {
            var start = DateOnly.Parse(t.GetProperty("start").GetString()!, CultureInfo.InvariantCulture);
            Assert.Equal(expected[start], t.TryGetProperty("yen", out var yen) ? yen.GetDecimal() : null);
        }

        // Late in November the month is past 120 kWh, so a full day costs more than on the 2nd.
        Assert.True(expected[new DateOnly(2026, 11, 25)] > expected[new DateOnly(2026, 11, 2)]);
        Assert.Equal(8, late.Count);
    }

    [Fact]
    public async Task A_month_is_priced_whole_and_without_a_tariff_there_is_no_yen()
    {
        await using var priced = await ApiServer.StartAsync(samples: false, tariff: Plan);
        await using var plain = await ApiServer.StartAsync(samples: false);
        using var pricedHttp = priced.Client();
        using var plainHttp = plain.Client();

        var months = await TotalsAsync(pricedHttp, "/api/monthly?from=2026-09-01&to=2026-11-27");
        var november = await priced.Store.Totals.MonthlyAsync(ApiServer.MeterId, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1), default);

        Assert.False(months[0].TryGetProperty("yen", out _));                                   // September: no data
        Assert.Equal(Tariff.Round(Plan.Month(november[0].ImportKwh!.Value)), months[2].GetProperty("yen").GetDecimal());
        Assert.All(await TotalsAsync(plainHttp, "/api/monthly"), t => Assert.False(t.TryGetProperty("yen", out _)));
        Assert.All(await TotalsAsync(plainHttp, "/api/daily"), t => Assert.False(t.TryGetProperty("yen", out _)));
    }

    private static async Task<List<JsonElement>> TotalsAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("totals").EnumerateArray().Select(e => e.Clone())];
    }
}
