using System.Collections.Immutable;
using BRoute.Scanning;

namespace BRoute.Connection;

/// <summary>Where the connection is.</summary>
public enum ConnectionPhase
{
    /// <summary>Not started, or stopped.</summary>
    Disconnected,

    /// <summary>Running the scan ladder.</summary>
    Scanning,

    /// <summary>SKJOIN issued (or waiting to retry it, or waiting out the quiet period after SKTERM); no sending until EVENT 25.</summary>
    Joining,

    /// <summary>PANA session up: requests may be sent (unless the module paused TX).</summary>
    Connected,

    /// <summary>EVENT 29 seen: waiting for the module's re-authentication (EVENT 25); no sending.</summary>
    Reauthenticating,

    /// <summary>The transport was lost: waiting to reopen the device.</summary>
    Reopening,

    /// <summary>Gave up; see <see cref="ConnectionState.Failure"/>. Only <see cref="Start"/> leaves it.</summary>
    Failed,
}

/// <summary>Where the PAN being joined came from; decides what a failed join means.</summary>
internal enum PanSource
{
    /// <summary>The PAN cache (or a PAN kept across a transport reopen): a failed join invalidates it and rescans.</summary>
    Cache,

    /// <summary>A scan just now: failed joins count towards "authentication failed" / "no radio contact".</summary>
    Scan,

    /// <summary>The PAN of a session that was up: failed re-joins end in a transport reopen, not in an auth failure.</summary>
    Session,
}

/// <summary>Why the machine gave up.</summary>
internal enum ConnectionFailure
{
    None,

    /// <summary>EVENT 24 on every join: wrong B-route ID or password.</summary>
    AuthenticationFailed,

    /// <summary>Joins got neither EVENT 25 nor EVENT 24.</summary>
    NoRadioContact,

    /// <summary>The scan ladder found no PAN with our pairing ID.</summary>
    NoMeterFound,

    /// <summary>The device could not be reopened.</summary>
    DeviceLost,
}

/// <summary>Timers the machine arms; the session fires them back as <see cref="TimerFired"/>.</summary>
internal enum TimerKind
{
    /// <summary>SKJOIN guard.</summary>
    Join,

    /// <summary>Backoff before a join retry.</summary>
    JoinRetry,

    /// <summary>EVENT 29 → EVENT 25 guard.</summary>
    Reauthentication,

    /// <summary>EVENT 32 → EVENT 33 guard.</summary>
    TransmitPause,

    /// <summary>Backoff before a transport reopen.</summary>
    Reopen,

    /// <summary>The quiet period after SKTERM before an SKJOIN (<see cref="ConnectionOptions.QuietPeriod"/>).</summary>
    QuietPeriod,
}

/// <summary>
/// The whole state of the connection, immutable. <see cref="ConnectionMachine.Step"/> maps a state and
/// an input to the next state and the actions to perform.
/// </summary>
internal sealed record ConnectionState
{
    /// <summary>Phase.</summary>
    public ConnectionPhase Phase { get; init; }

    /// <summary>The PAN being joined or joined; null before a scan or cache hit.</summary>
    public MeterPan? Pan { get; init; }

    /// <summary>Where <see cref="Pan"/> came from.</summary>
    public PanSource PanSource { get; init; }

    /// <summary>True while an SKJOIN is outstanding, i.e. its guard timer runs (false during the retry backoff and the quiet period).</summary>
    public bool JoinInFlight => Timers.ContainsKey(TimerKind.Join);

    /// <summary>True while a transport reopen is outstanding: reopening, and the backoff before it is over.</summary>
    public bool ReopenInFlight => Phase == ConnectionPhase.Reopening && !Timers.ContainsKey(TimerKind.Reopen);

    /// <summary>EVENT 24 answers to joins since the last success.</summary>
    public int AuthenticationFailures { get; init; }

    /// <summary>Joins that timed out since the last success.</summary>
    public int SilentJoins { get; init; }

    /// <summary>Join retries since the last success (backoff step).</summary>
    public int JoinRetries { get; init; }

    /// <summary>Reopen attempts since the last success (backoff step).</summary>
    public int ReopenAttempts { get; init; }

    /// <summary>EVENT 32 seen and neither EVENT 33 nor the guard since: the guard timer runs.</summary>
    public bool TransmitPaused => Timers.ContainsKey(TimerKind.TransmitPause);

    /// <summary>Why the machine gave up (phase <see cref="ConnectionPhase.Failed"/>).</summary>
    public ConnectionFailure Failure { get; init; }

    /// <summary>The message for the user when failed.</summary>
    public string? FailureMessage { get; init; }

    /// <summary>Armed timers and their ids.</summary>
    public ImmutableDictionary<TimerKind, int> Timers { get; init; } = ImmutableDictionary<TimerKind, int>.Empty;

    /// <summary>Last timer id handed out.</summary>
    public int LastTimerId { get; init; }

    /// <summary>Seed of the deterministic backoff jitter.</summary>
    public ulong JitterSeed { get; init; }

    /// <summary>Jitter samples drawn so far.</summary>
    public long JitterDraws { get; init; }

    /// <summary>True when requests may be sent: connected and the module's TX is not paused.</summary>
    public bool CanSend => Phase == ConnectionPhase.Connected && !TransmitPaused;

    /// <summary>The initial state; <paramref name="jitterSeed"/> makes backoff delays reproducible.</summary>
    public static ConnectionState Initial(ulong jitterSeed = 0) => new() { JitterSeed = jitterSeed };
}
