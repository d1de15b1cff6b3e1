namespace BRoute.Retry;

/// <summary>
/// Adaptive per-attempt reply timeout (RFC 6298, Jacobson–Karels): SRTT and RTTVAR from measured reply times,
/// timeout = clamp(SRTT + K·RTTVAR, minimum, maximum) with K = 4 as in RFC 6298 unless given. Karn's rule: only replies to requests that were sent once
/// are samples (a reply after a resend of the same TID may answer either copy). Before the first sample the timeout
/// is <c>initial</c> (the policy's fixed value). A reply timeout doubles the timeout (capped at the maximum) until
/// the next valid sample. Pure: time is passed in; not thread-safe (the session serialises requests).
/// </summary>
internal sealed class ReplyTimeEstimator
{
    private const int MaxBackoffShift = 16;
    private readonly TimeSpan _initial;
    private readonly double _deviations;
    private TimeSpan _srtt;
    private TimeSpan _rttvar;
    private int _backoffShift;

    /// <param name="minimum">Lowest timeout the estimate may give.</param>
    /// <param name="maximum">Highest timeout (the policy's fixed timeout for this kind of request).</param>
    /// <param name="initial">Timeout before any sample.</param>
    /// <param name="deviations">K: how many RTTVARs above SRTT the timeout lies (RFC 6298: 4).</param>
    public ReplyTimeEstimator(TimeSpan minimum, TimeSpan maximum, TimeSpan initial, double deviations = 4)
    {
        if (!double.IsFinite(deviations) || deviations < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(deviations), deviations, "the deviation factor must be a finite number ≥ 0");
        }

        if (minimum <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "the minimum timeout must be positive");
        }

        if (maximum < minimum)
        {
            throw new ArgumentOutOfRangeException(nameof(maximum), maximum, "the maximum timeout must not be below the minimum");
        }

        if (initial < minimum || initial > maximum)
        {
            throw new ArgumentOutOfRangeException(nameof(initial), initial, "the initial timeout must lie between the minimum and the maximum");
        }

        Minimum = minimum;
        Maximum = maximum;
        _initial = initial;
        _deviations = deviations;
    }

    /// <summary>Lowest timeout.</summary>
    public TimeSpan Minimum { get; }

    /// <summary>Highest timeout.</summary>
    public TimeSpan Maximum { get; }

    /// <summary>Samples taken since creation or <see cref="Reset"/>.</summary>
    public int Samples { get; private set; }

    /// <summary>Replies ignored by Karn's rule (answers to resent requests).</summary>
    public int AmbiguousReplies { get; private set; }

    /// <summary>Smoothed reply time, null before the first sample.</summary>
    public TimeSpan? SmoothedReplyTime => Samples == 0 ? null : _srtt;

    /// <summary>Reply time variation, null before the first sample.</summary>
    public TimeSpan? ReplyTimeVariation => Samples == 0 ? null : _rttvar;

    /// <summary>How many times the timeout is doubled (reply timeouts since the last valid sample).</summary>
    public int BackoffShift => _backoffShift;

    /// <summary>The per-attempt reply timeout to use now.</summary>
    public TimeSpan Timeout
    {
        get
        {
            var baseline = Samples == 0 ? _initial : Clamp(_srtt + (_deviations * _rttvar));
            var ticks = baseline.Ticks;
            for (var i = 0; i < _backoffShift && ticks < Maximum.Ticks; i++)
            {
                ticks *= 2;
            }

            return Clamp(TimeSpan.FromTicks(ticks));
        }
    }

    /// <summary>Creates the estimator for short or long requests of <paramref name="policy"/>.</summary>
    public static ReplyTimeEstimator For(RetryPolicy policy, bool longRequests)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var maximum = longRequests ? policy.LongReplyTimeout : policy.ReplyTimeout;
        var minimum = policy.MinReplyTimeout < maximum ? policy.MinReplyTimeout : maximum;
        var initial = policy.InitialReplyTimeout is { } given ? TimeSpan.FromTicks(Math.Clamp(given.Ticks, minimum.Ticks, maximum.Ticks)) : maximum;
        return new ReplyTimeEstimator(minimum, maximum, initial, policy.ReplyTimeoutDeviations);
    }

    /// <summary>
    /// A reply came <paramref name="replyTime"/> after the send result of the request's first send. Returns false
    /// (and changes nothing) when the request had been sent more than once (<paramref name="sends"/> &gt; 1: Karn).
    /// </summary>
    public bool OnReply(TimeSpan replyTime, int sends)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sends, 1);
        if (replyTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(replyTime), replyTime, "a reply time cannot be negative");
        }

        if (sends > 1)
        {
            AmbiguousReplies++;
            return false;
        }

        if (Samples == 0)
        {
            _srtt = replyTime;
            _rttvar = replyTime / 2;
        }
        else
        {
            var error = (_srtt - replyTime).Duration();
            _rttvar = ((3 * _rttvar) + error) / 4;
            _srtt = ((7 * _srtt) + replyTime) / 8;
        }

        Samples++;
        _backoffShift = 0;
        return true;
    }

    /// <summary>An attempt went unanswered within <see cref="Timeout"/>: double the timeout (capped at the maximum).</summary>
    public void OnTimeout()
    {
        if (_backoffShift < MaxBackoffShift)
        {
            _backoffShift++;
        }
    }

    /// <summary>The current estimate to remember across sessions, or null before the first sample.</summary>
    public ReplyTimeEstimate? Snapshot() => Samples == 0 ? null : new ReplyTimeEstimate(_srtt, _rttvar, Samples);

    /// <summary>
    /// Starts from a remembered estimate (a previous session to the same PAN): SRTT and RTTVAR are taken as they
    /// are (the timeout stays clamped to [<see cref="Minimum"/>, <see cref="Maximum"/>]); the next reply updates
    /// them as usual. Returns false and changes nothing when the estimate is implausible or a sample was already taken.
    /// </summary>
    public bool Seed(ReplyTimeEstimate remembered)
    {
        ArgumentNullException.ThrowIfNull(remembered);
        if (!remembered.IsPlausible || Samples != 0)
        {
            return false;
        }

        _srtt = remembered.Smoothed;
        _rttvar = remembered.Variation;
        Samples = remembered.Samples;
        _backoffShift = 0;
        return true;
    }

    /// <summary>Forgets every sample and the backoff (e.g. after a re-join: the route may have changed).</summary>
    public void Reset()
    {
        Samples = 0;
        AmbiguousReplies = 0;
        _srtt = TimeSpan.Zero;
        _rttvar = TimeSpan.Zero;
        _backoffShift = 0;
    }

    private TimeSpan Clamp(TimeSpan value) => value < Minimum ? Minimum : value > Maximum ? Maximum : value;
}
