using System.Text;
using BRoute.Authentication;
using BRoute.Scanning;
using BRoute.Session;
using BRoute.Simulator.Meter;
using BRoute.SkStack.Grammar;
using BRoute.Tests.Session.Support;

namespace BRoute.Tests.Session;

/// <summary>
/// The session records the link quality of the meter's frames: the ERXUDP RSSI/LQI token where the dongle prints one
/// (C0/C2 with SA2 = 1), none for the BP35A1 family; and the scan's EPANDESC LQI, remembered with the PAN cache.
/// </summary>
public sealed class LinkQualitySessionTests
{
    private const byte MeterLqi = 0x9A; // not the simulator's default, so the value is known to come from the meter's options

    private static readonly Credentials Credentials = Credentials.Create(SessionHarness.Id, SessionHarness.Password);

    private static MeterOptions Meter => new() { Load = LoadModel.Constant, ConstantLoadW = 628, Lqi = MeterLqi };

    [Theory]
    [InlineData(DongleFamily.Bp35C2, ErxudpDataMode.AsciiHex)]
    [InlineData(DongleFamily.Bp35C0, ErxudpDataMode.Binary)]
    [InlineData(DongleFamily.RsWsuha, ErxudpDataMode.AsciiHex)]
    public async Task A_dual_side_dongle_with_sa2_on_gives_the_rssi_of_every_meter_frame(DongleFamily family, ErxudpDataMode mode)
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(family, mode: mode, meter: Meter) with { ShowRssi = true });
        var session = await h.ConnectAsync();
        await h.RunAsync(() => session.ReadAsync([0xE7, 0xE8]));

        Assert.Equal(ErxudpLayout.ElevenTokensWithRssiAndSide, session.Dialect!.ErxudpLayout);
        var q = session.Statistics.LinkQuality;
        Assert.True(q.FramesCarryLqi);
        Assert.Equal(ErxudpLayout.ElevenTokensWithRssiAndSide, q.Layout);
        // PANA messages of the join, the D5 instance list and both replies (meter info, E7 E8) all come from the meter.
        Assert.True(q.MeterFrames >= session.Statistics.RepliesAccepted + 1, $"{q.MeterFrames} meter frames");
        Assert.Equal(q.MeterFrames, q.FramesWithLqi);
        Assert.Equal(MeterLqi, q.LastLqi);
        Assert.Equal(MeterLqi, q.MinLqi);
        Assert.Equal(MeterLqi, q.MaxLqi);
        Assert.Equal(MeterLqi, q.MeanLqi);
        Assert.Equal((0.275 * MeterLqi) - 104.27, q.LastRssiDbm!.Value, 9); // -61.92 dBm
        Assert.Equal(q.LastRssiDbm, q.MeanRssiDbm);

        // The scan that found the meter gave the same LQI in its EPANDESC.
        Assert.Equal(MeterLqi, q.ScanLqi);
        Assert.Equal(ScanLqiSource.Scan, q.ScanLqiSource);
        Assert.Equal(SessionHarness.DefaultStart, q.ScanLqiAt!.Value, TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData(DongleFamily.Bp35A1)]
    [InlineData(DongleFamily.Wsr35A1)]
    [InlineData(DongleFamily.Rl7023Ips)]
    public async Task A_bp35a1_family_dongle_gives_no_frame_rssi_only_the_scan_lqi(DongleFamily family)
    {
        // SA2 = 1 makes no difference to single-side firmware: its 9-token ERXUDP has no such field.
        await using var h = new SessionHarness(SessionHarness.Simulator(family, meter: Meter) with { ShowRssi = true });
        var session = await h.ConnectAsync();
        await h.RunAsync(() => session.ReadAsync([0xE7]));

        var q = session.Statistics.LinkQuality;
        Assert.Equal(ErxudpLayout.NineTokens, q.Layout);
        Assert.False(q.FramesCarryLqi);
        Assert.True(q.MeterFrames >= 2, $"{q.MeterFrames} meter frames");
        Assert.Equal(0, q.FramesWithLqi);
        Assert.Null(q.LastLqi);
        Assert.Null(q.LastRssiDbm);
        Assert.Null(q.MeanRssiDbm);
        Assert.Equal(MeterLqi, q.ScanLqi);
        Assert.Equal(ScanLqiSource.Scan, q.ScanLqiSource);
    }

    [Fact]
    public async Task A_dual_side_dongle_with_sa2_off_gives_no_frame_rssi()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(DongleFamily.Bp35C2, meter: Meter));
        var session = await h.ConnectAsync();

        var q = session.Statistics.LinkQuality;
        Assert.Equal(ErxudpLayout.TenTokensWithSide, q.Layout);
        Assert.False(q.FramesCarryLqi);
        Assert.Equal(0, q.FramesWithLqi);
        Assert.True(q.MeterFrames > 0);
    }

    [Fact]
    public async Task The_scan_lqi_is_cached_with_the_pan_and_reported_on_a_cache_hit()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(DongleFamily.Bp35A1, meter: Meter));
        var first = await h.ConnectAsync();
        await h.RunAsync(() => first.DisposeAsync().AsTask());

        var cache = new PanCache(h.Cache.Path);
        var entry = (await cache.LoadAsync(Credentials, CancellationToken.None)).Entry!;
        Assert.Equal(MeterLqi, entry.ScanLqi);
        Assert.Contains($"\"scanLqi\": {MeterLqi}", await File.ReadAllTextAsync(cache.PathFor(Credentials)), StringComparison.Ordinal);

        var second = await h.ConnectAsync();

        Assert.Equal(0, second.Statistics.Scans); // the cache hit skipped the scan
        Assert.Equal(1, h.Sim.Stats.Scans);
        var q = second.Statistics.LinkQuality;
        Assert.Equal(MeterLqi, q.ScanLqi);
        Assert.Equal(ScanLqiSource.PanCache, q.ScanLqiSource);
        Assert.Equal(entry.FoundAt, q.ScanLqiAt);
        await h.RunAsync(() => second.DisposeAsync().AsTask());

        // Closing saved the reply times with the entry; the LQI stayed.
        Assert.Equal(MeterLqi, (await cache.LoadAsync(Credentials, CancellationToken.None)).Entry!.ScanLqi);
    }

    [Fact]
    public async Task A_cache_file_from_before_the_field_gives_no_scan_lqi()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(DongleFamily.Bp35A1, meter: Meter));
        var cache = new PanCache(h.Cache.Path);
        Directory.CreateDirectory(h.Cache.Path);
        await File.WriteAllTextAsync(
            cache.PathFor(Credentials),
            "{\"version\":1,\"channel\":33,\"panId\":\"8888\",\"mac\":\"001C640000A1B2C3\",\"pairId\":\"" + Credentials.PairId
            + "\",\"foundAt\":\"2026-01-01T08:00:00+09:00\",\"dongleFamily\":\"Bp35A1\"}",
            new UTF8Encoding(false));

        var session = await h.ConnectAsync();

        Assert.Equal(0, session.Statistics.Scans);
        var q = session.Statistics.LinkQuality;
        Assert.Null(q.ScanLqi);
        Assert.Null(q.ScanLqiAt);
        Assert.Equal(ScanLqiSource.None, q.ScanLqiSource);
    }
}
