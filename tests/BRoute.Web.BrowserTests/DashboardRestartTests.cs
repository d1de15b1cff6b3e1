using System.Text.Json;
using BRoute.Monitoring;
using BRoute.Storage;
using Microsoft.Playwright;

namespace BRoute.Web.BrowserTests;

/// <summary>
/// A page left open across a daemon restart: it notices the outage, and when the daemon is back on the same port it
/// shows what was stored meanwhile and live values again, with no reload. A daemon of its own (it is stopped).
/// </summary>
public sealed class DashboardRestartTests
{
    private const float Patience = 90_000;

    [Fact]
    public async Task After_a_restart_on_the_same_port_the_open_page_catches_up_and_goes_live_without_a_reload()
    {
        var daemon = new DashboardDaemon();
        await daemon.InitializeAsync();
        try
        {
            await using var chromium = await Chromium.StartAsync("en-US");
            await chromium.OpenAsync(daemon.Address);
            var port = daemon.Address.Port;
            await chromium.Page.EvaluateAsync("() => { window.sameDocument = true; }");

            // Stop: the page's event stream fails and it says so.
            await daemon.StopAsync();
            await chromium.Page.WaitForFunctionAsync("() => document.getElementById('link').textContent === '…'", null, new PageWaitForFunctionOptions { Timeout = Patience });
            var updatesWhileDown = await chromium.Page.EvaluateAsync<int>("() => window.broute.updates");

            // Meanwhile the next half-hour reaches the store (as a history fill would write it).
            DateTimeOffset slot;
            decimal register;
            using (var store = MeterStore.Open(new StoreOptions { Path = daemon.StorePath }))
            {
                var latest = await store.HalfHours.LatestAsync(DashboardDaemon.MeterId, default);
                Assert.NotNull(latest);
                slot = latest.SlotEnd.AddMinutes(30);
                register = latest.Import.Kwh!.Value + 0.777m;
                await store.HalfHours.UpsertAsync(new HalfHour(DashboardDaemon.MeterId, slot, SlotEnergy.Of(register), SlotEnergy.Of(0), ValueSource.History), default);
            }

            await daemon.StartAsync(port);
            Assert.Equal(port, daemon.Address.Port);

            // Back: the page reloads its data by itself, the new slot's bar appears, and live readings arrive again.
            var midnight = StoreFill.JstMidnight(slot.AddMinutes(-30));
            var index = (int)((slot - midnight).TotalMinutes / 30) - 1;
            var series = midnight == StoreFill.JstMidnight(DateTimeOffset.UtcNow) ? 2 : 1; // today's bars, or yesterday's just after midnight
            await chromium.Page.WaitForFunctionAsync(
                "([series, index]) => { const c = window.broute.charts['chart-halfhours']; return c && Math.abs(c.data[series][index] - 0.777) < 1e-9; }",
                new object[] { series, index },
                new PageWaitForFunctionOptions { Timeout = Patience });
            await chromium.Page.WaitForFunctionAsync(
                "updates => window.broute.updates > updates && document.getElementById('link').textContent === 'connected'",
                updatesWhileDown,
                new PageWaitForFunctionOptions { Timeout = Patience });

            Assert.True(await chromium.Page.EvaluateAsync<bool>("() => window.sameDocument === true")); // no reload
            var stored = await daemon.Store.Totals.DailyAsync(DashboardDaemon.MeterId, DateOnly.FromDateTime(midnight.DateTime), DateOnly.FromDateTime(midnight.DateTime), default);
            var daily = await chromium.Page.EvaluateAsync<JsonElement>("() => window.broute.charts['chart-daily'].data[1]");
            Assert.Equal((double)stored[0].ImportKwh!.Value, daily.EnumerateArray().Last().GetDouble(), 9); // today's total has the new slot
            Assert.True(chromium.Problems.All(p => p.Contains("api/", StringComparison.Ordinal) || p.Contains("ERR_CONNECTION_REFUSED", StringComparison.Ordinal) || p.Contains("Failed to fetch", StringComparison.Ordinal)), string.Join('\n', chromium.Problems));
        }
        finally
        {
            await daemon.DisposeAsync();
        }
    }
}
