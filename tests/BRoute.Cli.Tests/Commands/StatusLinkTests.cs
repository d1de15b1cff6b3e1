using System.Text.Json;
using BRoute.Monitoring;
using BRoute.Session;
using BRoute.SkStack.Grammar;
using BRoute.Storage;
using Microsoft.Extensions.Time.Testing;

namespace BRoute.Cli.Tests.Commands;

/// <summary><c>broute status</c> shows each meter's link quality as the daemon last stored it (text and --json).</summary>
public sealed class StatusLinkTests : IDisposable
{
    private const string Meter = "001C640000A1B2C3";
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, Jst);
    private static readonly DateTimeOffset At = Now.AddMinutes(-3);
    private readonly string _folder = Directory.CreateTempSubdirectory("broute-status-link-").FullName;

    private string StorePath => Path.Combine(_folder, "broute.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CountersEvent Counters(byte? frameLqi) => new(At, Meter, new SessionStatistics
    {
        Requests = 400,
        Retries = 20,
        ReplyTimeouts = 21,
        RequestsGivenUp = 1,
        Dropped = new Dictionary<string, long> { ["stale"] = 2, ["duplicate"] = 3 },
        Reauthentications = 4,
        AirTimeThisHour = TimeSpan.FromSeconds(12.3),
        AirTimeLimit = TimeSpan.FromSeconds(300),
        ConnectedAt = new DateTimeOffset(2026, 11, 27, 10, 0, 0, Jst),
        LinkQuality = new MeterLinkQuality
        {
            MeterFrames = 900,
            FramesWithLqi = frameLqi is null ? 0 : 880,
            Layout = frameLqi is null ? ErxudpLayout.NineTokens : ErxudpLayout.ElevenTokensWithRssiAndSide,
            LastLqi = frameLqi,
            MinLqi = frameLqi is null ? null : (byte)0x30,
            MaxLqi = frameLqi is null ? null : (byte)0xC8,
            MeanLqi = frameLqi is null ? null : 140.4,
            ScanLqi = 0xB4,
            ScanLqiSource = frameLqi is null ? ScanLqiSource.Scan : ScanLqiSource.PanCache,
            ScanLqiAt = new DateTimeOffset(2026, 11, 24, 8, 0, 0, Jst),
        },
    }, Reconnects: 2);

    private async Task FillAsync(CountersEvent? counters)
    {
        using var store = MeterStore.Open(new StoreOptions { Path = StorePath });
        await store.Meters.UpsertAsync(new MeterIdentity(Meter, "000016", "SIM1", "Appendix F", 1, 0.1m, 6, true, false), default);
        if (counters is not null)
        {
            await store.Links.UpsertAsync(counters, default);
        }
    }

    [Fact]
    public async Task Text_shows_the_frames_signal_resends_and_budget_with_the_age_of_the_figures()
    {
        await FillAsync(Counters(frameLqi: 0x96));

        var run = await RunAsync("status", "--store", StorePath);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("  link: last frame LQI 150 (-63 dBm, good), min 48, max 200, mean 140.4 over 880 frame(s); scan LQI 180 (-54.8 dBm, remembered with the PAN)\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("  requests: 400, 20 resent (5%), 21 timed out, 1 given up, 5 frame(s) dropped, 4 re-authentication(s) since the session began at 2026-11-27T10:00:00+09:00; 2 reconnect(s)\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("  transmit budget: 12.3 s of 300 s (4.1%) used in the last hour; figures of 2026-11-27T11:57:00+09:00 (3 min ago)\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_of_a_dongle_without_frame_rssi_judges_the_link_by_its_scan()
    {
        await FillAsync(Counters(frameLqi: null));

        var run = await RunAsync("status", "--store", StorePath);

        Assert.Contains("  link: 900 frame(s) from the meter, none with an RSSI/LQI field (the dongle's ERXUDP has none); scan LQI 180 (-54.8 dBm, good, this session's scan)\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_carries_every_figure_and_null_for_what_is_unknown()
    {
        await FillAsync(Counters(frameLqi: null));

        var run = await RunAsync("status", "--store", StorePath, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var link = json.RootElement.GetProperty("meters")[0].GetProperty("link");
        Assert.Equal(
            """{"at":"2026-11-27T11:57:00+09:00","age_seconds":180,"session_since":"2026-11-27T10:00:00+09:00","meter_frames":900,"frames_with_lqi":0,"last_lqi":null,"last_rssi_dbm":null,"min_lqi":null,"min_rssi_dbm":null,"max_lqi":null,"max_rssi_dbm":null,"mean_lqi":null,"mean_rssi_dbm":null,"scan_lqi":180,"scan_rssi_dbm":-54.77,"scan_lqi_source":"scan","scan_lqi_at":"2026-11-24T08:00:00+09:00","verdict":"good","requests":400,"resends":20,"resend_rate":0.05,"reply_timeouts":21,"requests_given_up":1,"frames_dropped":5,"reauthentications":4,"reconnects":2,"air_time_seconds":12.3,"air_time_limit_seconds":300,"budget_used":0.041}""",
            link.GetRawText());
    }

    [Fact]
    public async Task Json_of_frame_lqi_gives_last_min_max_and_mean_in_lqi_and_dbm()
    {
        await FillAsync(Counters(frameLqi: 0x96));

        var run = await RunAsync("status", "--store", StorePath, "--json");

        using var json = JsonDocument.Parse(run.Output);
        var link = json.RootElement.GetProperty("meters")[0].GetProperty("link");
        Assert.Equal((150, -63.02), (link.GetProperty("last_lqi").GetInt32(), link.GetProperty("last_rssi_dbm").GetDouble()));
        Assert.Equal((48, -91.07), (link.GetProperty("min_lqi").GetInt32(), link.GetProperty("min_rssi_dbm").GetDouble()));
        Assert.Equal((200, -49.27), (link.GetProperty("max_lqi").GetInt32(), link.GetProperty("max_rssi_dbm").GetDouble()));
        Assert.Equal((140.4, -65.66), (link.GetProperty("mean_lqi").GetDouble(), link.GetProperty("mean_rssi_dbm").GetDouble()));
        Assert.Equal("pan_cache", link.GetProperty("scan_lqi_source").GetString());
    }

    [Fact]
    public async Task A_meter_without_stored_figures_says_so()
    {
        await FillAsync(null);

        var text = await RunAsync("status", "--store", StorePath);
        var json = await RunAsync("status", "--store", StorePath, "--json");

        Assert.Contains("  link: no figures yet (the daemon stores them every few minutes while it runs)\n", text.Output, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json.Output);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("meters")[0].GetProperty("link").ValueKind);
    }

    private static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(new StringReader(string.Empty), output, error) { Time = new FakeTimeProvider(Now) };
        var code = await Program.RunAsync(args, console);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
