using BRoute.Monitoring;
using BRoute.Session;
using BRoute.SkStack.Grammar;
using BRoute.Storage.Tables;
using BRoute.Storage.Tests.Support;
using BRoute.Storage.Writing;

namespace BRoute.Storage.Tests;

/// <summary>The latest link figures per meter (migration 4), written from the monitor's counters by the store writer.</summary>
public sealed class LinkTableTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly StoreFixture _f = new();

    public void Dispose() => _f.Dispose();

    public static CountersEvent Counters(DateTimeOffset at, long requests, long resends, byte? lastLqi = 150, long reconnects = 1, string meter = Samples.MeterId) => new(
        at,
        meter,
        new SessionStatistics
        {
            Requests = requests,
            Retries = resends,
            ReplyTimeouts = resends + 1,
            RequestsGivenUp = 1,
            Dropped = new Dictionary<string, long> { ["stale"] = 2, ["duplicate"] = 3 },
            Reauthentications = 4,
            AirTimeThisHour = TimeSpan.FromMilliseconds(12_345),
            AirTimeLimit = TimeSpan.FromSeconds(300),
            ConnectedAt = at.AddHours(-2),
            LinkQuality = new MeterLinkQuality
            {
                MeterFrames = 900,
                FramesWithLqi = lastLqi is null ? 0 : 880,
                Layout = lastLqi is null ? ErxudpLayout.NineTokens : ErxudpLayout.ElevenTokensWithRssiAndSide,
                LastLqi = lastLqi,
                MinLqi = lastLqi is null ? null : (byte)90,
                MaxLqi = lastLqi is null ? null : (byte)200,
                MeanLqi = lastLqi is null ? null : 140.25,
                ScanLqi = 0xB4,
                ScanLqiSource = ScanLqiSource.PanCache,
                ScanLqiAt = at.AddDays(-3),
            },
        },
        reconnects);

    [Fact]
    public async Task The_writer_stores_every_figure_of_the_counters_and_reads_them_back()
    {
        var t = Samples.Slot(1);
        var writer = new StoreWriter(_f.Store);

        await writer.RunAsync(Stream(Counters(t, requests: 400, resends: 20)), Ct);

        var link = await _f.Store.Links.LatestAsync(Samples.MeterId, Ct);
        Assert.NotNull(link);
        Assert.Equal(
            new StoredLink(Samples.MeterId, t, t.AddHours(-2), 900, 880, 150, 90, 200, 140.25, 0xB4, "pan_cache", t.AddDays(-3), 400, 20, 21, 1, 5, 4, 1, TimeSpan.FromMilliseconds(12_345), TimeSpan.FromSeconds(300)),
            link);
        Assert.Equal(Samples.Jst, link.At.Offset);
        Assert.Equal(12.345 / 300, link.BudgetUsed!.Value, 9);
        Assert.Equal(0.05, link.ResendRate!.Value, 9);
    }

    [Fact]
    public async Task Each_newer_snapshot_replaces_the_row_and_an_older_one_is_ignored()
    {
        var t = Samples.Slot(1);
        await _f.Store.Links.UpsertAsync(Counters(t, requests: 10, resends: 1), Ct);
        await _f.Store.Links.UpsertAsync(Counters(t.AddMinutes(5), requests: 30, resends: 2, lastLqi: null, reconnects: 2), Ct);
        await _f.Store.Links.UpsertAsync(Counters(t.AddMinutes(1), requests: 15, resends: 9), Ct);

        var link = await _f.Store.Links.LatestAsync(Samples.MeterId, Ct);

        Assert.Equal((t.AddMinutes(5), 30L, 2L, 2L), (link!.At, link.Requests, link.Resends, link.Reconnects));
        Assert.Null(link.LastLqi); // a dongle without the RSSI field: unknown, not 0
        Assert.Null(link.MeanLqi);
        Assert.Equal(0, link.FramesWithLqi);
        Assert.Equal((byte)0xB4, link.ScanLqi);
    }

    [Fact]
    public async Task Meters_keep_their_own_rows_and_a_meter_without_counters_has_none()
    {
        const string other = "001C640000FFFFFF";
        var t = Samples.Slot(1);
        await _f.Store.Links.UpsertAsync(Counters(t, requests: 10, resends: 1), Ct);
        await _f.Store.Links.UpsertAsync(Counters(t, requests: 70, resends: 7, meter: other), Ct);
        await _f.Store.Meters.UpsertAsync(Samples.Meter("001C640000000001"), Ct);

        Assert.Equal(10, (await _f.Store.Links.LatestAsync(Samples.MeterId, Ct))!.Requests);
        Assert.Equal(70, (await _f.Store.Links.LatestAsync(other, Ct))!.Requests);
        Assert.Null(await _f.Store.Links.LatestAsync("001C640000000001", Ct));
        Assert.Null(await _f.Store.Links.LatestAsync("0000000000000000", Ct));
    }

    [Fact]
    public async Task A_snapshot_not_taken_from_a_session_has_no_budget_limit_and_no_rates()
    {
        await _f.Store.Links.UpsertAsync(new CountersEvent(Samples.Slot(1), Samples.MeterId, new SessionStatistics(), 0), Ct);

        var link = await _f.Store.Links.LatestAsync(Samples.MeterId, Ct);

        Assert.Null(link!.AirTimeLimit);
        Assert.Null(link.BudgetUsed);
        Assert.Null(link.ResendRate);
        Assert.Null(link.ConnectedAt);
        Assert.Null(link.ScanLqiSource);
        Assert.Equal(TimeSpan.Zero, link.AirTime);
    }

    private static async IAsyncEnumerable<MonitorEvent> Stream(params MonitorEvent[] events)
    {
        foreach (var e in events)
        {
            yield return e;
            await Task.Yield();
        }
    }
}
