using System.Text;
using BRoute.Authentication;
using BRoute.Scanning;
using BRoute.SkStack.Grammar;
using BRoute.Tests.TestSupport;

namespace BRoute.Tests.Scanning;

/// <summary>The optional scan LQI of a PAN cache file: round trip, absent, nonsense (the PAN still counts).</summary>
public sealed class PanCacheScanLqiTests : PanCacheTestBase
{
    private Task<PanCacheLookup> LoadFieldAsync(string field) => LoadTextAsync(FileText(field));

    [Theory]
    [InlineData(0x00)]
    [InlineData(0xB4)]
    [InlineData(0xFF)]
    public async Task The_scan_lqi_round_trips_as_a_decimal_number(byte lqi)
    {
        await Cache.SaveAsync(Credentials, Entry() with { ScanLqi = lqi }, CancellationToken.None);

        var lookup = await Cache.LoadAsync(Credentials, CancellationToken.None);

        Assert.Equal(PanCacheStatus.Hit, lookup.Status);
        Assert.Equal(lqi, lookup.Entry!.ScanLqi);
        Assert.Contains($"\"scanLqi\": {lqi}", await File.ReadAllTextAsync(Cache.PathFor(Credentials)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(",\"scanLqi\":null")]
    [InlineData(",\"scanLqi\":-1")]
    [InlineData(",\"scanLqi\":256")]
    [InlineData(",\"scanLqi\":180.5")]
    [InlineData(",\"scanLqi\":\"B4\"")]
    [InlineData(",\"scanLqi\":[180]")]
    [InlineData(",\"scanLqi\":true")]
    public async Task A_missing_or_nonsense_scan_lqi_is_ignored_and_the_pan_still_counts(string field)
    {
        var lookup = await LoadFieldAsync(field);

        Assert.Equal(PanCacheStatus.Hit, lookup.Status);
        Assert.Equal(Entry(), lookup.Entry);
        Assert.Null(lookup.Entry!.ScanLqi);
    }

    [Fact]
    public async Task A_valid_scan_lqi_in_a_hand_written_file_loads()
    {
        var lookup = await LoadFieldAsync(",\"scanLqi\":154");
        Assert.Equal((byte)154, lookup.Entry!.ScanLqi);
    }
}
