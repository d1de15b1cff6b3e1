using BRoute.Retry;
using BRoute.Session;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BRoute.Monitoring;

/// <summary>
/// Keeps a <see cref="MeterSession"/> with one meter for as long as it runs, and turns what it reads and hears into
/// one stream of <see cref="MonitorEvent"/>s. Connects; after any failure (the session failed, the dongle is gone,
/// the meter is silent, the credentials were refused, anything the session throws) it connects again with capped
/// exponential backoff and jitter (<see cref="MeterMonitorOptions.ReconnectBackoff"/>; a refusal waits
/// <see cref="MeterMonitorOptions.AuthenticationBackoff"/>), forever, until cancelled. While connected it runs the
/// <see cref="ReadSchedule"/>, passes the meter's INF/INFC on, reads the meter's identity once per connect, and emits
/// state changes (each once) and periodic counters. Every wait goes through the session options' clock.
/// </summary>
/// <example>
/// <code>
/// var monitor = new MeterMonitor(new MeterMonitorOptions { Session = sessionOptions });
/// using var events = monitor.Subscribe();
/// var running = monitor.RunAsync(ct);
/// await foreach (var e in events.ReadAllAsync(ct)) { if (e is MeasurementsEvent m) … }
/// </code>
/// </example>
public sealed partial class MeterMonitor
{
    private readonly MeterMonitorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Random _jitter;
    private readonly Lock _lock = new();
    private readonly List<MonitorSubscription> _subscribers = [];
    private MonitorState? _state;
    private MeterIdentity? _meter;
    private long _reconnects;
    private int _started;
    private int _busy;
    private int _sleeping;

    /// <summary>A monitor with these options (validated here); nothing happens before <see cref="RunAsync"/>.</summary>
    /// <exception cref="ArgumentException">A setting cannot work.</exception>
    public MeterMonitor(MeterMonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = options.Session.TimeProvider;
        _logger = options.Session.Logger ?? NullLogger.Instance;
        _jitter = options.Seed is { } seed ? new Random(seed) : new Random();
    }

    /// <summary>The latest state (null before <see cref="RunAsync"/>).</summary>
    public MonitorState? State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>The meter's identity from the latest connect; null before the first.</summary>
    public MeterIdentity? Meter => Volatile.Read(ref _meter);

    /// <summary>Sessions connected after the first one (each reconnect after a failure).</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>True while the monitor waits on its clock or on the session, with nothing of its own to do (tests on a fake clock).</summary>
    internal bool IsWaiting => Volatile.Read(ref _busy) == 0;

    /// <summary>True while the monitor sleeps on its clock between operations: no request of its own is in flight.</summary>
    internal bool IsSleeping => Volatile.Read(ref _sleeping) > 0 && IsWaiting;

    /// <summary>
    /// A new subscriber with its own buffer (see <see cref="MonitorSubscription"/>); it receives every event published
    /// from now on, starting with the current state. Dispose it to stop receiving.
    /// </summary>
    public MonitorSubscription Subscribe()
    {
        var subscription = new MonitorSubscription(_options.SubscriberCapacity, Unsubscribe);
        lock (_lock)
        {
            if (_state is { Kind: MonitorStateKind.Stopped })
            {
                subscription.Complete();
                return subscription;
            }

            if (_state is { } state)
            {
                subscription.Publish(new StateChangedEvent(state.Since, state));
            }

            _subscribers.Add(subscription);
        }

        return subscription;
    }

