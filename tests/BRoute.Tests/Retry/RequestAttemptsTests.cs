using BRoute.EchonetLite.Frames;
using BRoute.Retry;
using BRoute.SkStack.Grammar;
using BRoute.Tests.TestSupport;
using BRoute.Transactions;
using Microsoft.Extensions.Time.Testing;

namespace BRoute.Tests.Retry;

public sealed class RequestAttemptsTests
{
    private static readonly RetryPolicy Policy = new();

    [Theory]
    [InlineData(new byte[] { 0xE7 }, 10)]
    [InlineData(new byte[] { 0x80, 0xD3, 0xD7, 0xE0, 0xE1, 0xE7 }, 10)]
    [InlineData(new byte[] { 0x80, 0xD3, 0xD7, 0xE0, 0xE1, 0xE7, 0xE8 }, 60)]
    [InlineData(new byte[] { 0xE2 }, 60)]
    [InlineData(new byte[] { 0xE7, 0xE4 }, 60)]
    public void Reply_timeout_is_10_s_for_small_requests_and_60_s_for_history_or_large(byte[] epcs, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Policy.ReplyTimeoutFor(epcs));

    [Fact]
    public void Defaults_are_the_timing_md_values()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), Policy.SendResultTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), Policy.ReplyTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), Policy.LongReplyTimeout);
        Assert.Equal(3, Policy.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(2), Policy.PauseAfterTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), Policy.PauseAfterSendFailure);
    }

    [Fact]
    public void Sent_then_wait_for_the_reply()
    {
        var a = new RequestAttempts(Policy, [0xE7]);
        Assert.Equal(new RetryStep(RetryStepKind.Send, TimeSpan.FromSeconds(5), 1), a.Start());
        Assert.Equal(new RetryStep(RetryStepKind.AwaitReply, TimeSpan.FromSeconds(10), 1), a.OnSendResult(UdpSendResult.Success));
    }

    [Fact]
    public void Three_silent_attempts_with_2_s_pauses_then_give_up()
    {
        var a = new RequestAttempts(Policy, [0xE7]);
        var steps = new List<RetryStep> { a.Start() };
        for (var i = 0; i < 3; i++)
        {
            steps.Add(a.OnSendResult(UdpSendResult.Success));
            steps.Add(a.OnReplyTimeout());
            if (steps[^1].Kind == RetryStepKind.PauseThenResend)
            {
                steps.Add(a.Resend());
            }
        }

        Assert.Equal(
            [RetryStepKind.Send, RetryStepKind.AwaitReply, RetryStepKind.PauseThenResend, RetryStepKind.Send, RetryStepKind.AwaitReply, RetryStepKind.PauseThenResend, RetryStepKind.Send, RetryStepKind.AwaitReply, RetryStepKind.GiveUp],
            steps.Select(s => s.Kind));
        Assert.Equal(TimeSpan.FromSeconds(2), steps[2].Wait);
        Assert.Equal(GiveUpReason.NoReply, steps[^1].Reason);
        Assert.Equal(3, steps[^1].Attempt);
        Assert.True(a.IsFinished);
    }

    [Fact]
    public void Event_21_01_resends_after_5_s_like_the_seed_traces_e1_request()
    {
        // seed-trace.log: "E1" SKSENDTO → EVENT 21 … 01 → OK → SKSENDTO → EVENT 21 … 00 → Get_Res E1.
        var a = new RequestAttempts(Policy, [0xE1]);
        a.Start();
        Assert.Equal(new RetryStep(RetryStepKind.PauseThenResend, TimeSpan.FromSeconds(5), 1), a.OnSendResult(UdpSendResult.Failure));
        Assert.Equal(new RetryStep(RetryStepKind.Send, TimeSpan.FromSeconds(5), 2), a.Resend());
        Assert.Equal(RetryStepKind.AwaitReply, a.OnSendResult(UdpSendResult.Success).Kind);
    }

    [Fact]
    public void Send_failures_on_every_attempt_give_up_as_send_failed()
    {
        var a = new RequestAttempts(Policy, [0xE7]);
        a.Start();
        a.OnSendResult(UdpSendResult.Failure);
        a.Resend();
        a.OnSendResultTimeout();
        a.Resend();
        var last = a.OnSendResult(UdpSendResult.Failure);
        Assert.Equal(RetryStepKind.GiveUp, last.Kind);
        Assert.Equal(GiveUpReason.SendFailed, last.Reason);
    }

    [Fact]
    public void Event_21_02_keeps_waiting_for_the_second_event_21()
    {
        var a = new RequestAttempts(Policy, [0xE7]);
        a.Start();
        Assert.Equal(new RetryStep(RetryStepKind.AwaitSendResult, TimeSpan.FromSeconds(5), 1), a.OnSendResult(UdpSendResult.NeighborSolicitation));
        Assert.Equal(RetryStepKind.AwaitReply, a.OnSendResult(UdpSendResult.Success).Kind);
        Assert.Equal(1, a.Attempt);
    }

    [Fact]
    public void Endless_neighbor_solicitations_count_as_a_failed_send()
    {
        var a = new RequestAttempts(Policy, [0xE7]);
        a.Start();
        a.OnSendResult(UdpSendResult.NeighborSolicitation);
        a.OnSendResult(UdpSendResult.NeighborSolicitation);
        Assert.Equal(RetryStepKind.PauseThenResend, a.OnSendResult(UdpSendResult.NeighborSolicitation).Kind);
    }

    [Fact]
    public void Calls_out_of_order_are_rejected()
    {
        var a = new RequestAttempts(Policy, [0xE7]);
        Assert.Throws<InvalidOperationException>(() => a.OnReplyTimeout());
        a.Start();
        Assert.Throws<InvalidOperationException>(() => a.Start());
        Assert.Throws<InvalidOperationException>(() => a.Resend());
        Assert.Throws<InvalidOperationException>(() => a.OnReplyTimeout());
    }

    [Fact]
    public void Invalid_policies_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequestAttempts(new RetryPolicy { Attempts = 0 }, [0xE7]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequestAttempts(new RetryPolicy { ReplyTimeout = TimeSpan.Zero }, [0xE7]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequestAttempts(new RetryPolicy { PauseAfterTimeout = TimeSpan.FromSeconds(-1) }, [0xE7]));
    }

    [Fact]
    public void Driven_with_a_fake_clock_a_late_reply_to_attempt_1_completes_the_request_during_the_pause()
    {
        // How the session wires RequestAttempts and ReplyMatcher: every attempt sends request.Frame
        // (same TID); a reply to any attempt, even one arriving during a pause, completes it.
        var time = new FakeTimeProvider();
        var matcher = new ReplyMatcher(time, transactionIds: new TransactionIds(0x0042)) { MeterAddress = Golden.Meter };
        var request = matcher.BeginGet(Eoj.SmartMeter, 0xE7);
        var attempts = new RequestAttempts(Policy, [0xE7]);
        var sent = new List<string>();

        var step = attempts.Start();
        sent.Add(Golden.Hex(request.Frame));
        step = attempts.OnSendResult(UdpSendResult.Success);
        time.Advance(step.Wait); // 10 s, nothing
        step = attempts.OnReplyTimeout();
        Assert.Equal(RetryStepKind.PauseThenResend, step.Kind);
        time.Advance(TimeSpan.FromSeconds(1)); // during the 2 s pause the answer to attempt 1 arrives
        var reply = matcher.Match(Golden.Meter, Golden.Port, Golden.Frame(Golden.GetResE7, request.Tid));

        Assert.Equal(MatchKind.Reply, reply.Kind);
        Assert.Single(sent);
        Assert.Equal("1081004205FF010288016201E700", sent[0]);
        Assert.Equal(TimeSpan.FromSeconds(11), time.GetUtcNow() - request.RegisteredAt);
    }

    [Fact]
    public void The_adaptive_wait_applies_to_every_attempt_but_the_last_which_waits_the_full_timeout()
    {
        var a = new RequestAttempts(new RetryPolicy { Attempts = 3 }, [0xE7]);
        var early = TimeSpan.FromSeconds(1.5);
        a.Start();
        a.OnSendResult(UdpSendResult.Success);
        Assert.Equal(early, a.ReplyWait(early));
        Assert.Equal(TimeSpan.FromSeconds(10), a.ReplyWait(null));

        a.OnReplyTimeout(early);
        a.Resend();
        a.OnSendResult(UdpSendResult.Success);
        Assert.Equal(early, a.ReplyWait(early));

        a.OnReplyTimeout(early);
        a.Resend();
        a.OnSendResult(UdpSendResult.Success);
        Assert.Equal(3, a.Attempt);
        Assert.Equal(TimeSpan.FromSeconds(10), a.ReplyWait(early)); // no resend follows: wait for a late reply

        var longRequest = new RequestAttempts(new RetryPolicy { Attempts = 1 }, [0xE2]);
        longRequest.Start();
        longRequest.OnSendResult(UdpSendResult.Success);
        Assert.Equal(TimeSpan.FromSeconds(60), longRequest.ReplyWait(early));
    }
}
