using System.Text;
using BRoute.Authentication;
using BRoute.Retry;
using BRoute.Scanning;
using BRoute.SkStack.Grammar;
using BRoute.Tests.TestSupport;

namespace BRoute.Tests.Scanning;

/// <summary>The optional "last SKTERM" field of a PAN cache file: round trip, absent, nonsense.</summary>
public sealed class PanCacheTerminationTests : PanCacheTestBase
{
    [Fact]
    public async Task The_last_skterm_round_trips_with_the_other_optional_fields()
    {
        var terminated = new DateTimeOffset(2026, 3, 14, 9, 0, 5, 250, TimeSpan.FromHours(9));
        var times = new ReplyTimeEstimate(TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(100), 3);
        await Cache.SaveAsync(Credentials, Entry() with { ReplyTimes = times, LastTerminatedAt = terminated, ScanLqi = 0x9A }, CancellationToken.None);

        var lookup = await Cache.LoadAsync(Credentials, CancellationToken.None);

        Assert.Equal(PanCacheStatus.Hit, lookup.Status);
        Assert.Equal((byte)0x9A, lookup.Entry!.ScanLqi);
        Assert.Equal(terminated, lookup.Entry!.LastTerminatedAt);
        Assert.Equal(terminated.Offset, lookup.Entry.LastTerminatedAt!.Value.Offset);
        Assert.Equal(times, lookup.Entry.ReplyTimes);
        var text = await File.ReadAllTextAsync(Cache.PathFor(Credentials));
        // System.Text.Json's default encoder writes "+" as \u002B (as for foundAt); the value is the same ISO 8601 text.
        Assert.Contains("\"lastTerminatedAt\": \"2026-03-14T09:00:05.25+09:00\"", text.Replace("\\u002B", "+", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(",\"lastTerminatedAt\":\"yesterday\"")]
    [InlineData(",\"lastTerminatedAt\":\"2026-13-40T99:00:00Z\"")]
    [InlineData(",\"lastTerminatedAt\":1773446405")]
    [InlineData(",\"lastTerminatedAt\":null")]
    [InlineData(",\"lastTerminatedAt\":{\"at\":\"2026-03-14T09:00:05+09:00\"}")]
    [InlineData(",\"lastTerminatedAt\":[]")]
    public async Task A_nonsense_value_is_ignored_and_the_pan_still_counts(string field)
    {
        var lookup = await LoadTextAsync(FileText(field));
        Assert.Equal(PanCacheStatus.Hit, lookup.Status);
        Assert.Equal(Entry().Pan, lookup.Entry!.Pan);
        Assert.Null(lookup.Entry.LastTerminatedAt);
    }

    [Fact]
    public async Task A_value_without_an_offset_is_read_as_written()
    {
        var lookup = await LoadTextAsync(FileText(",\"lastTerminatedAt\":\"2026-03-14T00:00:05Z\""));
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 0, 0, 5, TimeSpan.Zero), lookup.Entry!.LastTerminatedAt);
    }
}
