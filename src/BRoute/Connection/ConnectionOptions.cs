using BRoute.Retry;

namespace BRoute.Connection;

/// <summary>Timeouts and limits of the connection state machine (timing.md "Client timeout defaults").</summary>
public sealed record ConnectionOptions
{
    /// <summary>SKJOIN → EVENT 25/24 guard (timing.md: 45 s; EVENT 24 seen 39–40 s after SKJOIN).</summary>
    public TimeSpan JoinTimeout { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>After EVENT 29, wait this long for EVENT 25 before re-joining (timing.md: 60 s; worst seen 42 s).</summary>
    public TimeSpan ReauthenticationTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>EVENT 24 answers to joins before giving up with "authentication failed" (peers retry 3×).</summary>
    public int MaxAuthenticationFailures { get; init; } = 3;

    /// <summary>Joins without EVENT 25 or 24 before giving up with "no radio contact".</summary>
    public int MaxSilentJoins { get; init; } = 3;

    /// <summary>Failed transport reopens before giving up with "device lost".</summary>
    public int MaxReopenAttempts { get; init; } = 10;

    /// <summary>EVENT 32 without EVENT 33: resume after this long anyway (the budget window).</summary>
    public TimeSpan TransmitPauseGuard { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Ask for an SKPING of the meter before a join is retried (the seed client's wake-up ping).</summary>
    public bool PingBeforeJoinRetry { get; init; } = true;

    /// <summary>
    /// Quiet period after SKTERM: no SKJOIN to the PAN until this long after a session with it ended with SKTERM — this
    /// process's own (a re-join after EVENT 27/28) or a previous run's (remembered in the PAN cache). A join right after
    /// SKTERM can collide with the meter's clean-up of the old session and get EVENT 24 with correct credentials
    /// (timing.md §4: BRM waits 10 s; the recommended simulator defaults fail 50 % of such joins). The same wait
    /// separates the first EVENT 24 of a connection from the join retry, in case that EVENT 24 was such a collision
    /// (clock skew, no PAN cache). Default 10 s; <see cref="TimeSpan.Zero"/> disables it.
    /// </summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Delay before a join retry, growing per failure.</summary>
    public BackoffOptions JoinBackoff { get; init; } = new();

    /// <summary>Delay before a transport reopen, growing per failure.</summary>
    public BackoffOptions ReopenBackoff { get; init; } = new();

    /// <summary>Throws when a value cannot work.</summary>
    public void Validate()
    {
        if (JoinTimeout <= TimeSpan.Zero || ReauthenticationTimeout <= TimeSpan.Zero || TransmitPauseGuard <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(JoinTimeout), "connection timeouts must be positive");
        }

        if (QuietPeriod < TimeSpan.Zero || QuietPeriod > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(QuietPeriod), QuietPeriod, "the quiet period after SKTERM must be between 0 (off) and 1 h");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAuthenticationFailures, 1, nameof(MaxAuthenticationFailures));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSilentJoins, 1, nameof(MaxSilentJoins));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReopenAttempts, 1, nameof(MaxReopenAttempts));
        ArgumentNullException.ThrowIfNull(JoinBackoff);
        ArgumentNullException.ThrowIfNull(ReopenBackoff);
        JoinBackoff.Validate();
        ReopenBackoff.Validate();
    }
}
