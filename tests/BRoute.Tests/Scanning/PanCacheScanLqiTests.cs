using System.Text;
using BRoute.Authentication;
using BRoute.Scanning;
using BRoute.SkStack.Grammar;
using BRoute.Tests.TestSupport;

namespace BRoute.Tests.Scanning;

/// <summary>The optional scan LQI of a PAN cache file: round trip, absent, nonsense (the PAN still counts).</summary>
public sealed class PanCacheScanLqiTests : IDisposable
{
    private static readonly DateTimeOffset FoundAt = new(2026, 3, 14, 8, 30, 0, TimeSpan.FromHours(9));
    private readonly TempDirectory _dir = new();
    private readonly Credentials _credentials = TestCredentials.Create();

    private PanCache Cache => new(_dir.Path);

    private static PanCacheEntry Entry() =>
        new(new MeterPan(0x21, 0x24EF, 0x00808700301224EFUL, TestCredentials.PairId), FoundAt, DongleFamily.Bp35A1);

    public void Dispose() => _dir.Dispose();

    private async Task<PanCacheLookup> LoadTextAsync(string field)
    {
        Directory.CreateDirectory(_dir.Path);
        var text = "{\"version\":1,\"channel\":33,\"panId\":\"24EF\",\"mac\":\"00808700301224EF\",\"pairId\":\"" + TestCredentials.PairId
            + "\",\"foundAt\":\"2026-03-14T08:30:00+09:00\",\"dongleFamily\":\"Bp35A1\"" + field + "}";
        await File.WriteAllTextAsync(Cache.PathFor(_credentials), text, new UTF8Encoding(false));
        return await Cache.LoadAsync(_credentials, CancellationToken.None);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0xB4)]
    [InlineData(0xFF)]
    public async Task The_scan_lqi_round_trips_as_a_decimal_number(byte lqi)
    {
        await Cache.SaveAsync(_credentials, Entry() with { ScanLqi = lqi }, CancellationToken.None);

        var lookup = await Cache.LoadAsync(_credentials, CancellationToken.None);

        Assert.Equal(PanCacheStatus.Hit, lookup.Status);
        Assert.Equal(lqi, lookup.Entry!.ScanLqi);
        Assert.Contains($"\"scanLqi\": {lqi}", await File.ReadAllTextAsync(Cache.PathFor(_credentials)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_without_a_scan_lqi_writes_no_such_field()
    {
        await Cache.SaveAsync(_credentials, Entry(), CancellationToken.None);

        Assert.DoesNotContain("scanLqi", await File.ReadAllTextAsync(Cache.PathFor(_credentials)), StringComparison.Ordinal);
        Assert.Null((await Cache.LoadAsync(_credentials, CancellationToken.None)).Entry!.ScanLqi);
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
        var lookup = await LoadTextAsync(field);

        Assert.Equal(PanCacheStatus.Hit, lookup.Status);
        Assert.Equal(Entry(), lookup.Entry);
        Assert.Null(lookup.Entry!.ScanLqi);
    }

    [Fact]
    public async Task A_valid_scan_lqi_in_a_hand_written_file_loads()
    {
        var lookup = await LoadTextAsync(",\"scanLqi\":154");
        Assert.Equal((byte)154, lookup.Entry!.ScanLqi);
    }
}
