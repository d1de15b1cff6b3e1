using BRoute.Retry;

namespace BRoute.Session;

/// <summary>
/// The adaptive reply timeouts (RFC 6298): one estimator for short requests, one for long (E2/E4, many EPCs), the
/// short one seeded from and saved to the PAN cache entry (TCP's per-route metrics cache).
/// </summary>
public sealed partial class MeterSession
{
    private readonly Lock _estimatorLock = new(); // Gets of one read may finish at the same time (MaxRequestsInFlight)
    private ReplyTimeEstimator? _shortReplyTimes;
    private ReplyTimeEstimator? _longReplyTimes;

    /// <summary>The short-request estimator (null until the first short request or when adaptive timeouts are off); for tests.</summary>
    internal ReplyTimeEstimator? ShortReplyTimes => _shortReplyTimes;

    /// <summary>The long-request (E2/E4) estimator (null until the first long request or when adaptive timeouts are off); for tests.</summary>
    internal ReplyTimeEstimator? LongReplyTimes => _longReplyTimes;

    /// <summary>
    /// The adaptive reply timeout for requests like these EPCs, or null when it is switched off. Long requests
    /// (E2/E4, many EPCs) have their own estimator; until it has a sample of its own it starts from the short
    /// requests' estimate (a long reply is the same radio round trip plus a few more bytes), not from the 60 s
    /// ceiling: a long reply that is slower than that shows as an early timeout, which resends the same TID and
    /// doubles the wait (<see cref="ReplyTimeEstimator.OnTimeout"/>), and the last attempt always waits the full ceiling.
    /// </summary>
    private ReplyTimeEstimator? EstimatorFor(IReadOnlyCollection<byte> epcs)
    {
        var policy = _options.Retry;
        if (!policy.AdaptiveReplyTimeout)
        {
            return null;
        }

        lock (_estimatorLock)
        {
            if (!policy.IsLong(epcs))
            {
                return _shortReplyTimes ??= ReplyTimeEstimator.For(policy, longRequests: false);
            }

            _longReplyTimes ??= ReplyTimeEstimator.For(policy, longRequests: true);
            if (_longReplyTimes.Samples == 0 && _longReplyTimes.BackoffShift == 0 && _shortReplyTimes?.Snapshot() is { } shortEstimate)
            {
                _longReplyTimes.Seed(shortEstimate);
            }

            return _longReplyTimes;
        }
    }

    /// <summary>
    /// On a PAN cache hit whose PAN is the one joined: starts the short-request estimator from the reply times a
    /// previous session measured on it (TCP's per-route metrics cache), so the first request need not wait the fixed timeout.
    /// </summary>
    private void SeedReplyTimesFromCache()
    {
        if (_connection.Cache?.Entry is { ReplyTimes: { } remembered } entry && entry.Pan == _connection.State.Pan
            && EstimatorFor([]) is { } estimator)
        {
            estimator.Seed(remembered);
        }
    }

    private TimeSpan? TimeoutOf(ReplyTimeEstimator? estimator)
    {
        if (estimator is null)
        {
            return null;
        }

        lock (_estimatorLock)
        {
            return estimator.Timeout;
        }
    }
}
