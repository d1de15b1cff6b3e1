using BRoute.Scanning;
using BRoute.SkStack.Grammar;

namespace BRoute.Tests.Scanning;

public sealed class ScanPlanTests
{
    [Theory]
    [InlineData(3, 2.4)]
    [InlineData(4, 4.6)]
    [InlineData(5, 8.9)]
    [InlineData(6, 17.5)]
    [InlineData(7, 34.7)]
    [InlineData(8, 69.1)]
    public void Expected_duration_matches_the_timing_table_for_the_a1_formula(int d, double seconds)
    {
        var expected = ScanTiming.Expected(d, 28, ScanTiming.SingleSideDwellUnit);
        Assert.Equal(seconds, expected.TotalSeconds, 1);
    }

    [Fact]
    public void Dual_side_d6_equals_the_18_2_second_guard_peers_use()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(18200), ScanTiming.Expected(6, 28, ScanTiming.DwellUnit(DongleFamily.Bp35C0)));
    }

    [Fact]
    public void Exact_formula_and_guard_for_d6_on_bp35a1()
    {
        var plan = new ScanPlan(new ScanOptions { Durations = [6] }, DongleFamily.Bp35A1);
        var step = Assert.Single(plan.Steps);
        Assert.Equal(TimeSpan.FromTicks(174_720_000), step.Expected); // 28 × 9.6 ms × 65 = 17 472 ms
        Assert.Equal(TimeSpan.FromTicks(239_664_000), step.Guard); // × 1.2 + 3 s = 23 966.4 ms
    }

    [Fact]
    public void Dwell_unit_depends_on_the_family()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(9.6), ScanTiming.DwellUnit(DongleFamily.Bp35A1));
        Assert.Equal(TimeSpan.FromMilliseconds(9.6), ScanTiming.DwellUnit(DongleFamily.Wsr35A1));
        Assert.Equal(TimeSpan.FromMilliseconds(10), ScanTiming.DwellUnit(DongleFamily.Bp35C2));
        Assert.Equal(TimeSpan.FromMilliseconds(10), ScanTiming.DwellUnit(DongleFamily.Unknown));
    }

    [Fact]
    public void Default_ladder_grows_4_to_8_over_all_channels()
    {
        var plan = new ScanPlan(new ScanOptions(), DongleFamily.Bp35A1);
        Assert.Equal([4, 5, 6, 7, 8], plan.Steps.Select(s => s.Duration));
        Assert.All(plan.Steps, s => Assert.Equal(0xFFFFFFFFu, s.ChannelMask));
        Assert.All(plan.Steps, s => Assert.Equal(28, s.Channels));
        Assert.Equal([1, 2, 3, 4, 5], plan.Steps.Select(s => s.Attempt));
        Assert.True(plan.Steps.Zip(plan.Steps.Skip(1)).All(p => p.First.Guard < p.Second.Guard));
    }

    [Theory]
    [InlineData(33, 0x00000001u)]
    [InlineData(0x24, 0x00000008u)]
    [InlineData(60, 0x08000000u)]
    public void Known_channel_is_scanned_alone_first_then_all(byte channel, uint mask)
    {
        var plan = new ScanPlan(new ScanOptions { Durations = [4, 6] }, DongleFamily.Bp35A1, channel);
        Assert.Equal([mask, mask, 0xFFFFFFFFu, 0xFFFFFFFFu], plan.Steps.Select(s => s.ChannelMask));
        Assert.Equal([1, 1, 28, 28], plan.Steps.Select(s => s.Channels));
        Assert.Equal(TimeSpan.FromMilliseconds(9.6 * 17), plan.Steps[0].Expected);
    }

    [Fact]
    public void Known_channel_can_be_ignored_by_option()
    {
        var plan = new ScanPlan(new ScanOptions { ScanKnownChannelFirst = false }, DongleFamily.Bp35A1, 40);
        Assert.All(plan.Steps, s => Assert.Equal(0xFFFFFFFFu, s.ChannelMask));
    }

    [Fact]
    public void TryNext_walks_the_ladder_then_reports_exhaustion()
    {
        var plan = new ScanPlan(new ScanOptions { Durations = [4, 5] }, DongleFamily.Bp35C2);
        Assert.True(plan.TryNext(out var a));
        Assert.Equal(4, a.Duration);
        Assert.False(plan.IsExhausted);
        Assert.True(plan.TryNext(out var b));
        Assert.Equal(5, b.Duration);
        Assert.True(plan.IsExhausted);
        Assert.False(plan.TryNext(out _));
        Assert.Equal(2, plan.Attempted);
        var error = plan.ExhaustedError();
        Assert.StartsWith("no meter answered the scan: is the dongle within range of the meter", error.Message, StringComparison.Ordinal);
        Assert.Contains("durations 4,5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exhaustion_with_foreign_pans_points_at_the_id()
    {
        var error = new ScanPlan(new ScanOptions(), DongleFamily.Bp35A1).ExhaustedError(pansWithOtherPairId: 2);
        Assert.Contains("2 PAN(s) answered, but none carries the pairing ID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Worst_case_is_the_sum_of_guards()
    {
        var plan = new ScanPlan(new ScanOptions(), DongleFamily.Bp35A1);
        Assert.Equal(plan.Steps.Aggregate(TimeSpan.Zero, (s, x) => s + x.Guard), plan.WorstCase);
    }

    [Fact]
    public void Fixed_dwell_unit_overrides_the_family()
    {
        var plan = new ScanPlan(new ScanOptions { Durations = [0], DwellUnit = TimeSpan.FromMilliseconds(12) }, DongleFamily.Bp35A1);
        Assert.Equal(TimeSpan.FromMilliseconds(12 * 2 * 28), plan.Steps[0].Expected);
    }

    [Fact]
    public void Invalid_options_are_rejected_with_a_reason()
    {
        Assert.Contains("at least one duration", Assert.Throws<ArgumentException>(() => new ScanPlan(new ScanOptions { Durations = [] }, DongleFamily.Bp35A1)).Message, StringComparison.Ordinal);
        Assert.Contains("0–14", Assert.Throws<ArgumentOutOfRangeException>(() => new ScanPlan(new ScanOptions { Durations = [15] }, DongleFamily.Bp35A1)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScanPlan(new ScanOptions { GuardFactor = 0.5 }, DongleFamily.Bp35A1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScanPlan(new ScanOptions { DwellUnit = TimeSpan.Zero }, DongleFamily.Bp35A1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScanTiming.MaskFor(32));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScanTiming.MaskFor(61));
    }

    [Fact]
    public void Channel_count_ignores_bits_beyond_channel_60()
    {
        Assert.Equal(28, ScanTiming.ChannelsIn(0xFFFFFFFF));
        Assert.Equal(2, ScanTiming.ChannelsIn(0x80000003));
    }
}
