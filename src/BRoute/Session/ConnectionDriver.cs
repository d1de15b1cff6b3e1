using System.Globalization;
using System.Net;
using System.Threading.Channels;
using BRoute.Authentication;
using BRoute.Connection;
using BRoute.Retry;
using BRoute.Scanning;
using BRoute.SkStack.Device;
using BRoute.SkStack.Errors;
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
internal sealed class ConnectionDriver : IDeviceLinkSink, IAsyncDisposable
{
    private const ushort PanaPort = 716;

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
                throw new MeterUnreachableException(OutageMessage(State, timeout));
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
            if (datagram.SenderPort == PanaPort && datagram.DestinationPort == PanaPort)
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

    private static string OutageMessage(ConnectionState state, TimeSpan waited)
    {
        var why = state switch
        {
            { Phase: ConnectionPhase.Connected, TransmitPaused: true } => "the dongle's hourly transmission budget is exhausted (EVENT 32) and EVENT 33 has not come",
            { Phase: ConnectionPhase.Reauthenticating } => "the PANA session expired (EVENT 29) and re-authentication has not finished",
            { Phase: ConnectionPhase.Joining, JoinInFlight: false } when state.Timers.ContainsKey(TimerKind.QuietPeriod) =>
                "the session ended with SKTERM and the quiet period before the next SKJOIN is not over",
            { Phase: ConnectionPhase.Joining } => "the session is being re-established (SKJOIN) and the meter has not answered yet",
            { Phase: ConnectionPhase.Reopening } => "the dongle is gone (transport lost) and has not come back yet",
            { Phase: ConnectionPhase.Scanning } => "the meter is being searched for again (scan)",
            _ => $"the connection is {state.Phase}",
        };
        return string.Create(CultureInfo.InvariantCulture, $"the meter cannot be reached: {why} (waited {waited.TotalSeconds:0} s)");
    }

    private static string EventMeaning(SkEventCode code) => code switch
    {
        SkEventCode.PanaConnectionFailed => "PANA authentication failed",
        SkEventCode.PanaConnectionSucceeded => "PANA session established",
        SkEventCode.SessionTerminationRequested => "the meter ended the session",
        SkEventCode.SessionTerminationCompleted => "session terminated",
        SkEventCode.SessionTerminationTimedOut => "termination got no answer",
        SkEventCode.SessionLifetimeExpired => "session lifetime expired",
        SkEventCode.TransmissionLimitExceeded => "hourly transmission budget exhausted",
        SkEventCode.TransmissionLimitReleased => "transmission budget released",
        _ => code.ToString(),
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

    private async Task ActorLoopAsync()
    {
        var reader = _inputs.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (true)
            {
                Interlocked.Exchange(ref _processingInput, 1);
                try
                {
                    if (!reader.TryRead(out var input))
                    {
                        break;
                    }

                    Interlocked.Decrement(ref _queued);
                    await HandleAsync(input).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Exchange(ref _processingInput, 0);
                }
            }
        }
    }

    private async Task HandleAsync(ConnectionInput input)
    {
        if (input is TimerFired fired && _timers.TryGetValue(fired.Kind, out var armed) && armed.Id == fired.Id)
        {
            armed.Timer.Dispose();
            _timers.Remove(fired.Kind);
        }

        if (input is Stop)
        {
            CancelOperation();
        }

        if (input is JoinFailedWithoutContact)
        {
            input = _state is { Phase: ConnectionPhase.Joining, JoinInFlight: true } && _state.Timers.TryGetValue(TimerKind.Join, out var joinTimer)
                ? new TimerFired(TimerKind.Join, joinTimer)
                : new MachineEvent(SkEventCode.PanaConnectionFailed); // outside a join: a failed re-authentication
        }

        var before = _state;
        var transition = ConnectionMachine.Step(before, input, _options.Connection);
        Volatile.Write(ref _state, transition.State);
        if (input is MachineEvent e && e.Code != SkEventCode.PanaConnectionSucceeded)
        {
            SessionLog.SessionEvent(_logger, (byte)e.Code, EventMeaning(e.Code), before.Phase.ToString());
        }

        foreach (var action in transition.Actions)
        {
            await PerformAsync(action).ConfigureAwait(false);
        }

        if (input is MachineEvent { Code: SkEventCode.SessionTerminationCompleted or SkEventCode.SessionTerminationTimedOut }
            && before.Phase is ConnectionPhase.Connected or ConnectionPhase.Reauthenticating && before.Pan is { } ended)
        {
            // An SKTERM we did not send ended the session: the next run must respect the quiet period too.
            var at = _time.GetUtcNow();
            _ = StartBackground("recording SKTERM in the PAN cache", ct => RecordTerminationAsync(ended, at, ct));
        }

        AfterTransition(before, _state);
    }

