using BRoute.Retry;
using BRoute.SkStack.Grammar;

namespace BRoute.Tests.Retry;

/// <summary>An early (adaptive) timeout resends at once; a remembered estimate seeds a fresh estimator.</summary>
public sealed class HedgeAndSeedTests
{
    private static readonly RetryPolicy Policy = new();

    [Fact]
    public void An_early_timeout_resends_the_same_request_without_the_pause()
    {
        var a = new RequestAttempts(Policy, [0xE7]);
        a.Start();
        a.OnSendResult(UdpSendResult.Success);

        var step = a.OnReplyTimeout(TimeSpan.FromSeconds(1.5));

        Assert.Equal(new RetryStep(RetryStepKind.PauseThenResend, TimeSpan.Zero, 1), step);
        Assert.Equal(new RetryStep(RetryStepKind.Send, TimeSpan.FromSeconds(5), 2), a.Resend());
    }

    [Fact]
    public void When_the_ceiling_itself_expired_the_2_s_pause_still_applies()
    {
        var a = new RequestAttempts(Policy, [0xE7]);
        a.Start();
        a.OnSendResult(UdpSendResult.Success);

        Assert.Equal(new RetryStep(RetryStepKind.PauseThenResend, TimeSpan.FromSeconds(2), 1), a.OnReplyTimeout(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void For_a_long_request_a_10_s_wait_is_still_early_against_its_60_s_ceiling()
    {
        var a = new RequestAttempts(Policy, [0xE2]);
        a.Start();
        a.OnSendResult(UdpSendResult.Success);

        Assert.Equal(TimeSpan.Zero, a.OnReplyTimeout(TimeSpan.FromSeconds(10)).Wait);
    }

    [Fact]
    public void An_early_timeout_on_the_last_attempt_gives_up()
    {
        var a = new RequestAttempts(Policy with { Attempts = 1 }, [0xE7]);
        a.Start();
        a.OnSendResult(UdpSendResult.Success);

        Assert.Equal(new RetryStep(RetryStepKind.GiveUp, TimeSpan.Zero, 1, GiveUpReason.NoReply), a.OnReplyTimeout(TimeSpan.FromSeconds(1.5)));
    }

    [Fact]
    public void A_seeded_estimator_starts_from_the_remembered_estimate_and_keeps_updating()
    {
        var e = ReplyTimeEstimator.For(Policy, longRequests: false);
        Assert.Equal(TimeSpan.FromSeconds(10), e.Timeout);

        Assert.True(e.Seed(new ReplyTimeEstimate(TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(200), 5)));

        Assert.Equal(TimeSpan.FromMilliseconds(1500), e.Timeout); // 800 + 2·200 = 1.2 s, below the 1.5 s floor
        Assert.Equal(5, e.Samples);
        e.OnReply(TimeSpan.FromMilliseconds(400), sends: 1);
        Assert.Equal(TimeSpan.FromMilliseconds(750), e.SmoothedReplyTime); // (7·800 + 400) / 8
        Assert.Equal(TimeSpan.FromMilliseconds(250), e.ReplyTimeVariation); // (3·200 + 400) / 4
        Assert.Equal(6, e.Samples);
        Assert.Equal(new ReplyTimeEstimate(TimeSpan.FromMilliseconds(750), TimeSpan.FromMilliseconds(250), 6), e.Snapshot());
        e.OnReply(TimeSpan.FromMilliseconds(3000), sends: 1);
        Assert.Equal(TimeSpan.FromMilliseconds(1031.25), e.SmoothedReplyTime); // (7·750 + 3000) / 8
        Assert.Equal(TimeSpan.FromMilliseconds(750), e.ReplyTimeVariation); // (3·250 + 2250) / 4
        Assert.Equal(TimeSpan.FromMilliseconds(2531.25), e.Timeout); // 1031.25 + 2·750
    }

    [Fact]
    public void The_deviation_factor_is_the_policys()
    {
        var rfc = ReplyTimeEstimator.For(Policy with { ReplyTimeoutDeviations = 4 }, longRequests: false);
        Assert.True(rfc.Seed(new ReplyTimeEstimate(TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(200), 5)));
        Assert.Equal(TimeSpan.FromMilliseconds(1600), rfc.Timeout); // RFC 6298: 800 + 4·200

        Assert.Throws<ArgumentOutOfRangeException>(() => (Policy with { ReplyTimeoutDeviations = -1 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (Policy with { ReplyTimeoutDeviations = double.NaN }).Validate());
    }

    [Theory]
    [InlineData(100, 10, 1500)] // below the minimum: clamped up
    [InlineData(9000, 3000, 10000)] // above the ceiling: clamped down
    public void A_seeded_timeout_stays_within_the_policy_bounds(double srttMs, double rttvarMs, double expectedMs)
    {
        var e = ReplyTimeEstimator.For(Policy, longRequests: false);
        e.Seed(new ReplyTimeEstimate(TimeSpan.FromMilliseconds(srttMs), TimeSpan.FromMilliseconds(rttvarMs), 3));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), e.Timeout);
    }

    [Fact]
    public void An_implausible_estimate_or_one_after_a_sample_is_refused()
    {
        var e = ReplyTimeEstimator.For(Policy, longRequests: false);
        Assert.False(e.Seed(new ReplyTimeEstimate(TimeSpan.FromSeconds(-1), TimeSpan.Zero, 3)));
        Assert.False(e.Seed(new ReplyTimeEstimate(TimeSpan.FromSeconds(1), TimeSpan.Zero, 0)));
        Assert.Null(e.Snapshot());
        e.OnReply(TimeSpan.FromSeconds(2), sends: 1);
        Assert.False(e.Seed(new ReplyTimeEstimate(TimeSpan.FromSeconds(1), TimeSpan.Zero, 3)));
        Assert.Equal(TimeSpan.FromSeconds(2), e.SmoothedReplyTime);
    }
}
