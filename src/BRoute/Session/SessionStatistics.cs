namespace BRoute.Session;

/// <summary>
/// A snapshot of what a <see cref="MeterSession"/> did, for <c>broute doctor</c>, benchmarks and tests.
/// Frames are ECHONET Lite frames written with SKSENDTO (PANA and scans are not counted).
/// </summary>
public sealed record SessionStatistics
{
    /// <summary>SKSENDTO commands written (every attempt of every request, plus INFC_Res).</summary>
    public long FramesSent { get; init; }

    /// <summary>ECHONET requests begun (one per Get batch, SetC …), each with its own TID.</summary>
    public long Requests { get; init; }

    /// <summary>Resends of a request (same TID) after a timeout or a failed send.</summary>
    public long Retries { get; init; }

    /// <summary>Sends that failed: EVENT 21 01, no EVENT 21, a FAIL, or a lost transport.</summary>
    public long SendFailures { get; init; }

    /// <summary>Attempts whose reply did not come within the reply timeout.</summary>
    public long ReplyTimeouts { get; init; }

    /// <summary>Requests given up after every attempt.</summary>
    public long RequestsGivenUp { get; init; }

    /// <summary>Replies accepted by the matcher.</summary>
    public long RepliesAccepted { get; init; }

    /// <summary>Incoming frames dropped, by reason (stale, duplicate, foreign_address, foreign_port, wrong_object, unexpected_esv, unknown_tid, epc_mismatch, malformed).</summary>
    public IReadOnlyDictionary<string, long> Dropped { get; init; } = new Dictionary<string, long>();

    /// <summary>All dropped frames.</summary>
    public long DroppedTotal => Dropped.Values.Sum();

    /// <summary>INF/INFC notifications received.</summary>
    public long Notifications { get; init; }

    /// <summary>Notifications lost because a subscriber's buffer was full.</summary>
    public long NotificationsOverflowed { get; init; }

    /// <summary>INFC_Res sent.</summary>
    public long InfcResponses { get; init; }

    /// <summary>SKSCAN commands issued.</summary>
    public long Scans { get; init; }

    /// <summary>SKJOIN commands issued (first join and retries included).</summary>
    public long Joins { get; init; }

    /// <summary>Joins after the session had been up once (after EVENT 24/26/27/28/29, or after a transport reopen).</summary>
    public long Rejoins { get; init; }

    /// <summary>EVENT 29 followed by EVENT 25 (the module re-authenticated by itself).</summary>
    public long Reauthentications { get; init; }

    /// <summary>Times the device was closed and opened again.</summary>
    public long Reopens { get; init; }

    /// <summary>Sends held back by the transmission budget (an EVENT 32 pause closes the send gate instead: requests wait there, uncounted here).</summary>
    public long TransmitHolds { get; init; }

    /// <summary>Air time accounted in the current hour.</summary>
    public TimeSpan AirTimeThisHour { get; init; }

    /// <summary>Where the transmit budget stops sending in any hour (<see cref="MeterSessionOptions.TransmitBudget"/>); null when not known (a snapshot not taken from a session).</summary>
    public TimeSpan? AirTimeLimit { get; init; }

    /// <summary>History reads repeated because midnight intervened (or E2's day did not match E5).</summary>
    public long HistoryRepeats { get; init; }

    /// <summary>EPCs per Get in use now.</summary>
    public int MaxOpc { get; init; }

    /// <summary>Largest Get the meter answered in full.</summary>
    public int LargestAcceptedOpc { get; init; }

    /// <summary>EPCs the meter refused when asked alone.</summary>
    public IReadOnlyList<byte> UnsupportedEpcs { get; init; } = [];

    /// <summary>When the PANA session last came up (EVENT 25 after SKJOIN); null before.</summary>
    public DateTimeOffset? ConnectedAt { get; init; }

    /// <summary>RSSI/LQI of the meter's frames (ERXUDP token, where the dongle prints one) and of the scan that found it.</summary>
    public MeterLinkQuality LinkQuality { get; init; } = MeterLinkQuality.Empty;
}

/// <summary>The live counters behind <see cref="SessionStatistics"/>. Thread-safe.</summary>
internal sealed class SessionCounters
{
    private long _framesSent;
    private long _requests;
    private long _retries;
    private long _sendFailures;
    private long _replyTimeouts;
    private long _givenUp;
    private long _overflowed;
    private long _infcResponses;
    private long _scans;
    private long _joins;
    private long _rejoins;
    private long _reauthentications;
    private long _reopens;
    private long _holds;
    private long _historyRepeats;
    private long _connectedAtTicks = -1;

    public long FramesSent => Interlocked.Read(ref _framesSent);

    public long Reopens => Interlocked.Read(ref _reopens);

    /// <summary>Link quality of the meter's frames and scan (its own lock).</summary>
    public LinkQualityRecorder LinkQuality { get; } = new();

    public DateTimeOffset? ConnectedAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _connectedAtTicks);
            return ticks < 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public void FrameSent() => Interlocked.Increment(ref _framesSent);

    public void Request() => Interlocked.Increment(ref _requests);

    public void Retry() => Interlocked.Increment(ref _retries);

    public void SendFailure() => Interlocked.Increment(ref _sendFailures);

    public void ReplyTimeout() => Interlocked.Increment(ref _replyTimeouts);

    public void GivenUp() => Interlocked.Increment(ref _givenUp);

    public void NotificationOverflow() => Interlocked.Increment(ref _overflowed);

    public void InfcResponse() => Interlocked.Increment(ref _infcResponses);

    public void Scan() => Interlocked.Increment(ref _scans);

    public void Join(bool rejoin)
    {
        Interlocked.Increment(ref _joins);
        if (rejoin)
        {
            Interlocked.Increment(ref _rejoins);
        }
    }

    public void Reauthenticated() => Interlocked.Increment(ref _reauthentications);

    public void Reopen() => Interlocked.Increment(ref _reopens);

    public void Hold() => Interlocked.Increment(ref _holds);

    public void HistoryRepeat() => Interlocked.Increment(ref _historyRepeats);

    public void Connected(DateTimeOffset at) => Interlocked.Exchange(ref _connectedAtTicks, at.UtcTicks);

    public SessionStatistics Snapshot() => new()
    {
        FramesSent = FramesSent,
        Requests = Interlocked.Read(ref _requests),
        Retries = Interlocked.Read(ref _retries),
        SendFailures = Interlocked.Read(ref _sendFailures),
        ReplyTimeouts = Interlocked.Read(ref _replyTimeouts),
        RequestsGivenUp = Interlocked.Read(ref _givenUp),
        NotificationsOverflowed = Interlocked.Read(ref _overflowed),
        InfcResponses = Interlocked.Read(ref _infcResponses),
        Scans = Interlocked.Read(ref _scans),
        Joins = Interlocked.Read(ref _joins),
        Rejoins = Interlocked.Read(ref _rejoins),
        Reauthentications = Interlocked.Read(ref _reauthentications),
        Reopens = Reopens,
        TransmitHolds = Interlocked.Read(ref _holds),
        HistoryRepeats = Interlocked.Read(ref _historyRepeats),
        ConnectedAt = ConnectedAt,
        LinkQuality = LinkQuality.Snapshot(),
    };
}
