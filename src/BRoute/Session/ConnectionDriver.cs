using System.Net;
using System.Threading.Channels;
using BRoute.Authentication;
using BRoute.Connection;
using BRoute.Scanning;
using BRoute.SkStack.Device;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;
using Microsoft.Extensions.Logging;
using MachineEvent = BRoute.Connection.SkEvent;

namespace BRoute.Session;

/// <summary>What the connection tells the session it serves.</summary>
internal interface IConnectionClient
{
    /// <summary>A datagram from the current dongle.</summary>
    void OnErxudp(Erxudp datagram);

    /// <summary>SKLL64 gave the meter's address for a join.</summary>
    void OnMeterAddress(IPAddress address);
}

/// <summary>
/// Runs <see cref="ConnectionMachine"/>: one actor loop feeds it inputs (EVENT lines, timers, scan and reopen
/// results) one at a time and performs the actions it returns — scans, joins, wake-up pings, PAN-cache writes,
/// timers on the <see cref="TimeProvider"/>, the send gate, transport reopen through the device factory, and
/// SKTERM on stop. Long actions run in the background and report back as inputs.
/// </summary>
internal sealed partial class ConnectionDriver : IDeviceLinkSink, IAsyncDisposable
{
    /// <summary>Tries of each dongle preparation step (SFE 0, detection, SKSETPWD, SKSETRBID) before the open counts as failed.</summary>
    private const int PrepareAttempts = 3;

    /// <summary>How long the prompt probe (SKVER) on open waits before the dongle counts as stuck in an SKSENDTO payload.</summary>
    private static readonly TimeSpan PromptProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly MeterSessionOptions _options;
    private readonly Credentials _credentials;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SessionCounters _counters;
    private readonly IConnectionClient _client;
    private ScanCandidate? _lastFound;
    private readonly ScanRunner _scanner;
    private readonly Channel<ConnectionInput> _inputs = Channel.CreateUnbounded<ConnectionInput>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<TimerKind, (ITimer Timer, int Id)> _timers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gateLock = new();
    private readonly Lock _backgroundLock = new();
    private readonly List<Task> _background = [];
    private Task _panSaved = Task.CompletedTask;
    private readonly TaskCompletionSource _firstOutcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _gateChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ConnectionState _state; // written by the actor only; read anywhere
    private DeviceLink? _link;
    private FailureRecord? _failure;
    private CancellationTokenSource? _operation;
    private IProgress<SessionProgress>? _progress;
    private Task? _actor;
    private int _processingInput;
    private int _panaSeen;
    private int _queued;
    private int _stopRequested;
    private CancellationToken _stopToken;

    public ConnectionDriver(MeterSessionOptions options, SessionCounters counters, IConnectionClient client, ulong jitterSeed)
    {
        _options = options;
        _credentials = options.Credentials;
        _time = options.TimeProvider;
        _logger = options.Logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _counters = counters;
        _client = client;
        Cache = options.UsePanCache ? new SessionPanCache(new PanCache(options.PanCacheDirectory ?? PanCache.DefaultDirectory()), _credentials, _logger) : null;
        _scanner = new ScanRunner(options, _time, _logger, counters, Report);
        _state = ConnectionState.Initial(jitterSeed);
    }

    /// <summary>The session's PAN cache (null when <see cref="MeterSessionOptions.UsePanCache"/> is off).</summary>
    public SessionPanCache? Cache { get; }

    /// <summary>The machine's state as of the last input handled.</summary>
    public ConnectionState State => Volatile.Read(ref _state);

    /// <summary>The dongle in use (null while reopening).</summary>
    public DeviceLink? Link => Volatile.Read(ref _link);

    /// <summary>True when nothing is queued or being handled here or on the link (for tests on a fake clock).</summary>
    internal bool IsIdle => Volatile.Read(ref _queued) == 0 && Volatile.Read(ref _processingInput) == 0 && (Link?.IsIdle ?? true);

    /// <summary>
    /// Opens the dongle, prepares it, consults the PAN cache and runs the machine until the PANA session is up
    /// (or the machine gives up: the matching <see cref="BRouteException"/> is thrown).
    /// </summary>
    public async Task StartAsync(IProgress<SessionProgress>? progress, CancellationToken cancellationToken)
    {
        _progress = progress;
        Report(new SessionProgress(SessionStage.OpeningDevice, "opening the dongle"));
        var link = await OpenLinkAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _link, link);
        MeterPan? cached = null;
        var quiet = TimeSpan.Zero;
        if (Cache is not null)
        {
            var lookup = await Cache.LoadAsync(cancellationToken).ConfigureAwait(false);
            if (lookup is { Status: PanCacheStatus.Hit, Entry: { } entry })
            {
                cached = entry.Pan;
                quiet = QuietPeriod.Remaining(entry.LastTerminatedAt, _time.GetUtcNow(), _options.Connection.QuietPeriod);
                if (entry.ScanLqi is { } lqi)
                {
                    _counters.LinkQuality.OnScan(lqi, entry.FoundAt, ScanLqiSource.PanCache);
                }

                SessionLog.CachedPan(_logger, _credentials.IdHash, entry.Pan.ToString());
                Report(new SessionProgress(SessionStage.UsingCachedPan, $"using the cached PAN ({entry.Pan}); no scan needed"));
            }
            else
            {
                SessionLog.NoCachedPan(_logger, lookup.Status.ToString(), lookup.Reason);
            }
        }