    /// <summary>Subscribes now and yields the events until the monitor stops or <paramref name="cancellationToken"/> fires.</summary>
    public IAsyncEnumerable<MonitorEvent> ReadEventsAsync(CancellationToken cancellationToken = default)
    {
        var subscription = Subscribe();
        return Read(subscription, cancellationToken);

        static async IAsyncEnumerable<MonitorEvent> Read(MonitorSubscription s, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            using (s)
            {
                await foreach (var e in s.ReadAllAsync(ct).ConfigureAwait(false))
                {
                    yield return e;
                }
            }
        }
    }

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> fires: connect, read, reconnect after any failure. Completes
    /// normally when cancelled (after closing the session with SKTERM and emitting <see cref="MonitorStateKind.Stopped"/>);
    /// subscriptions end then. Call it once.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("a monitor runs once; create a new one");
        }

        Interlocked.Increment(ref _busy);
        try
        {
            await SuperviseAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            SetState(MonitorStateKind.Stopped, "stopped");
            lock (_lock)
            {
                foreach (var s in _subscribers)
                {
                    s.Complete();
                }

                _subscribers.Clear();
            }

            Interlocked.Decrement(ref _busy);
        }
    }

    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        var refusals = 0;
        var connectedBefore = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan wait;
            if (State?.Kind is not (MonitorStateKind.Outage or MonitorStateKind.AuthenticationRefused))
            {
                SetState(MonitorStateKind.Connecting, connectedBefore ? "connecting to the meter again" : "connecting to the meter");
            }

            try
            {
                var session = await WhileWaiting(MeterSession.ConnectAsync(_options.Session, new ProgressRelay(this), cancellationToken)).ConfigureAwait(false);
                if (connectedBefore)
                {
                    Interlocked.Increment(ref _reconnects);
                }

                connectedBefore = true;
                failures = 0;
                refusals = 0;
                var reason = await RunSessionAsync(session, cancellationToken).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                SetState(MonitorStateKind.Outage, $"{reason}; connecting again");
                wait = _options.ReconnectBackoff.Delay(failures++, NextUnit());
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (AuthenticationFailedException)
            {
                wait = _options.AuthenticationBackoff.Delay(refusals++, NextUnit());
                SetState(
                    MonitorStateKind.AuthenticationRefused,
                    $"the meter refused the B-route ID or password; check them (trying again in {Minutes(wait)})",
                    until: _time.GetUtcNow() + wait);
            }
            catch (Exception ex)
            {
                wait = _options.ReconnectBackoff.Delay(failures++, NextUnit());
                MonitorLog.ConnectFailed(_logger, ex.GetType().Name, ex.Message);
                SetState(MonitorStateKind.Outage, $"{MonitorReasons.Describe(ex)}; trying again in {Minutes(wait)}");
            }

            try
            {
                await SleepAsync(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private double NextUnit()
    {
        lock (_jitter)
        {
            return _jitter.NextDouble();
        }
    }

    private static string Minutes(TimeSpan wait) => wait < TimeSpan.FromMinutes(2)
        ? $"{Math.Max(1, (int)Math.Round(wait.TotalSeconds))} s"
        : $"{(int)Math.Round(wait.TotalMinutes)} min";

    /// <summary>Waits on the clock with nothing in flight.</summary>
    private async Task SleepAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sleeping);
        try
        {
            await WhileWaiting(Task.Delay(wait, _time, cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _sleeping);
        }
    }

    /// <summary>Marks the monitor idle while <paramref name="task"/> runs (it waits on the clock or the session).</summary>
    private async Task WhileWaiting(Task task)
    {
        Interlocked.Decrement(ref _busy);
        try
        {
            await task.ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Increment(ref _busy);
        }
    }

    /// <inheritdoc cref="WhileWaiting(Task)"/>
    private async Task<T> WhileWaiting<T>(Task<T> task)
    {
        Interlocked.Decrement(ref _busy);
        try
        {
            return await task.ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Increment(ref _busy);
        }
    }

    private void Unsubscribe(MonitorSubscription subscription)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscription);
        }
    }

    private void Publish(MonitorEvent monitorEvent)
    {
        lock (_lock)
        {
            foreach (var s in _subscribers)
            {
                s.Publish(monitorEvent);
            }
        }
    }

    /// <summary>Emits a state change when the kind changes (each change once); an outage keeps its first instant.</summary>
    private void SetState(MonitorStateKind kind, string reason, DateTimeOffset? until = null, MeterSession? session = null)
    {
        lock (_lock)
        {
            if (_state?.Kind == kind)
            {
                return;
            }

            var now = _time.GetUtcNow();
            var pan = session?.Pan ?? _state?.Pan;
            var family = session?.Dialect?.Family is { } f && f != SkStack.Grammar.DongleFamily.Unknown
                ? f.ToString().ToLowerInvariant()
                : _state?.DongleFamily;
            _state = new MonitorState(pan?.MacHex ?? _meter?.Id, kind, now, until, pan, family, reason);
            MonitorLog.State(_logger, kind.ToString(), reason);
            var e = new StateChangedEvent(now, _state);
            foreach (var s in _subscribers)
            {
                s.Publish(e);
            }
        }
    }

    /// <summary>Session progress → the caller's progress, and the session's phase → a state change.</summary>
    private sealed class ProgressRelay(MeterMonitor monitor) : IProgress<SessionProgress>
    {
        public void Report(SessionProgress value)
        {
            monitor._options.Progress?.Report(value);
            if (monitor.Current is { } session)
            {
                monitor.ObservePhase(session);
            }
        }
    }
}
