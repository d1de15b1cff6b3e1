using System.Globalization;
using System.Net;
using System.Text.Json;
using BRoute.Monitoring;

namespace BRoute.Web.Tests.Dashboard;

/// <summary>Every endpoint's answer over real HTTP, checked number by number against what the store holds.</summary>
public sealed class DashboardApiTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>, IDisposable
{
    private readonly ApiServer _server = fixture.Server;
    private readonly HttpClient _http = fixture.Server.Client();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Meters_lists_the_meter_with_who_it_is()
    {
        var meters = await GetAsync("/api/meters");

        var meter = Assert.Single(meters.EnumerateArray());
        Assert.Equal(ApiServer.MeterId, meter.GetProperty("meter").GetString());
        Assert.Equal("A1B2C3", meter.GetProperty("serial").GetString());
        Assert.True(meter.GetProperty("measures_export").GetBoolean());
        Assert.False(meter.GetProperty("single_phase").GetBoolean());
    }

    [Fact]
    public async Task Now_gives_power_currents_and_the_age_of_the_reading()
    {
        var now = await GetAsync($"/api/now?meter={ApiServer.MeterId}");

        Assert.Equal(628, now.GetProperty("power_w").GetDecimal());
        Assert.Equal(5.5m, now.GetProperty("current_ra").GetDecimal());
        Assert.Equal(1.2m, now.GetProperty("current_ta").GetDecimal());
        Assert.Equal(3.0, now.GetProperty("age_seconds").GetDouble());
        Assert.Equal(ApiServer.Now.AddSeconds(-3), now.GetProperty("read_at").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, now.GetProperty("backfill").ValueKind);
        Assert.Equal(360, now.GetProperty("link").GetProperty("transmit_budget_seconds").GetDouble());
    }

