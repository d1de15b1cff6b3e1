using System.Text.RegularExpressions;
using BRoute.Decoding;
using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.Retry;
using BRoute.Simulator.Faults;
using BRoute.Tests.Session.Support;
using BRoute.Transactions;

namespace BRoute.Tests.Session;

/// <summary>
/// The adaptive reply timeout in the request loop: after fast replies a held-back reply makes the session resend
/// the same TID after the short estimate (not the fixed 10 s), and the held reply still completes the request.
/// </summary>
public sealed partial class AdaptiveTimeoutTests
{
    // "late-reply" holds a reply until the client's next SKSENDTO (here: the resend of the same TID).
    private const string Faults = "late-reply=0.25";

    [GeneratedRegex(@"TID (?<tid>[0-9A-F]{4}): no reply within (?<s>[0-9.]+) s; resending the same frame in (?<p>[0-9.]+) s")]
    private static partial Regex ResendLine();

    private static async Task<(List<(ushort Tid, double Seconds, double Pause)> Resends, IReadOnlyList<EchonetFrame> Frames, BRoute.Session.SessionStatistics Stats, MatcherCounters Matcher, long Late)> ReadManyAsync(bool adaptive)
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(faults: Faults, seed: 5));
        var session = await h.ConnectAsync(o => o with { Retry = new RetryPolicy { AdaptiveReplyTimeout = adaptive } });
        for (var i = 0; i < 12; i++)
        {
            var reading = await h.RunAsync(() => session.ReadAsync([0xE7]));
            Assert.Equal("628 W", reading[0xE7].ToDisplayString()); // every request completed, held replies included
        }

        var resends = h.Log.Entries
            .Select(e => ResendLine().Match(e.Text))
            .Where(m => m.Success)
            .Select(m => (Convert.ToUInt16(m.Groups["tid"].Value, 16), double.Parse(m.Groups["s"].Value, System.Globalization.CultureInfo.InvariantCulture), double.Parse(m.Groups["p"].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        return (resends, SentFrames.Of(h.WrittenText), session.Statistics, session.MatcherCounters, h.Sim.Stats.FaultsOf(FaultKind.LateReply));
    }

    [Fact]
    public async Task After_fast_replies_a_held_reply_triggers_an_early_resend_of_the_same_tid_and_is_accepted()
    {
        var (resends, frames, stats, matcher, late) = await ReadManyAsync(adaptive: true);

        Assert.True(late > 0, "the simulator held no reply back");
        Assert.NotEmpty(resends);
        // The simulator answers at once (latency 0): SRTT ≈ 0, so once sampled the timeout is the 1.5 s minimum.
        Assert.Contains(resends, r => r.Seconds == 1.5);
        Assert.All(resends, r => Assert.InRange(r.Seconds, 1.5, 10));

        // An early timeout is a hedge: the same TID goes out again at once; only the 10 s ceiling keeps the 2 s pause.
        Assert.All(resends, r => Assert.Equal(r.Seconds < 10 ? 0 : 2, r.Pause));
        Assert.Contains(resends, r => r.Pause == 0);

        foreach (var (tid, _, _) in resends)
        {
            var copies = frames.Where(f => f.Tid == tid).Select(f => Convert.ToHexString(FrameCodec.Encode(f))).ToList();
            Assert.True(copies.Count >= 2, $"TID {tid:X4} was not resent");
            Assert.Single(copies.Distinct()); // the resend is the identical frame
        }

        Assert.Equal(stats.Requests, matcher.Accepted); // every request, the resent ones included, took a reply
        Assert.Equal(0, stats.RequestsGivenUp);
    }

    [Fact]
    public async Task Switched_off_the_session_waits_the_fixed_10_s_before_resending()
    {
        var (resends, _, _, matcher, late) = await ReadManyAsync(adaptive: false);

        Assert.True(late > 0, "the simulator held no reply back");
        Assert.NotEmpty(resends);
        Assert.All(resends, r => Assert.Equal(10, r.Seconds));
        Assert.All(resends, r => Assert.Equal(2, r.Pause)); // the ceiling expired: the pause applies
        Assert.True(matcher.Accepted > 0);
    }

    [Fact]
    public async Task A_long_request_starts_from_the_short_requests_estimate_not_the_60_s_ceiling()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(faults: Faults, seed: 5));
        var session = await h.ConnectAsync();
        for (var i = 0; i < 4; i++)
        {
            await h.RunAsync(() => session.ReadAsync([0xE7]));
        }

        Assert.Null(session.LongReplyTimes); // no E2/E4 asked yet
        var shortSamples = session.ShortReplyTimes!.Samples;
        Assert.True(shortSamples > 0);
        for (var i = 0; i < 12; i++)
        {
            var reading = await h.RunAsync(() => session.ReadAsync([0xE2]));
            Assert.Equal(ValueStatus.Ok, reading[0xE2].Status); // every request completed, held replies included
        }

        var frames = SentFrames.Of(h.WrittenText);
        var longTids = frames.Where(f => f.Properties.Any(p => p.Epc == 0xE2)).Select(f => f.Tid).ToHashSet();
        var longResends = h.Log.Entries.Select(e => ResendLine().Match(e.Text)).Where(m => m.Success && longTids.Contains(Convert.ToUInt16(m.Groups["tid"].Value, 16)))
            .Select(m => double.Parse(m.Groups["s"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        // A held E2 reply was resent after the short requests' estimate (1.5 s minimum at latency 0), never after 60 s.
        Assert.NotEmpty(longResends);
        Assert.All(longResends, s => Assert.InRange(s, 1.5, 10));
        Assert.Contains(1.5, longResends);
        var longTimes = session.LongReplyTimes!;
        Assert.True(longTimes.Samples > shortSamples, $"the long estimator was not started from the short one's {shortSamples} sample(s): {longTimes.Samples}");
    }
}
