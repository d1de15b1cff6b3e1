namespace BRoute.Retry;

/// <summary>
/// Timeouts and retries for every request (timing.md "Client timeout defaults"). Every attempt of a
/// request sends the same frame with the same TID, so a late reply to an earlier attempt still
/// completes it.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>EPCs whose replies are the large history blocks (194 bytes): E2, E4.</summary>
    public static readonly IReadOnlySet<byte> DefaultLongEpcs = new HashSet<byte> { 0xE2, 0xE4 };

    /// <summary>Wait for EVENT 21 after SKSENDTO (timing.md: 5 s, covers the 2 s cap).</summary>
    public TimeSpan SendResultTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait for the reply per attempt, OPC ≤ 6 with small EPCs (timing.md: 10 s).</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Wait for the reply per attempt for E2/E4 or a large multi-EPC request (AIF timer 2: 60 s).</summary>
    public TimeSpan LongReplyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Adapt the per-attempt reply timeout to the measured reply times (<see cref="ReplyTimeEstimator"/>:
    /// SRTT + 4·RTTVAR between <see cref="MinReplyTimeout"/> and <see cref="ReplyTimeout"/> or
    /// <see cref="LongReplyTimeout"/>). False: always the fixed timeouts.
    /// </summary>
    public bool AdaptiveReplyTimeout { get; init; } = true;

    /// <summary>
    /// K of the adaptive timeout SRTT + K·RTTVAR. RFC 6298 uses 4 because a spurious TCP retransmission is costly;
    /// here a reply timeout resends the same frame and TID and keeps waiting for either copy, so a resend that turns
    /// out needless costs one frame of air time (≈ 10 ms of the 360 s hourly budget) and a duplicate reply that is
    /// dropped. Default 2: the resend comes sooner when a reply is late (timing.md §1: replies are either fast or
    /// seconds late).
    /// </summary>
    public double ReplyTimeoutDeviations { get; init; } = 2;

    /// <summary>Lowest adaptive reply timeout (timing.md §1: typical 0.1–1 s on a healthy link; EVENT 21 itself may take up to 2 s).</summary>
    public TimeSpan MinReplyTimeout { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// Adaptive reply timeout before the first measured reply; null (default): the fixed <see cref="ReplyTimeout"/> /
    /// <see cref="LongReplyTimeout"/>. Kept within [<see cref="MinReplyTimeout"/>, the fixed timeout].
    /// </summary>
    public TimeSpan? InitialReplyTimeout { get; init; }

    /// <summary>True when a request of these EPCs is "long" (uses <see cref="LongReplyTimeout"/>).</summary>
    public bool IsLong(IReadOnlyCollection<byte> epcs)
    {
        ArgumentNullException.ThrowIfNull(epcs);
        return epcs.Count > LongAboveOpc || epcs.Any(LongEpcs.Contains);
    }

    /// <summary>EPCs that make a request "long".</summary>
    public IReadOnlySet<byte> LongEpcs { get; init; } = DefaultLongEpcs;

    /// <summary>A request with more EPCs than this is "long" (timing.md: OPC ≤ 6 is the 10 s case).</summary>
    public int LongAboveOpc { get; init; } = 6;

    /// <summary>
    /// Ceiling of the reply wait for a Get larger than any the meter answered in full (a probe of its batch limit): early
    /// adaptive timeouts resend it as usual, but the first wait of this length that expires ends it, and the batch is
    /// halved instead of resent. 20 s, AIF's strict timer 1 (timing.md "Client timeout
    /// defaults"): past the 5–20 s tail of slow replies, so a slow reply is rarely taken for a too-big batch (which would
    /// lower the remembered limit), and still far below the three attempts (≈ 34 s) a silent batch cost before.
    /// </summary>
    public TimeSpan ProbeReplyTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Sends per request, the first included (timing.md: 3).</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>Pause before resending after a reply timeout (timing.md: 2 s).</summary>
    public TimeSpan PauseAfterTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Pause before resending after EVENT 21 01 (timing.md: 5 s, momonga's value).</summary>
    public TimeSpan PauseAfterSendFailure { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>EVENT 21 02 (Neighbor Solicitation sent) this many times in a row counts as a failed send.</summary>
    public int MaxNeighborSolicitations { get; init; } = 3;

    /// <summary>The per-attempt reply timeout for a request of these EPCs.</summary>
    public TimeSpan ReplyTimeoutFor(IReadOnlyCollection<byte> epcs)
    {
        return IsLong(epcs) ? LongReplyTimeout : ReplyTimeout;
    }

    /// <summary>Throws when a value cannot work.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Attempts, 1, nameof(Attempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxNeighborSolicitations, 1, nameof(MaxNeighborSolicitations));
        ArgumentOutOfRangeException.ThrowIfLessThan(LongAboveOpc, 1, nameof(LongAboveOpc));
        foreach (var (name, value) in new[]
        {
            (nameof(SendResultTimeout), SendResultTimeout), (nameof(ReplyTimeout), ReplyTimeout), (nameof(MinReplyTimeout), MinReplyTimeout), (nameof(LongReplyTimeout), LongReplyTimeout), (nameof(ProbeReplyTimeout), ProbeReplyTimeout),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, value, "a timeout must be positive");
            }
        }

        if (!double.IsFinite(ReplyTimeoutDeviations) || ReplyTimeoutDeviations < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ReplyTimeoutDeviations), ReplyTimeoutDeviations, "the deviation factor must be a finite number ≥ 0");
        }

        if (InitialReplyTimeout is { } initial && initial <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialReplyTimeout), initial, "a timeout must be positive");
        }

        if (PauseAfterTimeout < TimeSpan.Zero || PauseAfterSendFailure < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PauseAfterTimeout), "a pause cannot be negative");
        }
    }
}
