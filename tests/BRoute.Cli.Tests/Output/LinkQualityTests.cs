using BRoute.Cli.Output;
using BRoute.SkStack.Grammar;

namespace BRoute.Cli.Tests.Output;

public sealed class LinkQualityTests
{
    [Theory]
    [InlineData(0xB4, "-54.8 dBm")]   // the simulator's meter
    [InlineData(0xE1, "-42.4 dBm")]   // skstack.md §6 example "LQI:E1"
    [InlineData(0x00, "-104.3 dBm")]
    [InlineData(0xFF, "-34.1 dBm")]
    public void Rssi_follows_the_manuals_formula(byte lqi, string expected) => Assert.Equal(expected, LinkQuality.Rssi(lqi));

    [Theory]
    [InlineData(0x3F, "poor")]
    [InlineData(0x40, "fair")]
    [InlineData(0x7F, "fair")]
    [InlineData(0x80, "good")]
    public void Verdict_thresholds(byte lqi, string start) => Assert.StartsWith(start, LinkQuality.Verdict(lqi), StringComparison.Ordinal);

    [Theory]
    [InlineData(0xB4, -54.77)]
    [InlineData(0xE1, -42.4)]   // 0.275 × 225 − 104.27 = −42.395: two decimals, half away from zero
    [InlineData(0x00, -104.27)]
    [InlineData(0xFF, -34.15)]  // −34.145
    [InlineData(0x9A, -61.92)]
    public void Json_dbm_has_two_decimals(byte lqi, double expected) =>
        Assert.Equal(expected, LinkQuality.RoundedRssiDbm(lqi));

    [Fact]
    public void Why_there_is_no_frame_rssi_follows_the_erxudp_layout()
    {
        Assert.Equal(
            "none: the bp35a1's ERXUDP carries no RSSI/LQI field (the BP35A1 family's 9-token layout); the scan LQI is this link's quality",
            LinkQuality.NoFrameRssi(ErxudpLayout.NineTokens, "bp35a1"));
        Assert.Contains("register SA2 = 0", LinkQuality.NoFrameRssi(ErxudpLayout.TenTokensWithSide, "bp35c2"), StringComparison.Ordinal);
        Assert.Contains("'SKSREG SA2 1'", LinkQuality.NoFrameRssi(ErxudpLayout.TenTokensWithSide, "bp35c2"), StringComparison.Ordinal);
        Assert.Equal("none: no frame from the meter was received", LinkQuality.NoFrameRssi(null, null));
    }
}
