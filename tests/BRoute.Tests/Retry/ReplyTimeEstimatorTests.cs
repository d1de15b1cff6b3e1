using BRoute.Retry;

namespace BRoute.Tests.Retry;

/// <summary>RFC 6298 arithmetic with Karn's rule and backoff, on pure inputs.</summary>
public sealed class ReplyTimeEstimatorTests
{
    private static readonly TimeSpan Min = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(10);

    private static ReplyTimeEstimator Create() => new(Min, Max, Max);

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Before_any_sample_the_timeout_is_the_fixed_one()
    {
        var e = Create();
        Assert.Equal(Max, e.Timeout);
        Assert.Null(e.SmoothedReplyTime);
        Assert.Null(e.ReplyTimeVariation);
    }

    [Fact]
    public void First_sample_sets_srtt_to_it_and_rttvar_to_half()
    {
        var e = Create();
        Assert.True(e.OnReply(Ms(800), sends: 1));
        Assert.Equal(Ms(800), e.SmoothedReplyTime);
        Assert.Equal(Ms(400), e.ReplyTimeVariation);
        Assert.Equal(Ms(800 + (4 * 400)), e.Timeout); // 2.4 s
    }

    [Fact]
    public void Later_samples_follow_the_rfc_6298_gains()
    {
        var e = Create();
        e.OnReply(Ms(800), 1);
        e.OnReply(Ms(1600), 1);
        // RTTVAR = 3/4·400 + 1/4·|800 − 1600| = 500; SRTT = 7/8·800 + 1/8·1600 = 900.
        Assert.Equal(Ms(500), e.ReplyTimeVariation);
        Assert.Equal(Ms(900), e.SmoothedReplyTime);
        Assert.Equal(Ms(2900), e.Timeout);
        Assert.Equal(2, e.Samples);
    }

    [Fact]
    public void Fast_replies_clamp_to_the_minimum()
    {
        var e = Create();
        for (var i = 0; i < 20; i++)
        {
            e.OnReply(Ms(30), 1);
        }

        Assert.Equal(Min, e.Timeout);
    }

    [Fact]
    public void Slow_replies_clamp_to_the_maximum()
    {
        var e = Create();
        e.OnReply(TimeSpan.FromSeconds(6), 1); // 6 + 4·3 = 18 s
        Assert.Equal(Max, e.Timeout);
    }

    [Fact]
    public void Karn_replies_to_resent_requests_are_not_samples()
    {
        var e = Create();
        e.OnReply(Ms(200), 1);
        var before = e.Timeout;
        e.OnTimeout();
        var backedOff = e.Timeout;

        Assert.False(e.OnReply(Ms(50), sends: 2));
        Assert.False(e.OnReply(TimeSpan.FromSeconds(9), sends: 3));

        Assert.Equal(1, e.Samples);
        Assert.Equal(2, e.AmbiguousReplies);
        Assert.Equal(Ms(200), e.SmoothedReplyTime);
        Assert.Equal(backedOff, e.Timeout); // an ambiguous reply does not clear the backoff either
        Assert.Equal(before * 2, backedOff);
    }

    [Fact]
    public void Timeouts_double_the_timeout_up_to_the_maximum_and_a_sample_clears_the_backoff()
    {
        var e = Create();
        for (var i = 0; i < 20; i++)
        {
            e.OnReply(Ms(100), 1);
        }

        Assert.Equal(Min, e.Timeout);
        e.OnTimeout();
        Assert.Equal(Min * 2, e.Timeout);
        e.OnTimeout();
        Assert.Equal(Min * 4, e.Timeout);
        e.OnTimeout();
        Assert.Equal(Max, e.Timeout); // 12 s capped
        for (var i = 0; i < 40; i++)
        {
            e.OnTimeout();
        }

        Assert.Equal(Max, e.Timeout);
        Assert.True(e.OnReply(Ms(100), 1));
        Assert.Equal(0, e.BackoffShift);
        Assert.Equal(Min, e.Timeout);
    }

    [Fact]
    public void Backoff_before_any_sample_stays_at_the_fixed_timeout()
    {
        var e = Create();
        e.OnTimeout();
        Assert.Equal(Max, e.Timeout);
    }

