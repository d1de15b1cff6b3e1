using System.Net;
using BRoute.Session;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;

namespace BRoute.Tests.Session;

/// <summary>The link-quality record: which ERXUDP count as the meter's, the RSSI/LQI statistics, the scan LQI.</summary>
public sealed class LinkQualityRecorderTests
{
    private static readonly IPAddress Meter = IPAddress.Parse("fe80::21c:6400:a1:b2c3");
    private static readonly IPAddress Dongle = IPAddress.Parse("fe80::21d:1290:1234:5678");
    private static readonly DateTimeOffset At = new(2026, 1, 15, 10, 10, 0, TimeSpan.FromHours(9));

    private static Erxudp Frame(byte? lqi, IPAddress? sender = null, ErxudpLayout? layout = null) => new(
        sender ?? Meter, Dongle, 0x0E1A, 0x0E1A, 0x001C640000A1B2C3, Secured: true, Side: lqi is null ? null : 0, lqi,
        new byte[] { 0x10, 0x81, 0x00, 0x01 }, layout ?? (lqi is null ? ErxudpLayout.NineTokens : ErxudpLayout.ElevenTokensWithRssiAndSide), ErxudpDataMode.AsciiHex);

    [Theory]
    [InlineData(0x00, -104.27)]
    [InlineData(0xB4, -54.77)]
    [InlineData(0xFF, -34.145)]
    public void Lqi_converts_to_dbm_by_the_epandesc_formula(byte lqi, double dbm) =>
        Assert.Equal(dbm, MeterLinkQuality.RssiDbm(lqi), 9);

    [Fact]
    public void Nothing_recorded_is_empty_and_says_nothing_about_the_layout()
    {
        var q = new LinkQualityRecorder().Snapshot();

        Assert.Same(MeterLinkQuality.Empty, q);
        Assert.Equal(0, q.MeterFrames);
        Assert.Null(q.FramesCarryLqi);
        Assert.Null(q.LastRssiDbm);
        Assert.Null(q.MeanRssiDbm);
        Assert.Null(q.ScanLqi);
        Assert.Equal(ScanLqiSource.None, q.ScanLqiSource);
    }

    [Fact]
    public void Tokens_of_meter_frames_give_last_min_max_and_mean()
    {
        var recorder = new LinkQualityRecorder();
        foreach (var lqi in new byte[] { 0xB4, 0x90, 0xC8, 0xA0 })
        {
            recorder.OnFrame(Frame(lqi), Meter);
        }

        var q = recorder.Snapshot();

        Assert.Equal(4, q.MeterFrames);
        Assert.Equal(4, q.FramesWithLqi);
        Assert.True(q.FramesCarryLqi);
        Assert.Equal(ErxudpLayout.ElevenTokensWithRssiAndSide, q.Layout);
        Assert.Equal((byte)0xA0, q.LastLqi);
        Assert.Equal((byte)0x90, q.MinLqi);
        Assert.Equal((byte)0xC8, q.MaxLqi);
        Assert.Equal((0xB4 + 0x90 + 0xC8 + 0xA0) / 4.0, q.MeanLqi!.Value, 9); // 171
        Assert.Equal((0.275 * 0xA0) - 104.27, q.LastRssiDbm!.Value, 9); // -60.27
        Assert.Equal((0.275 * 0x90) - 104.27, q.MinRssiDbm!.Value, 9);
        Assert.Equal((0.275 * 0xC8) - 104.27, q.MaxRssiDbm!.Value, 9);
        Assert.Equal((0.275 * 171) - 104.27, q.MeanRssiDbm!.Value, 9); // -57.245
    }

    [Fact]
    public void Frames_without_the_token_are_counted_but_give_no_rssi()
    {
        var recorder = new LinkQualityRecorder();
        recorder.OnFrame(Frame(null), Meter);
        recorder.OnFrame(Frame(null), Meter);

        var q = recorder.Snapshot();

        Assert.Equal(2, q.MeterFrames);
        Assert.Equal(0, q.FramesWithLqi);
        Assert.False(q.FramesCarryLqi);
        Assert.Equal(ErxudpLayout.NineTokens, q.Layout);
        Assert.Null(q.LastLqi);
        Assert.Null(q.MinRssiDbm);
        Assert.Null(q.MeanLqi);
    }

    [Fact]
    public void A_ten_token_frame_carries_no_token_either()
    {
        var recorder = new LinkQualityRecorder();
        recorder.OnFrame(Frame(null, layout: ErxudpLayout.TenTokensWithSide), Meter);

        Assert.False(recorder.Snapshot().FramesCarryLqi);
        Assert.Equal(ErxudpLayout.TenTokensWithSide, recorder.Snapshot().Layout);
    }

    [Fact]
    public void Frames_from_another_sender_or_before_the_meter_is_known_are_not_the_meters()
    {
        var recorder = new LinkQualityRecorder();
        recorder.OnFrame(Frame(0x20), null); // SKLL64 not done yet
        recorder.OnFrame(Frame(0x30, sender: IPAddress.Parse("fe80::21c:6400:dead:beef")), Meter); // a neighbour's meter
        recorder.OnFrame(Frame(0x40, sender: IPAddress.Parse("192.0.2.1")), Meter);

        Assert.Same(MeterLinkQuality.Empty, recorder.Snapshot());

        // The meter's address with a scope id (as an OS would print it) is still the meter: bytes are compared.
        recorder.OnFrame(Frame(0x50), new IPAddress(Meter.GetAddressBytes(), scopeid: 3));
        Assert.Equal((byte)0x50, recorder.Snapshot().LastLqi);
    }

    [Fact]
    public void The_scan_lqi_keeps_its_source_and_time_and_a_later_scan_replaces_it()
    {
        var recorder = new LinkQualityRecorder();
        recorder.OnScan(0x9A, At.AddDays(-3), ScanLqiSource.PanCache);
        recorder.OnFrame(Frame(0xB4), Meter);

        var cached = recorder.Snapshot();
        Assert.Equal((byte)0x9A, cached.ScanLqi);
        Assert.Equal(ScanLqiSource.PanCache, cached.ScanLqiSource);
        Assert.Equal(At.AddDays(-3), cached.ScanLqiAt);
        Assert.Equal((0.275 * 0x9A) - 104.27, cached.ScanRssiDbm!.Value, 9);
        Assert.Equal((byte)0xB4, cached.LastLqi); // frames and scan are independent

        recorder.OnScan(0xC0, At, ScanLqiSource.Scan);

        var scanned = recorder.Snapshot();
        Assert.Equal((byte)0xC0, scanned.ScanLqi);
        Assert.Equal(ScanLqiSource.Scan, scanned.ScanLqiSource);
        Assert.Equal(At, scanned.ScanLqiAt);
        Assert.Equal(1, scanned.MeterFrames);
    }

    [Fact]
    public async Task Frames_recorded_from_several_threads_are_all_counted()
    {
        var recorder = new LinkQualityRecorder();
        var withToken = Frame(0x80);
        var without = Frame(null);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                recorder.OnFrame(t % 2 == 0 ? withToken : without, Meter);
                _ = recorder.Snapshot();
            }
        })));

        var q = recorder.Snapshot();
        Assert.Equal(4000, q.MeterFrames);
        Assert.Equal(2000, q.FramesWithLqi);
        Assert.Equal(0x80, q.MeanLqi);
    }
}
