using BRoute.Scanning;
using BRoute.Tests.TestSupport;
using BRoute.Transactions;

namespace BRoute.Tests.Scanning;

/// <summary>
/// The channel range (33–60), the PAN cache's field ranges, the scan duration (0–14) and the TID wrap, each at both
/// ends and one past (issue 13 item 7: boundary tests at every cap and limit).
/// </summary>
public sealed class RangeBoundaryTests : PanCacheTestBase
{
    private static string File(int channel, string panId) =>
        "{\"version\":1,\"channel\":" + channel + ",\"panId\":\"" + panId + "\",\"mac\":\"00808700301224EF\",\"pairId\":\"" + TestCredentials.PairId
        + "\",\"foundAt\":\"2026-03-14T08:30:00+09:00\",\"dongleFamily\":\"Bp35A1\"}";

    [Theory]
    [InlineData(33, "0000")]
    [InlineData(60, "FFFF")]
    public async Task A_cached_pan_on_the_first_or_last_channel_with_any_pan_id_is_a_hit(int channel, string panId)
    {
        var lookup = await LoadTextAsync(File(channel, panId));

        Assert.Equal(PanCacheStatus.Hit, lookup.Status);
        Assert.Equal(channel, lookup.Entry!.Pan.Channel);
        Assert.Equal(Convert.ToUInt16(panId, 16), lookup.Entry.Pan.PanId);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(61)]
    public async Task A_cached_pan_one_channel_outside_the_range_is_corrupt(int channel)
    {
        var lookup = await LoadTextAsync(File(channel, "24EF"));

        Assert.Equal(PanCacheStatus.Corrupt, lookup.Status);
        Assert.Contains($"channel {channel} is outside 33–60", lookup.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_meter_pan_takes_channels_33_to_60_only()
    {
        Assert.Equal(33, new MeterPan(33, 1, 1, TestCredentials.PairId).Channel);
        Assert.Equal(60, new MeterPan(60, 1, 1, TestCredentials.PairId).Channel);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MeterPan(32, 1, 1, TestCredentials.PairId));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MeterPan(61, 1, 1, TestCredentials.PairId));
        Assert.Equal(1u, ScanTiming.MaskFor(33));
        Assert.Equal(1u << 27, ScanTiming.MaskFor(60));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScanTiming.MaskFor(61));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScanTiming.MaskFor(32));
    }

    [Fact]
    public void Scan_durations_0_and_14_are_timed_and_15_is_refused()
    {
        var unit = TimeSpan.FromMilliseconds(10);
        Assert.Equal(unit * 28 * 2, ScanTiming.Expected(0, 28, unit));
        Assert.Equal(unit * 28 * ((1 << 14) + 1), ScanTiming.Expected(14, 28, unit));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScanTiming.Expected(15, 28, unit));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScanTiming.Expected(-1, 28, unit));
    }

    [Fact]
    public void Transaction_ids_wrap_from_FFFF_to_1_skipping_0_and_all_65535_can_be_in_use_at_once()
    {
        var ids = new TransactionIds(0xFFFF);
        Assert.Equal([0xFFFF, 1], new[] { ids.Next(), ids.Next() }.Select(x => (int)x));
        Assert.Equal(1, new TransactionIds(0).Next());

        var inUse = new HashSet<ushort>(Enumerable.Range(1, 0xFFFE).Select(i => (ushort)i)); // all but 0xFFFF
        Assert.Equal(0xFFFF, new TransactionIds(1).Next(inUse.Contains));
        inUse.Add(0xFFFF);
        Assert.Throws<InvalidOperationException>(() => new TransactionIds(1).Next(inUse.Contains));
    }
}