    private void AfterTransition(ConnectionState before, ConnectionState after)
    {
        if (after.Phase == ConnectionPhase.Connected && before.Phase != ConnectionPhase.Connected)
        {
            if (before.Phase == ConnectionPhase.Reauthenticating)
            {
                _counters.Reauthenticated();
            }
            else
            {
                _counters.Connected(_time.GetUtcNow());
            }

            SessionLog.Connected(_logger, after.Pan?.ToString() ?? "the meter");
            Report(new SessionProgress(SessionStage.Connected, "PANA session established"));
            _firstOutcome.TrySetResult();
        }
        else if (before.Phase is ConnectionPhase.Connected && after.Phase is not (ConnectionPhase.Connected or ConnectionPhase.Failed or ConnectionPhase.Disconnected))
        {
            Report(new SessionProgress(SessionStage.Reconnecting, $"the session dropped ({after.Phase}); restoring it"));
        }
    }

    private async Task PerformAsync(ConnectionAction action)
    {
        switch (action)
        {
            case StartScan scan:
                StartOperation("scan", ct => ScanAsync(scan.KnownChannel, ct));
                break;
            case Join join:
                var timerId = _state.Timers.GetValueOrDefault(TimerKind.Join);
                var attempt = _state.JoinRetries + 1;
                _counters.Join(rejoin: _counters.ConnectedAt is not null); // the session was up before
                StartOperation("join", ct => JoinAsync(join.Pan, attempt, timerId, ct));
                break;
            case PingMeter ping:
                _ = StartBackground("SKPING", ct => PingAsync(ping.Pan, ct));
                break;
            case SavePan save:
                Volatile.Write(ref _panSaved, StartBackground("saving the PAN cache", ct => SavePanAsync(save.Pan, ct)));
                break;
            case InvalidatePanCache:
                Cache?.Invalidate();
                break;
            case StartTimer timer:
                Arm(timer);
                if (timer.Kind == TimerKind.QuietPeriod)
                {
                    Report(new SessionProgress(
                        SessionStage.WaitingQuietPeriod,
                        string.Create(CultureInfo.InvariantCulture, $"waiting {timer.Delay.TotalSeconds:0.#} s after the previous session's end (SKTERM) before joining: the meter may still be cleaning it up"))
                    {
                        Expected = timer.Delay,
                    });
                }

                break;
            case CancelTimer cancel:
                Disarm(cancel.Kind);
                break;
            case SetSendGate:
                lock (_gateLock)
                {
                    // Wake every waiter; each one re-checks the published state.
                    var old = _gateChanged;
                    _gateChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    old.TrySetResult();
                }

                break;
            case ReopenTransport:
                StartOperation("reopen", ReopenAsync);
                break;
            case Terminate:
                await TerminateAsync().ConfigureAwait(false);
                break;
            case Fail fail:
                SessionLog.ConnectionFailed(_logger, fail.Message);
                lock (_gateLock)
                {
                    Volatile.Write(ref _failure, new FailureRecord(fail.Failure, fail.Message));
                    _gateChanged.TrySetResult();
                }

                _firstOutcome.TrySetException(FailureException(fail.Failure, fail.Message));
                break;
        }
    }

