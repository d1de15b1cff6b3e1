using System.Text;
using BRoute.Authentication;
using BRoute.Retry;
using BRoute.Scanning;
using BRoute.SkStack.Grammar;
using BRoute.Tests.TestSupport;

namespace BRoute.Tests.Scanning;

/// <summary>The optional reply-time fields of a PAN cache file (SRTT, RTTVAR, samples): round trip, absent, nonsense.</summary>
public sealed class PanCacheReplyTimesTests : PanCacheTestBase
{
    [Fact]
    public async Task Reply_times_round_trip_with_the_entry()
    {
        var times = new ReplyTimeEstimate(TimeSpan.FromMilliseconds(812.5), TimeSpan.FromMilliseconds(230.25), 7);
        await Cache.SaveAsync(Credentials, Entry() with { ReplyTimes = times }, CancellationToken.None);

        var lookup = await Cache.LoadAsync(Credentials, CancellationToken.None);

        Assert.Equal(PanCacheStatus.Hit, lookup.Status);
        Assert.Equal(times, lookup.Entry!.ReplyTimes);
        var text = await File.ReadAllTextAsync(Cache.PathFor(Credentials));
        Assert.Contains("\"replySrttMs\": 812.5", text, StringComparison.Ordinal);
        Assert.Contains("\"replyRttvarMs\": 230.25", text, StringComparison.Ordinal);
        Assert.Contains("\"replySamples\": 7", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(",\"replySrttMs\":-5,\"replyRttvarMs\":10,\"replySamples\":3")]
    [InlineData(",\"replySrttMs\":500,\"replyRttvarMs\":-1,\"replySamples\":3")]
    [InlineData(",\"replySrttMs\":500,\"replyRttvarMs\":10,\"replySamples\":0")]
    [InlineData(",\"replySrttMs\":1e300,\"replyRttvarMs\":10,\"replySamples\":3")]
    [InlineData(",\"replySrttMs\":500,\"replyRttvarMs\":1e400,\"replySamples\":3")]
    [InlineData(",\"replySrttMs\":\"fast\",\"replyRttvarMs\":10,\"replySamples\":3")]
    [InlineData(",\"replySrttMs\":500,\"replyRttvarMs\":null,\"replySamples\":3")]
    [InlineData(",\"replySrttMs\":500,\"replyRttvarMs\":10,\"replySamples\":2.5")]
    [InlineData(",\"replySrttMs\":500,\"replyRttvarMs\":10,\"replySamples\":{\"n\":1}")]
    [InlineData(",\"replySrttMs\":500,\"replyRttvarMs\":10")]
    public async Task Nonsense_reply_times_are_ignored_and_the_pan_still_counts(string fields)
    {
        var lookup = await LoadTextAsync(FileText(fields));
        Assert.Equal(PanCacheStatus.Hit, lookup.Status);
        Assert.Equal(Entry().Pan, lookup.Entry!.Pan);
        Assert.Null(lookup.Entry.ReplyTimes);
    }
}