    [Fact]
    public void Consistently_slow_link_grows_the_timeout_instead_of_resending_every_request()
    {
        // Poor-link profile (timing.md: Get p50 3.7 s): after a fast start the estimate is at the minimum.
        var e = Create();
        for (var i = 0; i < 10; i++)
        {
            e.OnReply(Ms(100), 1);
        }

        var slow = TimeSpan.FromSeconds(3.7);
        var resent = 0;
        for (var request = 0; request < 20; request++)
        {
            var sends = 1;
            while (e.Timeout < slow)
            {
                e.OnTimeout(); // the attempt timed out; the same TID is resent and its answer is ambiguous
                sends++;
            }

            resent += sends > 1 ? 1 : 0;
            e.OnReply(slow, sends);
        }

        Assert.True(resent <= 2, $"{resent} of 20 requests were resent");
        Assert.InRange(e.SmoothedReplyTime!.Value, TimeSpan.FromSeconds(3), slow);
        Assert.True(e.Timeout > slow, $"timeout {e.Timeout} should exceed the link's reply time");
    }

    [Fact]
    public void Reset_forgets_samples_and_backoff()
    {
        var e = Create();
        e.OnReply(Ms(100), 1);
        e.OnTimeout();
        e.Reset();
        Assert.Equal(0, e.Samples);
        Assert.Equal(0, e.BackoffShift);
        Assert.Equal(Max, e.Timeout);
        Assert.Null(e.SmoothedReplyTime);
    }

    [Fact]
    public void For_policy_uses_the_short_or_long_fixed_timeout_as_ceiling()
    {
        var policy = new RetryPolicy();
        var shortOnes = ReplyTimeEstimator.For(policy, longRequests: false);
        var longOnes = ReplyTimeEstimator.For(policy, longRequests: true);
        Assert.Equal(policy.ReplyTimeout, shortOnes.Timeout);
        Assert.Equal(policy.ReplyTimeout, shortOnes.Maximum);
        Assert.Equal(policy.LongReplyTimeout, longOnes.Maximum);
        Assert.Equal(TimeSpan.FromSeconds(1.5), shortOnes.Minimum);
        Assert.True(policy.AdaptiveReplyTimeout);
        Assert.True(policy.IsLong([0xE2]));
        Assert.False(policy.IsLong([0xE7]));
    }

    [Fact]
    public void Initial_timeout_option_is_used_before_the_first_sample_and_kept_within_the_bounds()
    {
        var e = ReplyTimeEstimator.For(new RetryPolicy { InitialReplyTimeout = TimeSpan.FromSeconds(3) }, longRequests: false);
        Assert.Equal(TimeSpan.FromSeconds(3), e.Timeout);
        e.OnTimeout();
        Assert.Equal(TimeSpan.FromSeconds(6), e.Timeout); // backoff from the initial value, as RFC 6298 §5.5
        e.OnReply(Ms(100), 1);
        Assert.Equal(Min, e.Timeout);

        Assert.Equal(Max, ReplyTimeEstimator.For(new RetryPolicy { InitialReplyTimeout = TimeSpan.FromSeconds(30) }, false).Timeout);
        Assert.Equal(Min, ReplyTimeEstimator.For(new RetryPolicy { InitialReplyTimeout = Ms(100) }, false).Timeout);
        Assert.Equal(TimeSpan.FromSeconds(30), ReplyTimeEstimator.For(new RetryPolicy { InitialReplyTimeout = TimeSpan.FromSeconds(30) }, true).Timeout);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy { InitialReplyTimeout = TimeSpan.Zero }.Validate());
    }

    [Fact]
    public void Minimum_above_the_fixed_timeout_is_lowered_to_it()
    {
        var policy = new RetryPolicy { ReplyTimeout = TimeSpan.FromSeconds(1), MinReplyTimeout = TimeSpan.FromSeconds(3) };
        var e = ReplyTimeEstimator.For(policy, longRequests: false);
        Assert.Equal(TimeSpan.FromSeconds(1), e.Minimum);
        Assert.Equal(TimeSpan.FromSeconds(1), e.Timeout);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplyTimeEstimator(TimeSpan.Zero, Max, Max));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplyTimeEstimator(Max, Min, Max));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplyTimeEstimator(Min, Max, Ms(10)));
        var e = Create();
        Assert.Throws<ArgumentOutOfRangeException>(() => e.OnReply(Ms(-1), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => e.OnReply(Ms(1), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy { MinReplyTimeout = TimeSpan.Zero }.Validate());
    }
}