    private void Arm(StartTimer timer)
    {
        Disarm(timer.Kind);
        var itimer = _time.CreateTimer(
            static state =>
            {
                var (driver, kind, id) = ((ConnectionDriver, TimerKind, int))state!;
                driver.Post(new TimerFired(kind, id));
            },
            (this, timer.Kind, timer.Id),
            timer.Delay,
            Timeout.InfiniteTimeSpan);
        _timers[timer.Kind] = (itimer, timer.Id);
    }

    private void Disarm(TimerKind kind)
    {
        if (_timers.Remove(kind, out var armed))
        {
            armed.Timer.Dispose();
        }
    }

    private void CancelOperation()
    {
        if (Interlocked.Exchange(ref _operation, null) is { } previous)
        {
            try
            {
                previous.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // the operation had just finished and released its token source
            }
        }
    }

    /// <summary>A scan, join or reopen: only one at a time; a new one cancels the previous.</summary>
    private void StartOperation(string name, Func<CancellationToken, Task> operation)
    {
        CancelOperation();
        var cts = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        _operation = cts;
        _ = StartBackground(name, operation, cts);
    }

    private Task StartBackground(string name, Func<CancellationToken, Task> work, CancellationTokenSource? owned = null)
    {
        var ct = owned?.Token ?? _stopping.Token;
        var task = Task.Run(
            async () =>
            {
                try
                {
                    await work(ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // stopped, or superseded by a newer operation
                }
                catch (SkTransportLostException ex)
                {
                    SessionLog.ActionFailed(_logger, name, ex.Message);
                    if (!ct.IsCancellationRequested && Link is { Device.IsTransportLost: true })
                    {
                        Post(new TransportLost()); // normally the link's reader reports it first; the machine ignores a repeat
                    }
                }
                catch (Exception ex) when (ex is SkStackException or IOException or UnauthorizedAccessException)
                {
                    SessionLog.ActionFailed(_logger, name, ex.Message);
                }
                finally
                {
                    if (owned is not null)
                    {
                        Interlocked.CompareExchange(ref _operation, null, owned);
                        owned.Dispose();
                    }
                }
            },
            CancellationToken.None);
        lock (_backgroundLock)
        {
            _background.RemoveAll(t => t.IsCompleted);
            _background.Add(task);
        }

        return task;
    }

    /// <summary>The latest PAN cache write started after a join from a scan (completed when there is none).</summary>
    internal Task PanSaved => Volatile.Read(ref _panSaved);

    private async Task<DeviceLink> OpenLinkAsync(CancellationToken cancellationToken)
    {
        var deviceOptions = new SkDeviceOptions
        {
            CommandTimeout = _options.CommandTimeout,
            Family = _options.Family,
            Logger = _options.Logger,
            TimeProvider = _time,
        };
        var device = await _options.Device(deviceOptions, cancellationToken).ConfigureAwait(false);
        SessionLog.OpeningDevice(_logger, device.Description);
        var link = new DeviceLink(device, this);
        try
        {
            Report(new SessionProgress(SessionStage.PreparingDongle, $"preparing the dongle ({device.Description})"));
            if (await device.RecoverPromptAsync(PromptProbeTimeout, cancellationToken).ConfigureAwait(false))
            {
                SessionLog.PromptRecovered(_logger);
            }

            try
            {
                await RetryAsync("SKSREG SFE 0", ct => device.WriteRegisterAsync(SkRegister.Echo, "0", ct), cancellationToken).ConfigureAwait(false);
            }
            catch (SkCommandFailedException ex)
            {
                SessionLog.ActionFailed(_logger, "turning echo off", ex.Message); // harmless: the driver reads echo lines
            }

            var dialect = await RetryAsync("dialect detection", device.DetectDialectAsync, cancellationToken).ConfigureAwait(false);
            await RetryAsync("SKSETPWD", ct => device.SetPasswordAsync(_credentials.RevealPassword(), ct), cancellationToken).ConfigureAwait(false);
            await RetryAsync("SKSETRBID", ct => device.SetRouteBIdAsync(_credentials.RevealId(), ct), cancellationToken).ConfigureAwait(false);
            link.TransmitLimitedAtOpen = await ReadTransmitLimitAsync(device, cancellationToken).ConfigureAwait(false);
            SessionLog.DongleReady(_logger, dialect.ToString());
            return link;
        }
        catch
        {
            await link.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Asks the dongle whether its transmission limit is active (SFB, skstack.md §4: read-only 0/1), so that a pause
    /// comes from the dongle in hand, never from an earlier one (EVENT 32 then a reopen: the new dongle may never send
    /// EVENT 33). A dongle that cannot tell (FAIL, garbled answer) counts as not limited: it would answer EVENT 32 again.
    /// </summary>
    private async Task<bool> ReadTransmitLimitAsync(SkDevice device, CancellationToken cancellationToken)
    {
        try
        {
            var value = await device.ReadRegisterAsync(SkRegister.TransmissionLimitActive, cancellationToken).ConfigureAwait(false);
            var limited = ulong.TryParse(value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var n) && n != 0;
            if (limited)
            {
                SessionLog.TransmitLimitActiveAtOpen(_logger);
            }

            return limited;
        }
        catch (Exception ex) when (ex is SkCommandFailedException or SkUnexpectedResponseException or SkTimeoutException)
        {
            SessionLog.ActionFailed(_logger, "reading the transmission limit (SKSREG SFB)", ex.Message);
            return false;
        }
    }

    /// <summary>
    /// One preparation step, tried again when the answer was garbled or did not come (noise on the line, stale
    /// bytes after opening the port); a FAIL on the last try, or a lost transport, is thrown.
    /// </summary>
    private async Task<T> RetryAsync<T>(string step, Func<CancellationToken, Task<T>> command, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await command(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < PrepareAttempts && ex is SkUnexpectedResponseException or SkTimeoutException or SkCommandFailedException)
            {
                SessionLog.ActionFailed(_logger, string.Create(CultureInfo.InvariantCulture, $"{step} (try {attempt} of {PrepareAttempts})"), ex.Message);
            }
        }
    }

    private Task RetryAsync(string step, Func<CancellationToken, Task> command, CancellationToken cancellationToken) =>
        RetryAsync<bool>(step, async ct =>
        {
            await command(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private async Task ScanAsync(byte? knownChannel, CancellationToken cancellationToken)
    {
        if (Link is not { } link)
        {
            return;
        }

        var report = await _scanner.RunAsync(link, knownChannel, cancellationToken).ConfigureAwait(false);
        if (report.Found is { } found)
        {
            OnMeterFound(found);
            Post(new ScanSucceeded(found.Pan));
        }
        else
        {
            Post(new ScanExhausted(report.Failure!));
        }
    }

    private async Task JoinAsync(MeterPan pan, int attempt, int joinTimerId, CancellationToken cancellationToken)
    {
        if (Link is not { } link)
        {
            return;
        }

        Report(new SessionProgress(SessionStage.Joining, $"joining the meter ({pan}), attempt {attempt}") { Attempt = attempt });
        try
        {
            await link.Device.WriteRegisterAsync(SkRegister.Channel, pan.Channel, cancellationToken).ConfigureAwait(false);
            await link.Device.WriteRegisterAsync(SkRegister.PanId, pan.PanId, cancellationToken).ConfigureAwait(false);
            var address = await link.Device.GetLinkLocalAddressAsync(pan.MacAddress, cancellationToken).ConfigureAwait(false);
            link.MeterAddress = address;
            _client.OnMeterAddress(address);
            try
            {
                // Puts the meter in the neighbour cache so the first unicast needs no Neighbor Solicitation (skstack.md §3).
                await link.Device.AddNeighborAsync(address, pan.MacAddress, cancellationToken).ConfigureAwait(false);
            }
            catch (SkCommandFailedException ex)
            {
                SessionLog.ActionFailed(_logger, "SKADDNBR", ex.Message);
            }

            Volatile.Write(ref _panaSeen, 0);
            await link.Device.JoinAsync(address, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SkCommandFailedException or SkTimeoutException or SkUnexpectedResponseException)
        {
            // The join could not even start: count it as a join the meter did not answer (no need to wait 45 s).
            SessionLog.ActionFailed(_logger, "join", ex.Message);
            Post(new TimerFired(TimerKind.Join, joinTimerId));
        }
    }

    private async Task PingAsync(MeterPan pan, CancellationToken cancellationToken)
    {
        if (Link is not { } link)
        {
            return;
        }

        await link.Device.PingAsync(link.MeterAddress ?? SkAddress.LinkLocalFromMac(pan.MacAddress), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a PAN a scan found; false when there is no cache or the write failed (logged).</summary>
    private async Task<bool> SavePanAsync(MeterPan pan, CancellationToken cancellationToken)
    {
        if (Cache is null)
        {
            return false;
        }

        var family = Link?.Device.Dialect.Family ?? DongleFamily.Unknown;
        var entry = new PanCacheEntry(pan, _time.GetUtcNow(), family) // a new PAN: no reply times measured on it yet
        {
            ScanLqi = Volatile.Read(ref _lastFound) is { } found && found.Pan == pan ? found.Lqi : null,
        };
        return await Cache.SaveAsync(entry, "saving the PAN cache", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A scan found the meter: its EPANDESC LQI is the session's scan link quality, and goes with the PAN into the cache.</summary>
    private void OnMeterFound(ScanCandidate found)
    {
        Volatile.Write(ref _lastFound, found);
        _counters.LinkQuality.OnScan(found.Lqi, _time.GetUtcNow(), ScanLqiSource.Scan);
    }

    /// <summary>
    /// Remembers with the cache entry of <paramref name="pan"/> that a session with it ended with SKTERM at <paramref name="at"/>,
    /// so the next run waits the quiet period before joining. Waits for a PAN write still under way (a scan that joined).
    /// </summary>
    private async Task RecordTerminationAsync(MeterPan pan, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (Cache is null)
        {
            return;
        }

        await Task.WhenAny(PanSaved).ConfigureAwait(false); // its own failure is logged where it ran
        await Cache.UpdateAsync(pan, e => e with { LastTerminatedAt = at }, "recording SKTERM in the PAN cache", cancellationToken).ConfigureAwait(false);
    }

    private async Task ReopenAsync(CancellationToken cancellationToken)
    {
        _counters.Reopen();
        Report(new SessionProgress(SessionStage.Reconnecting, "reopening the dongle"));
        if (Interlocked.Exchange(ref _link, null) is { } old)
        {
            await old.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            var link = await OpenLinkAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _link, link);
            Post(new TransportReopened { TransmitLimited = link.TransmitLimitedAtOpen });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever the factory or the dongle threw, the device is not back yet: the machine backs off and retries.
            SessionLog.ReopenFailed(_logger, ex.Message);
            Post(new TransportReopenFailed());
        }
    }

    private async Task TerminateAsync()
    {
        if (Link is not { } link || link.Device.IsTransportLost)
        {
            return;
        }

        SessionLog.Closing(_logger, ": SKTERM");
        var ended = link.ArmTermination();
        var sent = false;
        using var timer = new CancellationTokenSource(_options.TerminateTimeout, _time);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, _stopToken);
        try
        {
            await link.Device.TerminateAsync(bound.Token).ConfigureAwait(false);
            sent = true;
            await ended.WaitAsync(bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested)
        {
            SessionLog.ActionFailed(_logger, "SKTERM", "no EVENT 27/28 in time");
        }
        catch (SkStackException ex)
        {
            SessionLog.ActionFailed(_logger, "SKTERM", ex.Message); // e.g. FAIL ER10: no session any more
        }

        if (sent && _state.Pan is { } pan)
        {
            // Taken after EVENT 27/28 (or the wait for it): the meter's clean-up began no later, so the wait errs long.
            await RecordTerminationAsync(pan, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        }
    }
}

/// <summary>Why the connection ended for good.</summary>
internal sealed record FailureRecord(ConnectionFailure Kind, string Message);

/// <summary>EVENT 24 to a join during which the meter sent no PANA message: fed to the machine as a silent join.</summary>
internal sealed record JoinFailedWithoutContact : ConnectionInput;
