using BRoute.Cli.Output;

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
}
