using BRoute.SkStack.Grammar;

namespace BRoute.Retry;

/// <summary>What the session does next for one request.</summary>
internal enum RetryStepKind
{
    /// <summary>Write SKSENDTO with the request's frame (same TID every time), then wait up to <see cref="RetryStep.Wait"/> for EVENT 21.</summary>
    Send,

    /// <summary>The datagram is out: wait up to <see cref="RetryStep.Wait"/> for the matched reply.</summary>
    AwaitReply,

    /// <summary>EVENT 21 02: keep waiting up to <see cref="RetryStep.Wait"/> for the second EVENT 21.</summary>
    AwaitSendResult,

    /// <summary>Pause for <see cref="RetryStep.Wait"/> (a late reply may still complete the request), then call <see cref="RequestAttempts.Resend"/>.</summary>
    PauseThenResend,

    /// <summary>No attempt left: abandon the request (see <see cref="RetryStep.Reason"/>).</summary>
    GiveUp,
}

/// <summary>Why a request was given up.</summary>
internal enum GiveUpReason
{
    /// <summary>Every attempt was sent but no reply came.</summary>
    NoReply,

    /// <summary>The last attempt could not be sent (EVENT 21 01, or no EVENT 21 at all).</summary>
    SendFailed,
}

/// <summary>One decision of <see cref="RequestAttempts"/>.</summary>
internal readonly record struct RetryStep(RetryStepKind Kind, TimeSpan Wait, int Attempt, GiveUpReason? Reason = null);

/// <summary>
/// The attempt/timeout state machine of one request (pure; the session does the waiting through
/// its TimeProvider). EVENT 21 00 → wait for the reply; 01 → pause 5 s and resend; 02 → keep
/// waiting for the second EVENT 21; reply timeout → pause 2 s and resend; after the last attempt → give up.
/// </summary>
internal sealed class RequestAttempts
{
    private readonly RetryPolicy _policy;
    private int _solicitations;
    private State _state = State.NotStarted;

    /// <param name="policy">Timeouts and attempt count.</param>
    /// <param name="epcs">The request's EPCs (choose the short or long reply timeout).</param>
    /// <param name="probe">
    /// A probe of the meter's batch limit: attempts as usual (an early, adaptive timeout resends the same TID at once, so
    /// a reply a meter only releases on the next send still comes), but the ceiling is <see cref="RetryPolicy.ProbeReplyTimeout"/>
    /// and the first timeout that waited it gives up (<see cref="GiveUpReason.NoReply"/>): the batch is then halved, not
    /// resent with a pause. A failed send is resent like any other.
    /// </param>
    public RequestAttempts(RetryPolicy policy, IReadOnlyCollection<byte> epcs, bool probe = false)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        _policy = policy;
        IsProbe = probe;
        ReplyTimeout = probe ? policy.ProbeReplyTimeout : policy.ReplyTimeoutFor(epcs);
    }

    /// <summary>True for a probe of the meter's batch limit (one reply timeout ends it).</summary>
    public bool IsProbe { get; }

    private enum State
    {
        NotStarted,
        AwaitingSendResult,
        AwaitingReply,
        Paused,
        Done,
    }

    /// <summary>Per-attempt reply timeout chosen for this request.</summary>
    public TimeSpan ReplyTimeout { get; }

    /// <summary>Number of sends so far.</summary>
    public int Attempt { get; private set; }

    /// <summary>True once the request was given up.</summary>
    public bool IsFinished => _state == State.Done;

    /// <summary>The first send.</summary>
    public RetryStep Start()
    {
        Expect(State.NotStarted, nameof(Start));
        return SendNext();
    }

    /// <summary>After a pause: the next send.</summary>
    public RetryStep Resend()
    {
        Expect(State.Paused, nameof(Resend));
        return SendNext();
    }

    /// <summary>EVENT 21 for this send arrived with <paramref name="result"/>.</summary>
    public RetryStep OnSendResult(UdpSendResult result)
    {
        Expect(State.AwaitingSendResult, nameof(OnSendResult));
        switch (result)
        {
            case UdpSendResult.Success:
                _state = State.AwaitingReply;
                return new RetryStep(RetryStepKind.AwaitReply, ReplyTimeout, Attempt);
            case UdpSendResult.NeighborSolicitation when ++_solicitations < _policy.MaxNeighborSolicitations:
                return new RetryStep(RetryStepKind.AwaitSendResult, _policy.SendResultTimeout, Attempt);
            default:
                return AfterFailure(_policy.PauseAfterSendFailure, GiveUpReason.SendFailed);
        }
    }

    /// <summary>No EVENT 21 within the send-result timeout: treated like EVENT 21 01.</summary>
    public RetryStep OnSendResultTimeout()
    {
        Expect(State.AwaitingSendResult, nameof(OnSendResultTimeout));
        return AfterFailure(_policy.PauseAfterSendFailure, GiveUpReason.SendFailed);
    }

    /// <summary>
    /// How long to wait for the reply to the current attempt: <paramref name="adaptive"/> (the estimator's timeout)
    /// when given, except on the last attempt, which waits the full fixed <see cref="ReplyTimeout"/>: no resend
    /// follows it, so a shorter wait would only give up sooner on a reply that may still come.
    /// </summary>
    public TimeSpan ReplyWait(TimeSpan? adaptive) => adaptive is { } early && Attempt < _policy.Attempts ? early : ReplyTimeout;

    /// <summary>No reply within <see cref="ReplyTimeout"/> of this attempt.</summary>
    public RetryStep OnReplyTimeout() => OnReplyTimeout(ReplyTimeout);

    /// <summary>
    /// No reply within <paramref name="waited"/> (the adaptive timeout of this attempt). A wait shorter than the
    /// policy's ceiling (<see cref="ReplyTimeout"/>) was a hedge, not a failure: the same TID is resent at once, with
    /// no <see cref="RetryPolicy.PauseAfterTimeout"/>. When the ceiling itself expired the pause applies.
    /// </summary>
    public RetryStep OnReplyTimeout(TimeSpan waited)
    {
        Expect(State.AwaitingReply, nameof(OnReplyTimeout));
        if (IsProbe && waited >= ReplyTimeout)
        {
            _state = State.Done;
            return new RetryStep(RetryStepKind.GiveUp, TimeSpan.Zero, Attempt, GiveUpReason.NoReply);
        }

        return AfterFailure(waited < ReplyTimeout ? TimeSpan.Zero : _policy.PauseAfterTimeout, GiveUpReason.NoReply);
    }

    private RetryStep SendNext()
    {
        Attempt++;
        _solicitations = 0;
        _state = State.AwaitingSendResult;
        return new RetryStep(RetryStepKind.Send, _policy.SendResultTimeout, Attempt);
    }

    private RetryStep AfterFailure(TimeSpan pause, GiveUpReason reason)
    {
        if (Attempt >= _policy.Attempts)
        {
            _state = State.Done;
            return new RetryStep(RetryStepKind.GiveUp, TimeSpan.Zero, Attempt, reason);
        }

        _state = State.Paused;
        return new RetryStep(RetryStepKind.PauseThenResend, pause, Attempt);
    }

    private void Expect(State state, string call)
    {
        if (_state != state)
        {
            throw new InvalidOperationException($"{call} is not valid now (attempt {Attempt}, state {_state})");
        }
    }
}
