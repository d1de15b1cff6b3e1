using BRoute.Reading;
using BRoute.Scanning;
using BRoute.Tests.TestSupport;

namespace BRoute.Tests.Scanning;

/// <summary>
/// The optional meter capabilities of a PAN cache file: round trip, keyed to the entry's MAC, an older file without
/// them, nonsense (capabilities lost, the PAN still counts), and no credentials in the file.
/// </summary>
public sealed class PanCacheCapabilitiesTests : PanCacheTestBase
{
    private static readonly MeterCapabilitySnapshot Learned = new(
        4,
        4,
        [0x84, 0x86],
        new Dictionary<byte, ReadOnlyMemory<byte>>
        {
            [0x9F] = Convert.FromHexString("1E0B010101010101010103030303030303"),
            [0xD3] = new byte[] { 0x00, 0x00, 0x00, 0x0A },
            [0xD7] = new byte[] { 0x06 },
            [0xE1] = new byte[] { 0x01 },
        });

    private const string LearnedJson =
        ",\"capabilities\":{\"mac\":\"00808700301224EF\",\"maxOpc\":4,\"largestAcceptedOpc\":4,\"refused\":\"8486\",\"meterInfo\":{\"9F\":\"1E0B010101010101010103030303030303\",\"D3\":\"0000000A\",\"D7\":\"06\",\"E1\":\"01\"}}";

    private static void AssertLearned(MeterCapabilitySnapshot? c)
    {
        Assert.NotNull(c);
        Assert.Equal(4, c.MaxOpc);
        Assert.Equal(4, c.LargestAcceptedOpc);
        Assert.Equal(new byte[] { 0x84, 0x86 }, c.Refused);
        Assert.Equal(new byte[] { 0x9F, 0xD3, 0xD7, 0xE1 }, c.MeterInfo.Keys.Order());
        Assert.Equal(new byte[] { 0x00, 0x00, 0x00, 0x0A }, c.MeterInfo[0xD3].ToArray());
        Assert.Equal(Learned.MeterInfo[0x9F].ToArray(), c.MeterInfo[0x9F].ToArray());
    }

    [Fact]
    public async Task Capabilities_round_trip_with_the_meters_mac_and_no_credentials()
    {
        await Cache.SaveAsync(Credentials, Entry() with { Capabilities = Learned }, CancellationToken.None);

        var lookup = await Cache.LoadAsync(Credentials, CancellationToken.None);

        Assert.Equal(PanCacheStatus.Hit, lookup.Status);
        AssertLearned(lookup.Entry!.Capabilities);
        var text = await File.ReadAllTextAsync(Cache.PathFor(Credentials));
        Assert.Contains("\"mac\": \"00808700301224EF\"", text[text.IndexOf("capabilities", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.DoesNotContain(TestCredentials.Id, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TestCredentials.Password, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hand_written_file_with_capabilities_loads()
    {
        var lookup = await LoadTextAsync(FileText(LearnedJson));
        AssertLearned(lookup.Entry!.Capabilities);
    }

    [Fact]
    public async Task An_older_file_without_capabilities_still_gives_the_pan()
    {
        var lookup = await LoadTextAsync(FileText(",\"replySrttMs\":120,\"replyRttvarMs\":60,\"replySamples\":4"));

        Assert.Equal(PanCacheStatus.Hit, lookup.Status);
        Assert.Equal(Entry().Pan, lookup.Entry!.Pan);
        Assert.Null(lookup.Entry.Capabilities);
        Assert.NotNull(lookup.Entry.ReplyTimes);
    }

    [Theory]
    [InlineData(",\"capabilities\":null")]
    [InlineData(",\"capabilities\":\"4\"")]
    [InlineData(",\"capabilities\":[4]")]
    [InlineData(",\"capabilities\":{}")]
    [InlineData(",\"capabilities\":{\"mac\":\"001C640000A1B2C3\",\"maxOpc\":4,\"largestAcceptedOpc\":4,\"refused\":\"\",\"meterInfo\":{}}")] // another meter's
    [InlineData(",\"capabilities\":{\"mac\":\"00808700301224EF\",\"maxOpc\":0,\"largestAcceptedOpc\":4,\"refused\":\"\",\"meterInfo\":{}}")]
    [InlineData(",\"capabilities\":{\"mac\":\"00808700301224EF\",\"maxOpc\":256,\"largestAcceptedOpc\":4,\"refused\":\"\",\"meterInfo\":{}}")]
    [InlineData(",\"capabilities\":{\"mac\":\"00808700301224EF\",\"maxOpc\":\"4\",\"largestAcceptedOpc\":4,\"refused\":\"\",\"meterInfo\":{}}")]
    [InlineData(",\"capabilities\":{\"mac\":\"00808700301224EF\",\"maxOpc\":4,\"largestAcceptedOpc\":-1,\"refused\":\"\",\"meterInfo\":{}}")]
    [InlineData(",\"capabilities\":{\"mac\":\"00808700301224EF\",\"maxOpc\":4,\"largestAcceptedOpc\":4,\"refused\":\"848\",\"meterInfo\":{}}")]
    [InlineData(",\"capabilities\":{\"mac\":\"00808700301224EF\",\"maxOpc\":4,\"largestAcceptedOpc\":4,\"refused\":\"ZZ\",\"meterInfo\":{}}")]
    [InlineData(",\"capabilities\":{\"mac\":\"00808700301224EF\",\"maxOpc\":4,\"largestAcceptedOpc\":4,\"refused\":\"\",\"meterInfo\":{\"E7\":\"00000001\"}}")]
    [InlineData(",\"capabilities\":{\"mac\":\"00808700301224EF\",\"maxOpc\":4,\"largestAcceptedOpc\":4,\"refused\":\"\",\"meterInfo\":{\"D3\":\"\"}}")]
    [InlineData(",\"capabilities\":{\"mac\":\"00808700301224EF\",\"maxOpc\":4,\"largestAcceptedOpc\":4,\"refused\":\"\",\"meterInfo\":{\"D3\":1}}")]
    [InlineData(",\"capabilities\":{\"mac\":\"00808700301224EF\",\"maxOpc\":4,\"largestAcceptedOpc\":4,\"refused\":\"\",\"meterInfo\":[]}")]
    public async Task Nonsense_capabilities_are_dropped_and_the_pan_still_counts(string field)
    {
        var lookup = await LoadTextAsync(FileText(field));

        Assert.Equal(PanCacheStatus.Hit, lookup.Status);
        Assert.Equal(Entry(), lookup.Entry);
        Assert.Null(lookup.Entry!.Capabilities);
    }
}