        _actor = Task.Run(ActorLoopAsync, CancellationToken.None);
        Post(new Start(cached) { QuietFor = quiet, TransmitLimited = link.TransmitLimitedAtOpen });
        await _firstOutcome.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens and prepares the dongle, runs the scan ladder once and caches a found PAN; no join.</summary>
    public async Task<(ScanReport Report, SkDialect Dialect)> ScanOnlyAsync(IProgress<SessionProgress>? progress, CancellationToken cancellationToken)
    {
        _progress = progress;
        Report(new SessionProgress(SessionStage.OpeningDevice, "opening the dongle"));
        var link = await OpenLinkAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _link, link);
        var report = await _scanner.RunAsync(link, null, cancellationToken).ConfigureAwait(false);
        if (report.Found is { } found)
        {
            OnMeterFound(found);
            report = report with { SavedToCache = await SavePanAsync(found.Pan, cancellationToken).ConfigureAwait(false) };
        }

        return (report, link.Device.Dialect);
    }

    /// <summary>
    /// Waits until requests may be sent (connected, module not paused) and returns the link, for at most
    /// <paramref name="timeout"/>. Throws the connection's failure, or <see cref="MeterUnreachableException"/> on timeout.
    /// </summary>
    public async Task<DeviceLink> WaitSendableAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + timeout;
        while (true)
        {
            Task changed;
            lock (_gateLock)
            {
                ThrowIfFailedOrStopped();
                var state = State;
                if (state.CanSend && Link is { IsDisposed: false, MeterAddress: not null } link)
                {
                    return link;
                }

                changed = _gateChanged.Task;
            }

            var remaining = deadline - _time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                throw new MeterUnreachableException(ConnectionText.OutageMessage(State, timeout));
            }

            try
            {
                await changed.WaitAsync(remaining, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // loop: the check above reports the outage
            }
        }
    }

    /// <summary>Throws the exception that ended the connection, if it ended.</summary>
    public void ThrowIfFailedOrStopped()
    {
        if (Volatile.Read(ref _failure) is { } f)
        {
            throw FailureException(f.Kind, f.Message);
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _stopRequested) != 0, typeof(MeterSession));
    }

    /// <inheritdoc cref="StopAsync"/>
    public ValueTask DisposeAsync() => new(StopAsync(CancellationToken.None));

    /// <summary>
    /// Sends SKTERM when a session is up (waits for EVENT 27/28 at most <see cref="MeterSessionOptions.TerminateTimeout"/>,
    /// or until <paramref name="cancellationToken"/>), stops every timer and task, and closes the dongle.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopRequested, 1) != 0)
        {
            return;
        }

        _stopToken = cancellationToken;

        if (_actor is not null)
        {
            Post(new Stop());
            _inputs.Writer.TryComplete();
            await _actor.ConfigureAwait(false);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        Task[] background;
        lock (_backgroundLock)
        {
            background = [.. _background];
        }

        await Task.WhenAll(background).ConfigureAwait(false); // each one catches its own exceptions
        foreach (var (timer, _) in _timers.Values)
        {
            timer.Dispose();
        }

        _timers.Clear();
        if (Interlocked.Exchange(ref _link, null) is { } link)
        {
            await link.DisposeAsync().ConfigureAwait(false);
        }

        lock (_gateLock)
        {
            _gateChanged.TrySetResult();
        }

        _firstOutcome.TrySetCanceled();
        _stopping.Dispose();
    }

    void IDeviceLinkSink.OnErxudp(DeviceLink link, Erxudp datagram)
    {
        if (ReferenceEquals(link, Link))
        {
            if (datagram.SenderPort == SkPorts.Pana && datagram.DestinationPort == SkPorts.Pana)
            {
                Volatile.Write(ref _panaSeen, 1); // the meter is answering the PANA exchange
            }

            _client.OnErxudp(datagram);
        }
    }

    void IDeviceLinkSink.OnEvent(DeviceLink link, SkStack.Items.SkEvent skEvent)
    {
        if (!ReferenceEquals(link, Link))
        {
            return;
        }

        if (skEvent.Code == SkEventCode.PanaConnectionFailed && Volatile.Read(ref _panaSeen) == 0)
        {
            // EVENT 24 without a single PANA message from the meter since SKJOIN: the module gave up on an
            // unreachable peer (it reports that as EVENT 24 too), so this is "no radio contact", not bad credentials.
            Post(new JoinFailedWithoutContact());
        }
        else if (skEvent.Code is >= SkEventCode.PanaConnectionFailed and <= SkEventCode.SessionLifetimeExpired
            or SkEventCode.TransmissionLimitExceeded or SkEventCode.TransmissionLimitReleased)
        {
            Post(new MachineEvent(skEvent.Code));
        }
    }

    void IDeviceLinkSink.OnLost(DeviceLink link, Exception? reason)
    {
        if (ReferenceEquals(link, Link) && Volatile.Read(ref _stopRequested) == 0)
        {
            SessionLog.TransportLost(_logger, reason?.Message ?? "the device closed");
            Post(new TransportLost());
        }
    }

    private static Exception FailureException(ConnectionFailure kind, string message) => kind switch
    {
        ConnectionFailure.AuthenticationFailed => new AuthenticationFailedException(message),
        ConnectionFailure.DeviceLost => new DongleLostException(message),
        _ => new MeterUnreachableException(message),
    };

    private void Post(ConnectionInput input)
    {
        Interlocked.Increment(ref _queued);
        if (!_inputs.Writer.TryWrite(input))
        {
            Interlocked.Decrement(ref _queued); // stopped: nothing handles inputs any more
        }
    }

    private void Report(SessionProgress progress)
    {
        SessionLog.Progress(_logger, progress.Message);
        _progress?.Report(progress);
    }
}

/// <summary>Why the connection ended for good.</summary>
internal sealed record FailureRecord(ConnectionFailure Kind, string Message);

/// <summary>EVENT 24 to a join during which the meter sent no PANA message: fed to the machine as a silent join.</summary>
internal sealed record JoinFailedWithoutContact : ConnectionInput;