    [Fact]
    public async Task Status_lists_every_meter_and_the_version()
    {
        var status = await GetAsync("/api/status");

        Assert.Equal(628, Assert.Single(status.GetProperty("meters").EnumerateArray()).GetProperty("power_w").GetDecimal());
        Assert.False(string.IsNullOrEmpty(status.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Samples_by_default_are_the_last_six_hours_raw_and_equal_the_stores()
    {
        var answer = await GetAsync("/api/samples");
        var stored = await _server.Store.Samples.RangeAsync(ApiServer.MeterId, ApiServer.Now.AddHours(-6), ApiServer.Now, default);

        Assert.Equal("raw", answer.GetProperty("resolution").GetString());
        Assert.Equal(7 * 8640 + 1, (await _server.Store.Samples.RangeAsync(ApiServer.MeterId, DateTimeOffset.UnixEpoch, ApiServer.Now, default)).Count);
        Assert.Equal(6 * 360 + 1, stored.Count);
        Assert.Equal(stored.Select(s => s.At.ToUnixTimeSeconds()), Column(answer, "time").Select(v => (long)v!.Value));
        Assert.Equal(stored.Select(s => s.PowerW), Column(answer, "power_w"));
        Assert.Equal(stored.Select(s => s.CurrentRA), Column(answer, "current_ra"));
        var gap = stored.ToList().FindIndex(s => s.At == ApiServer.NoPowerSample);
        Assert.Null(Column(answer, "power_w")[gap]); // "no data" stays null, never 0
    }

    [Fact]
    public async Task Samples_over_36_hours_are_one_minute_means_from_the_stores_aggregates_and_up_to_now_from_raw_samples()
    {
        var from = ApiServer.Now.AddDays(-3);
        var answer = await GetAsync($"/api/samples?from={Iso(from)}&to={Iso(ApiServer.Now)}");
        var aggregated = await _server.Store.Samples.MinutesAsync(ApiServer.MeterId, from, ApiServer.Now, default);
        var raw = await _server.Store.Samples.RangeAsync(ApiServer.MeterId, aggregated[^1].Minute.AddMinutes(1), ApiServer.Now, default);
        var fromRaw = raw.GroupBy(s => s.At.ToUnixTimeSeconds() / 60 * 60).ToList();

        Assert.Equal("minute_mean", answer.GetProperty("resolution").GetString());
        Assert.InRange(aggregated[^1].Minute, ApiServer.AggregatedUpTo.AddMinutes(-2), ApiServer.AggregatedUpTo);
        Assert.Equal(1441, fromRaw.Count); // 19:00 a day ago to 19:00 now
        var time = Column(answer, "time").Select(v => (long)v!.Value).ToList();
        var power = Column(answer, "power_w");
        Assert.Equal(aggregated.Select(m => m.Minute.ToUnixTimeSeconds()).Concat(fromRaw.Select(g => g.Key)), time);
        Assert.Equal(aggregated.Select(m => m.PowerW?.Mean), power.Take(aggregated.Count));
        Assert.Equal(fromRaw.Select(g => (double?)g.Where(s => s.PowerW is not null).Average(s => s.PowerW)), power.Skip(aggregated.Count));
        Assert.Equal(ApiServer.Now.AddSeconds(-5).ToUnixTimeSeconds(), time[^1]); // the newest minute, not an hour ago
    }

    [Fact]
    public async Task Half_hours_by_range_equal_the_stores_and_a_no_data_slot_is_null()
    {
        var from = new DateTimeOffset(2026, 11, 26, 0, 0, 0, ApiServer.Jst);
        var to = from.AddDays(1);
        var answer = await GetAsync($"/api/half-hours?from=2026-11-26T00:00:00&to=2026-11-27T00:00:00%2B09:00");
        var stored = await _server.Store.HalfHours.RangeAsync(ApiServer.MeterId, from, to, default);

        var slots = answer.GetProperty("slots").EnumerateArray().ToList();
        Assert.Equal(stored.Count, slots.Count);
        Assert.InRange(slots.Count, 48, 49);
        for (var i = 0; i < slots.Count; i++)
        {
            Assert.Equal(stored[i].SlotEnd, slots[i].GetProperty("slot_end").GetDateTimeOffset());
            Assert.Equal("+09:00", slots[i].GetProperty("slot_end").GetString()![^6..]);
            Assert.Equal(stored[i].ImportDeltaKwh, Decimal(slots[i], "import_delta_kwh"));
            Assert.Equal(stored[i].ExportDeltaKwh, Decimal(slots[i], "export_delta_kwh"));
            Assert.Equal(stored[i].Import.Kwh, Decimal(slots[i], "import_kwh"));
            Assert.Equal("history", slots[i].GetProperty("source").GetString());
        }

        var noData = slots.Single(s => s.GetProperty("slot_end").GetDateTimeOffset() == ApiServer.NoDataSlot);
        Assert.Equal(JsonValueKind.Null, noData.GetProperty("import_kwh").ValueKind);
        Assert.Equal(JsonValueKind.Null, noData.GetProperty("import_delta_kwh").ValueKind);
        var ordinary = slots.Single(s => s.GetProperty("slot_end").GetDateTimeOffset() == ApiServer.NoDataSlot.AddHours(2));
        Assert.Equal(ApiServer.ImportDuring(ApiServer.NoDataSlot.AddHours(2)), Decimal(ordinary, "import_delta_kwh"));
    }

    [Fact]
    public async Task Daily_by_default_is_31_days_to_today_equal_to_the_stores_totals()
    {
        var answer = await GetAsync("/api/daily");
        var today = new DateOnly(2026, 11, 27);
        var stored = await _server.Store.Totals.DailyAsync(ApiServer.MeterId, today.AddDays(-30), today, default);

        var totals = answer.GetProperty("totals").EnumerateArray().ToList();
        Assert.Equal(31, totals.Count);
        Assert.Equal(stored.Select(t => t.Start), totals.Select(t => DateOnly.Parse(t.GetProperty("start").GetString()!, CultureInfo.InvariantCulture)));
        Assert.Equal(stored.Select(t => t.ImportKwh), totals.Select(t => Decimal(t, "import_kwh")));
        Assert.Equal(stored.Select(t => t.ExportKwh), totals.Select(t => Decimal(t, "export_kwh")));
        Assert.Equal(stored.Select(t => t.ImportComplete), totals.Select(t => t.GetProperty("complete").GetBoolean()));
        var full = totals.Single(t => t.GetProperty("start").GetString() == "2026-11-20");
        Assert.Equal(48, full.GetProperty("known_slots").GetInt32());
        Assert.Equal(1.6m, Decimal(full, "export_kwh")); // 0.2 kWh in each of the 8 slots ending 10:00 to 13:30 JST
    }

    [Fact]
    public async Task Monthly_by_default_is_12_months_equal_to_the_stores_totals()
    {
        var answer = await GetAsync($"/api/monthly?meter={ApiServer.MeterId.ToLowerInvariant()}");
        var stored = await _server.Store.Totals.MonthlyAsync(ApiServer.MeterId, new DateOnly(2025, 12, 1), new DateOnly(2026, 11, 27), default);

        var totals = answer.GetProperty("totals").EnumerateArray().ToList();
        Assert.Equal(12, totals.Count);
        Assert.Equal(stored.Select(t => t.ImportKwh), totals.Select(t => Decimal(t, "import_kwh")));
        Assert.Equal(JsonValueKind.Null, totals[0].GetProperty("import_kwh").ValueKind); // a month with nothing stored: unknown, not 0
        Assert.NotNull(Decimal(totals[^1], "import_kwh"));
    }

    [Fact]
    public async Task The_stream_sends_the_current_values_at_once_and_each_change()
    {
        await using var server = await ApiServer.StartAsync(samples: false); // its own: the change below is seen by all
        using var http = server.Client();
        using var response = await http.GetAsync(new Uri("/api/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        Assert.Equal(628, (await NextEventAsync(reader, timeout.Token)).GetProperty("power_w").GetDecimal());
        server.Live.Observe(new MeasurementsEvent(ApiServer.Now, [new Measurement(ApiServer.MeterId, Quantity.Power, -150, EchonetLite.Meter.ValueStatus.Ok, null, ApiServer.Now, ValueSource.Get)]));
        Assert.Equal(-150, (await NextEventAsync(reader, timeout.Token)).GetProperty("power_w").GetDecimal());
    }

    [Fact]
    public async Task Stopping_the_server_ends_an_open_stream_instead_of_waiting_for_the_page()
    {
        var server = await ApiServer.StartAsync(samples: false);
        using var http = server.Client();
        using var response = await http.GetAsync(new Uri("/api/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal(628, (await NextEventAsync(reader, timeout.Token)).GetProperty("power_w").GetDecimal());

        // Kestrel waits up to 30 s for requests under way; a page's stream must not hold the daemon's stop that long.
        await server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        // The page sees its stream end (cleanly or reset) and reconnects to the next daemon.
        var ended = await Record.ExceptionAsync(async () => Assert.Equal(string.Empty, (await reader.ReadToEndAsync(timeout.Token)).Trim()));
        Assert.True(ended is null or IOException, ended?.ToString());
    }

    private static async Task<JsonElement> NextEventAsync(StreamReader reader, CancellationToken ct)
    {
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line[6..]).RootElement;
            }
        }

        throw new InvalidOperationException("the stream ended");
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    private static double?[] Column(JsonElement answer, string name) =>
        [.. answer.GetProperty(name).EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble())];

    private static decimal? Decimal(JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDecimal();

    private static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
}
