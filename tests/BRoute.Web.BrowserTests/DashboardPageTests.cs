using System.Text.Json;
using Microsoft.Playwright;

namespace BRoute.Web.BrowserTests;

/// <summary>
/// The dashboard in a real headless Chromium against the running daemon (simulated meter, filled store): what a user
/// sees, checked against what the store holds.
/// </summary>
public sealed class DashboardPageTests(DashboardDaemon daemon) : IClassFixture<DashboardDaemon>
{
    private static readonly string[] Charts = ["chart-power", "chart-halfhours", "chart-daily", "chart-monthly"];

    public static string Artifacts => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    [Fact]
    public async Task The_page_loads_with_every_chart_filled_no_console_error_and_no_request_leaving_127_0_0_1()
    {
        await using var chromium = await Chromium.StartAsync("en-US");

        await chromium.OpenAsync(daemon.Address);

        foreach (var chart in Charts)
        {
            var data = await ChartAsync(chromium.Page, chart);
            Assert.True(data.Skip(1).Any(series => series.Any(v => v is not null)), $"{chart} has no data: {JsonSerializer.Serialize(data)}");
        }

        Assert.Equal("Power now", await chromium.Page.InnerTextAsync("[data-t=power_now]"));
        Assert.Matches("^[0-9]+(\\.[0-9])?$", await chromium.Page.InnerTextAsync("#current-r")); // the simulated meter answers E8
        Assert.Equal("connected", await chromium.Page.InnerTextAsync("#link"));
        await chromium.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "dashboard-en.png"), FullPage = true });
        Assert.True(chromium.Problems.Count == 0, string.Join('\n', chromium.Problems));
        Assert.Contains(chromium.Requests, u => u.EndsWith("/api/stream", StringComparison.Ordinal));
        Assert.All(chromium.Requests, url => Assert.Equal("127.0.0.1", new Uri(url).Host));
    }

    [Fact]
    public async Task The_live_power_value_changes_over_server_sent_events()
    {
        await using var chromium = await Chromium.StartAsync("en-US");
        await chromium.OpenAsync(daemon.Address);
        var first = await chromium.Page.InnerTextAsync("#power");
        var updates = await chromium.Page.EvaluateAsync<int>("() => window.broute.updates");

        // The daemon reads power every 10 s; the simulated household draws something else each time (meter clock × 1800).
        await chromium.Page.WaitForFunctionAsync(
            "([first, updates]) => document.getElementById('power').textContent !== first && window.broute.updates > updates",
            new object[] { first, updates },
            new PageWaitForFunctionOptions { Timeout = 60_000 });

        var now = await chromium.Page.InnerTextAsync("#power");
        Assert.NotEqual("–", now);
        Assert.Matches("^-?[0-9,]+$", now);
        Assert.True(chromium.Problems.Count == 0, string.Join('\n', chromium.Problems));
    }

    [Fact]
    public async Task A_no_data_half_hour_is_a_gap_never_zero_and_the_bars_are_the_stores_deltas()
    {
        await using var chromium = await Chromium.StartAsync("en-US");
        await chromium.OpenAsync(daemon.Address);
        var data = await ChartAsync(chromium.Page, "chart-halfhours");
        var midnight = StoreFill.JstMidnight(DateTimeOffset.UtcNow);
        var stored = await daemon.Store.HalfHours.RangeAsync(DashboardDaemon.MeterId, midnight.AddDays(-1).AddMinutes(30), midnight.AddDays(1), default);

        // Series: [slot, yesterday import, today import, today export].
        var yesterday = data[1];
        Assert.Null(yesterday[StoreFill.NoDataSlot]);
        Assert.Null(yesterday[StoreFill.NoDataSlot + 1]); // its delta needs the "no data" register before it
        for (var i = 0; i < 48; i++)
        {
            var end = midnight.AddDays(-1).AddMinutes(30 * (i + 1));
            var expected = stored.SingleOrDefault(h => h.SlotEnd == end)?.ImportDeltaKwh;
            Assert.Equal(expected is null ? null : (double)expected, yesterday[i]);
            if (i is not (StoreFill.NoDataSlot or StoreFill.NoDataSlot + 1))
            {
                Assert.Equal((double)StoreFill.ImportDuring(end), yesterday[i]!.Value, 9);
            }
        }

        var today = data[2];
        for (var i = 0; i < 48; i++)
        {
            var end = midnight.AddMinutes(30 * (i + 1));
            var expected = stored.SingleOrDefault(h => h.SlotEnd == end)?.ImportDeltaKwh;
            Assert.Equal(expected is null ? null : (double)expected, today[i]);
        }

        Assert.Contains(today, v => v is null); // the rest of today: not yet, so no bar
        Assert.True(chromium.Problems.Count == 0, string.Join('\n', chromium.Problems));
    }

    [Fact]
    public async Task The_daily_and_monthly_bars_are_the_stores_totals()
    {
        await using var chromium = await Chromium.StartAsync("en-US");
        await chromium.OpenAsync(daemon.Address);
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).DateTime);

        var daily = await ChartAsync(chromium.Page, "chart-daily");
        var days = await daemon.Store.Totals.DailyAsync(DashboardDaemon.MeterId, today.AddDays(-30), today, default);
        Assert.Equal(31, days.Count);
        Assert.Equal(days.Select(d => (double?)d.ImportKwh), daily[1]);
        Assert.Equal(days.Select(d => (double?)d.ExportKwh), daily[2]);

        var monthly = await ChartAsync(chromium.Page, "chart-monthly");
        var months = await daemon.Store.Totals.MonthlyAsync(DashboardDaemon.MeterId, new DateOnly(today.Year, today.Month, 1).AddMonths(-11), today, default);
        Assert.Equal(12, months.Count);
        Assert.Equal(months.Select(d => (double?)d.ImportKwh), monthly[1]);
        Assert.All(monthly[1], v => Assert.NotNull(v));
        Assert.True(chromium.Problems.Count == 0, string.Join('\n', chromium.Problems));
    }

    [Fact]
    public async Task Choosing_seven_days_draws_one_minute_means_of_the_stored_samples()
    {
        await using var chromium = await Chromium.StartAsync("en-US");
        await chromium.OpenAsync(daemon.Address);
        var raw = (await ChartAsync(chromium.Page, "chart-power"))[0].Length;

        await chromium.Page.SelectOptionAsync("#range", "168");
        await chromium.Page.WaitForFunctionAsync(
            "raw => window.broute.charts['chart-power'] && window.broute.charts['chart-power'].data[0].length < raw / 3",
            raw,
            new PageWaitForFunctionOptions { Timeout = 30_000 });

        var data = await ChartAsync(chromium.Page, "chart-power");
        var first = DateTimeOffset.FromUnixTimeSeconds((long)data[0][0]!.Value);
        var stored = await daemon.Store.Samples.RangeAsync(DashboardDaemon.MeterId, first, first.AddSeconds(59), default);
        Assert.Equal(stored.Where(s => s.PowerW is not null).Average(s => s.PowerW!.Value), data[1][0]!.Value, 6);
        Assert.All(data[0].Zip(data[0].Skip(1)), pair => Assert.True(pair.Second - pair.First >= 60));
        Assert.True(chromium.Problems.Count == 0, string.Join('\n', chromium.Problems));
    }

    [Fact]
    public async Task A_Japanese_browser_gets_Japanese_labels_and_a_dark_system_a_dark_page()
    {
        await using var chromium = await Chromium.StartAsync("ja-JP", ColorScheme.Dark);

        await chromium.OpenAsync(daemon.Address);

        Assert.Equal("ja", await chromium.Page.EvaluateAsync<string>("() => document.documentElement.lang"));
        Assert.Equal("現在の電力", await chromium.Page.InnerTextAsync("[data-t=power_now]"));
        Assert.Equal("30分ごと: 今日と昨日 (kWh)", await chromium.Page.InnerTextAsync("[data-t=halfhours]"));
        Assert.Contains("接続中", await chromium.Page.InnerTextAsync("#link"), StringComparison.Ordinal);
        var background = await chromium.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        Assert.Matches(@"^rgb\(([0-9]|[1-5][0-9]), ([0-9]|[1-5][0-9]), ([0-9]|[1-5][0-9])\)$", background); // dark
        await chromium.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "dashboard-ja.png"), FullPage = true });
        Assert.True(chromium.Problems.Count == 0, string.Join('\n', chromium.Problems));
        Assert.All(chromium.Requests, url => Assert.Equal("127.0.0.1", new Uri(url).Host));
    }

    /// <summary>A uPlot chart's data: the x column, then each series; null where uPlot draws a gap.</summary>
    private static async Task<double?[][]> ChartAsync(IPage page, string id)
    {
        var json = await page.EvaluateAsync<JsonElement>("id => window.broute.charts[id].data", id);
        return [.. json.EnumerateArray().Select(series => series.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray())];
    }
}
