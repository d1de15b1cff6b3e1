using BRoute.Decoding;
using BRoute.Retry;
using BRoute.Session;
using BRoute.Simulator;
using BRoute.Simulator.Faults;
using BRoute.SkStack.Grammar;
using BRoute.Tests.Session.Support;

namespace BRoute.Tests.Session;

/// <summary>
/// EVENT 21 02 (Neighbor Solicitation sent, the datagram held) on the send path, against the simulator: its
/// forget-neighbour fault drops the meter from the dongle's neighbour cache after 60 s, so the next request is
/// solicited; unanswered-ns makes the solicitations repeat (one EVENT 21 02 per second). With OkAfterSolicitation the
/// OK comes right after the first 02 and the session waits for the datagram's own EVENT 21 on its own.
/// </summary>
public sealed class NeighbourSolicitationTests
{
    private static SimulatorOptions Simulator(string faults, bool okAfterSolicitation = true) =>
        SessionHarness.Simulator(faults: faults) with { OkAfterSolicitation = okAfterSolicitation };

    /// <summary>Connects, reads once, and lets the neighbour entry expire.</summary>
    private static async Task<MeterSession> ConnectedAndForgottenAsync(SessionHarness h, Func<MeterSessionOptions, MeterSessionOptions>? configure = null)
    {
        var session = await h.ConnectAsync(configure);
        Assert.Equal("628 W", (await h.RunAsync(() => session.ReadPropertyAsync(0xE7))).ToDisplayString());
        await h.AdvanceUntilAsync(() => h.Sim.Stats.FaultsOf(FaultKind.ForgetNeighbour) == 1, TimeSpan.FromSeconds(70), "forget-neighbour");
        return session;
    }

    private static string Event21(SessionHarness h, string param) => $"<< EVENT 21 {SkAddress.FormatIPv6(h.Sim.MeterAddress)} {param}";

    [Fact]
    public async Task A_read_succeeds_across_event_21_02_with_one_frame()
    {
        await using var h = new SessionHarness(Simulator("forget-neighbour=60"));
        var session = await ConnectedAndForgottenAsync(h);
        var before = (session.Statistics, Frames: h.Sim.Stats.UdpFramesReceived, Log: h.Log.AllText.Length);

        var e7 = await h.RunAsync(() => session.ReadPropertyAsync(0xE7));

        Assert.Equal("628 W", e7.ToDisplayString());
        var after = session.Statistics;
        Assert.Equal(1, after.FramesSent - before.Statistics.FramesSent);
        Assert.Equal(1, h.Sim.Stats.UdpFramesReceived - before.Frames);
        Assert.Equal(before.Statistics.SendFailures, after.SendFailures);
        Assert.Equal(before.Statistics.Retries, after.Retries);
        // The dialogue: 02, then the command's OK, then the held datagram's own 00.
        var dialogue = h.Log.AllText[before.Log..];
        var solicited = dialogue.IndexOf(Event21(h, "02"), StringComparison.Ordinal);
        var ok = dialogue.IndexOf("<< OK", solicited, StringComparison.Ordinal);
        var sent = dialogue.IndexOf(Event21(h, "00"), StringComparison.Ordinal);
        Assert.True(solicited >= 0 && solicited < ok && ok < sent, dialogue);
    }

    [Fact]
    public async Task Repeated_02s_below_the_limit_are_waited_out()
    {
        // One unanswered solicitation: EVENT 21 02 twice (the second after the OK), then the datagram goes out.
        await using var h = new SessionHarness(Simulator("forget-neighbour=60,unanswered-ns=1"));
        var session = await ConnectedAndForgottenAsync(h);
        var before = session.Statistics;

        var e7 = await h.RunAsync(() => session.ReadPropertyAsync(0xE7));

        Assert.Equal("628 W", e7.ToDisplayString());
        Assert.Equal(1, session.Statistics.FramesSent - before.FramesSent);
        Assert.Equal(before.SendFailures, session.Statistics.SendFailures);
        Assert.Equal(1, h.Sim.Stats.FaultsOf(FaultKind.UnansweredNs));
    }

    [Fact]
    public async Task Solicitations_up_to_the_limit_are_a_failed_send_even_if_the_held_datagram_then_goes_out()
    {
        // MaxNeighborSolicitations = 2 and one unanswered solicitation: the second EVENT 21 02 (after the OK) ends the
        // attempt. The module still resolves the meter and sends the held datagram; its reply arrives during the 5 s
        // pause and completes the request (same TID), so nothing is resent.
        await using var h = new SessionHarness(Simulator("forget-neighbour=60,unanswered-ns=1"));
        var session = await ConnectedAndForgottenAsync(h, o => o with { Retry = o.Retry with { MaxNeighborSolicitations = 2 } });
        var before = session.Statistics;

        var e7 = await h.RunAsync(() => session.ReadPropertyAsync(0xE7));

        Assert.Equal("628 W", e7.ToDisplayString());
        Assert.Equal(1, session.Statistics.SendFailures - before.SendFailures);
        Assert.Equal(1, session.Statistics.FramesSent - before.FramesSent);
        Assert.Equal(before.Retries, session.Statistics.Retries);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Repeated_02s_up_to_the_limit_count_as_a_failed_send_and_the_same_frame_is_resent(bool okAfterSolicitation)
    {
        // Three unanswered solicitations: three EVENT 21 02 (RetryPolicy.MaxNeighborSolicitations = 3) are a failed send;
        // the module drops the datagram (EVENT 21 01); the resend 5 s later is solicited again, answered, and read.
        // Without OkAfterSolicitation the 02s and the 01 all come before the OK: the same failure, seen as 01.
        await using var h = new SessionHarness(Simulator("forget-neighbour=60,unanswered-ns=3", okAfterSolicitation));
        var session = await ConnectedAndForgottenAsync(h);
        Assert.Equal(3, new RetryPolicy().MaxNeighborSolicitations);
        var before = (session.Statistics, Frames: h.Sim.Stats.UdpFramesReceived, Requests: h.Sim.Stats.EchonetRequests);
        var start = h.Time.GetUtcNow();

        var e7 = await h.RunAsync(() => session.ReadPropertyAsync(0xE7));

        Assert.Equal("628 W", e7.ToDisplayString());
        var after = session.Statistics;
        Assert.Equal(2, after.FramesSent - before.Statistics.FramesSent);
        Assert.Equal(1, after.SendFailures - before.Statistics.SendFailures);
        Assert.Equal(1, after.Retries - before.Statistics.Retries);
        Assert.Equal(2, h.Sim.Stats.UdpFramesReceived - before.Frames);
        Assert.Equal(1, h.Sim.Stats.EchonetRequests - before.Requests); // the first copy never reached the meter
        Assert.Equal(3, h.Sim.Stats.FaultsOf(FaultKind.UnansweredNs));
        Assert.True(h.Time.GetUtcNow() - start >= new RetryPolicy().PauseAfterSendFailure); // paused before resending
        var frames = SentFrames.Of(h.WrittenText);
        Assert.Equal(frames[^1].Tid, frames[^2].Tid); // the resend is the same frame
        if (okAfterSolicitation)
        {
            // Decided at the third EVENT 21 02, before the module's own give-up (EVENT 21 01, one second later).
            var log = h.Log.AllText;
            var resend = log.IndexOf("; resending the same frame in 5 s", StringComparison.Ordinal);
            var dropped = log.IndexOf(Event21(h, "01"), StringComparison.Ordinal);
            Assert.True(resend >= 0 && dropped > resend, log);
        }
    }
}
