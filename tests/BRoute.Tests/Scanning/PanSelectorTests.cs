using BRoute.Scanning;
using BRoute.Tests.TestSupport;

namespace BRoute.Tests.Scanning;

public sealed class PanSelectorTests
{
    private static ScanCandidate Candidate(string pairId, byte lqi, ushort pan = 0x24EF) => new(new MeterPan(0x21, pan, 0x00808700301224EF, pairId), lqi);

    [Fact]
    public void Picks_the_matching_pair_id_with_the_best_lqi()
    {
        var chosen = PanSelector.Select(
            [Candidate("11111111", 0xF0), Candidate(TestCredentials.PairId, 0x40, 1), Candidate(TestCredentials.PairId, 0x90, 2), Candidate(TestCredentials.PairId, 0x90, 3)],
            TestCredentials.Create(),
            out var others);
        Assert.Equal((ushort)2, chosen!.Pan.PanId);
        Assert.Equal(1, others);
    }

    [Fact]
    public void No_match_returns_null_and_counts_the_others()
    {
        Assert.Null(PanSelector.Select([Candidate("11111111", 1), Candidate("22222222", 2)], TestCredentials.Create(), out var others));
        Assert.Equal(2, others);
        Assert.Null(PanSelector.Select([], TestCredentials.Create(), out others));
        Assert.Equal(0, others);
    }

    [Fact]
    public void MeterPan_rejects_channels_outside_33_to_60_and_never_prints_the_pair_id()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MeterPan(32, 1, 1, "x"));
        var text = new MeterPan(0x21, 0x24EF, 0x00808700301224EF, TestCredentials.PairId).ToString();
        Assert.Equal("channel 33 (0x21), PAN 0x24EF, MAC 00808700301224EF", text);
    }
}
