using BRoute.Authentication;
using BRoute.Decoding;
using BRoute.Retry;
using BRoute.Scanning;
using BRoute.SkStack.Grammar;
using BRoute.Tests.Session.Support;

namespace BRoute.Tests.Session;

/// <summary>
/// The reply-time estimate is remembered with the PAN cache entry: saved when a session closes, and a later session
/// to the same PAN starts its short-request estimator from it instead of the fixed 10 s.
/// </summary>
public sealed class RememberedReplyTimesTests
{
    private static readonly Credentials Credentials = Credentials.Create(SessionHarness.Id, SessionHarness.Password);

    [Fact]
    public async Task Closing_saves_the_estimate_and_the_next_session_starts_from_it()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator());
        var first = await h.ConnectAsync();
        Assert.Equal(1, first.ShortReplyTimes!.Samples); // a fresh session: only its own meter-info reply
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("628 W", (await h.RunAsync(() => first.ReadPropertyAsync(0xE7))).ToDisplayString());
        }

        var measured = first.ShortReplyTimes.Snapshot();
        await h.RunAsync(() => first.DisposeAsync().AsTask());

        var cache = new PanCache(h.Cache.Path);
        var saved = (await cache.LoadAsync(Credentials, CancellationToken.None)).Entry!;
        Assert.Equal(measured, saved.ReplyTimes);
        Assert.Equal(4, saved.ReplyTimes!.Samples);

        // Make the remembered estimate distinctive (a slower link): 3 s ± 0.5 s, 8 samples.
        await cache.SaveAsync(Credentials, saved with { ReplyTimes = new ReplyTimeEstimate(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(0.5), 8) }, CancellationToken.None);

        var second = await h.ConnectAsync();

        Assert.Equal(0, second.Statistics.Scans);
        var estimator = second.ShortReplyTimes!;
        Assert.Equal(8, estimator.Samples); // the meter info is remembered with the PAN too: no Get after the join
        await h.RunAsync(() => second.ReadPropertyAsync(0xE7)); // D3 D7 E1 E7 9F in one Get
        Assert.Equal(9, estimator.Samples); // the 8 remembered + this session's first reply
        // The simulator answers at once (0 s): SRTT = (7·3 + 0) / 8, RTTVAR = (3·0.5 + 3) / 4.
        Assert.Equal(TimeSpan.FromSeconds(2.625), estimator.SmoothedReplyTime);
        Assert.Equal(TimeSpan.FromSeconds(1.125), estimator.ReplyTimeVariation);
        Assert.Equal(TimeSpan.FromSeconds(4.875), estimator.Timeout); // SRTT + 2·RTTVAR (RetryPolicy.ReplyTimeoutDeviations)

        await h.RunAsync(() => second.DisposeAsync().AsTask());
        var again = (await cache.LoadAsync(Credentials, CancellationToken.None)).Entry!;
        Assert.Equal(new ReplyTimeEstimate(TimeSpan.FromSeconds(2.625), TimeSpan.FromSeconds(1.125), 9), again.ReplyTimes);
    }

    [Fact]
    public async Task An_estimate_remembered_for_another_pan_is_not_used()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator());
        var cache = new PanCache(h.Cache.Path);
        var stale = new MeterPan(33, 0x8888, 0x001C64000000DEAD, "4B5C6D7E"); // the meter was replaced: another MAC
        var remembered = new ReplyTimeEstimate(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(0.5), 8);
        await cache.SaveAsync(Credentials, new PanCacheEntry(stale, SessionHarness.DefaultStart.AddDays(-30), DongleFamily.Bp35A1) { ReplyTimes = remembered }, CancellationToken.None);

        var session = await h.ConnectAsync();

        Assert.Equal(0x001C640000A1B2C3ul, session.Pan!.MacAddress); // the stale PAN failed; a scan found the meter
        Assert.Equal(1, session.ShortReplyTimes!.Samples); // not seeded: only this session's own reply
        var rescanned = (await cache.LoadAsync(Credentials, CancellationToken.None)).Entry!;
        Assert.Null(rescanned.ReplyTimes); // the new PAN's entry carries nothing from the old one
    }

    [Fact]
    public async Task Without_the_adaptive_timeout_nothing_is_saved()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator());
        var session = await h.ConnectAsync(o => o with { Retry = new RetryPolicy { AdaptiveReplyTimeout = false } });
        Assert.Null(session.ShortReplyTimes);
        await h.RunAsync(() => session.DisposeAsync().AsTask());

        var entry = (await new PanCache(h.Cache.Path).LoadAsync(Credentials, CancellationToken.None)).Entry!;
        Assert.Null(entry.ReplyTimes);
    }
}
