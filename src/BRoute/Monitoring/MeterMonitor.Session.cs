using System.Text;
using BRoute.Connection;
using BRoute.EchonetLite.Meter;
using BRoute.Session;

namespace BRoute.Monitoring;

/// <summary>One connected session: the schedule, the notifications, the identity, the phase → state.</summary>
public sealed partial class MeterMonitor
{
    private static readonly byte[] IdentityEpcs = [MeterEpc.ManufacturerCode, MeterEpc.ProductionNumber, MeterEpc.StandardVersion];

    private MeterSession? _current;
    private int _silentReads;

    private MeterSession? Current => Volatile.Read(ref _current);

    /// <summary>Runs the schedule on <paramref name="session"/> until it must be replaced; returns why, in plain words.</summary>
    private async Task<string> RunSessionAsync(MeterSession session, CancellationToken cancellationToken)
    {
        var meterId = session.Pan?.MacHex ?? throw new InvalidOperationException("a connected session has a PAN");
        Volatile.Write(ref _current, session);
        Volatile.Write(ref _silentReads, 0);
        ObservePhase(session);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var notifications = ForwardNotificationsAsync(session, meterId, stop.Token);
        var history = Task.CompletedTask;
        try
        {
            await ReadIdentityAsync(session, meterId, cancellationToken).ConfigureAwait(false);
            if (_options.History is { } store)
            {
                history = FillHistoryAsync(session, meterId, store, stop.Token);
            }

            return await RunScheduleAsync(session, meterId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _current, null);
            await stop.CancelAsync().ConfigureAwait(false);
            await notifications.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await history.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Publish(new CountersEvent(_time.GetUtcNow(), meterId, session.Statistics, Reconnects));
            await CloseAsync(session).ConfigureAwait(false);
        }
    }

    private async Task<string> RunScheduleAsync(MeterSession session, string meterId, CancellationToken cancellationToken)
    {
        var map = session.Meter.GetPropertyMap;
        var groups = _options.Schedule.Groups.Select(g => (Epcs: g.For(map), g.Interval)).ToArray();
        var now = _time.GetUtcNow();
        var next = groups.Select(_ => now).ToArray();
        var nextCounters = now + _options.CountersInterval;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ObservePhase(session);
            if (session.Phase == ConnectionPhase.Failed)
            {
                return "the session with the meter could not be kept up";
            }

            now = _time.GetUtcNow();
            if (now >= nextCounters)
            {
                Publish(new CountersEvent(now, meterId, session.Statistics, Reconnects));
                nextCounters = now + _options.CountersInterval;
            }

            // While the dongle has paused sending (EVENT 32) nothing is asked: a read would only wait at the session's
            // gate and fail; the schedule goes on when the pause ends (EVENT 33, or the session's guard).
            var paused = session.Phase == ConnectionPhase.Connected && !session.IsConnected;
            var due = paused ? [] : Enumerable.Range(0, groups.Length).Where(i => next[i] <= now).ToList();
            if (due.Count == 0)
            {
                var wake = new[] { paused ? now + _options.StatePollInterval : next.Min(), nextCounters, now + _options.StatePollInterval }.Min();
                await SleepAsync(wake - now, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var epcs = due.SelectMany(i => groups[i].Epcs).Distinct().ToList();
            string? failure = await ReadOnceAsync(session, meterId, epcs, cancellationToken).ConfigureAwait(false);
            var after = _time.GetUtcNow();
            foreach (var i in due)
            {
                // A read held up by an outage does not leave a backlog of ticks: the next one is an interval away.
                next[i] += groups[i].Interval;
                if (next[i] <= after)
                {
                    next[i] = after + groups[i].Interval;
                }
            }

            if (failure is not null)
            {
                return failure;
            }
        }
    }

    /// <summary>One Get; null when the schedule goes on, else why the session must be replaced.</summary>
    private async Task<string?> ReadOnceAsync(MeterSession session, string meterId, List<byte> epcs, CancellationToken cancellationToken)
    {
        try
        {
            var reading = await WhileWaiting(session.ReadAsync(epcs, cancellationToken)).ConfigureAwait(false);
            Volatile.Write(ref _silentReads, 0);
            ObservePhase(session);
            PublishReading(meterId, reading);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (AuthenticationFailedException)
        {
            throw;
        }
        catch (ObjectDisposedException)
        {
            return "the session ended";
        }
        catch (Exception ex)
        {
            MonitorLog.ReadFailed(_logger, ex.GetType().Name, ex.Message);
            var silent = Interlocked.Increment(ref _silentReads);
            var reason = MonitorReasons.Describe(ex);
            SetState(MonitorStateKind.Outage, $"{reason}; still trying", session: session);
            return silent >= _options.FailedReadsBeforeReconnect || session.Phase == ConnectionPhase.Failed
                ? $"{reason} {silent} time(s) in a row"
                : null;
        }
    }

    private void PublishReading(string meterId, MeterReading reading)
    {
        var measurements = MeasurementMapping.FromReading(meterId, reading);
        if (measurements.Count > 0)
        {
            Publish(new MeasurementsEvent(reading.ReadAt, measurements));
        }

        foreach (var slot in HalfHourMapping.FromReading(meterId, reading))
        {
            Publish(new HalfHourEvent(reading.ReadAt, slot));
        }
    }

    private async Task ForwardNotificationsAsync(MeterSession session, string meterId, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await foreach (var n in session.ReadNotificationsAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var slot in HalfHourMapping.FromNotification(meterId, n, session.Scale))
                {
                    Publish(new HalfHourEvent(n.ReceivedAt, slot));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the session is being replaced or the monitor stops
        }
        catch (ObjectDisposedException)
        {
            // the session closed first
        }
    }

    /// <summary>8A, 8D, 82 where the Get map has them, and E8 (a two-wire meter has no phase T), once per connect.</summary>
    private async Task ReadIdentityAsync(MeterSession session, string meterId, CancellationToken cancellationToken)
    {
        var info = session.Meter;
        var map = info.GetPropertyMap;
        var epcs = IdentityEpcs.Where(e => map is null || map.Contains(e)).Append(MeterEpc.InstantaneousCurrent).ToList();
        MeterReading? reading = null;
        try
        {
            reading = await WhileWaiting(session.ReadAsync(epcs, cancellationToken)).ConfigureAwait(false);
            PublishReading(meterId, reading);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not AuthenticationFailedException)
        {
            MonitorLog.IdentityFailed(_logger, ex.GetType().Name, ex.Message); // the schedule's reads will tell whether the link is down
        }

        DecodedProperty? Get(byte epc) => reading is not null && reading.TryGet(epc, out var p) && p.Status == ValueStatus.Ok ? p : null;
        var identity = new MeterIdentity(
            meterId,
            Get(MeterEpc.ManufacturerCode) is { } maker ? Convert.ToHexString(maker.Raw.Span) : null,
            Get(MeterEpc.ProductionNumber) is { } serial ? Encoding.ASCII.GetString(serial.Raw.Span).Trim(' ', '\0') : null,
            Get(MeterEpc.StandardVersion)?.Value is StandardVersionValue v ? $"Appendix {v.Release}" : null,
            info.Coefficient,
            info.KwhPerCount,
            info.EffectiveDigits,
            map is null || map.Contains(MeterEpc.CumulativeEnergyReverse) || map.Contains(MeterEpc.CumulativeEnergyFixedTimeReverse),
            Get(MeterEpc.InstantaneousCurrent)?.Value is CurrentValue { R: not null, T: null });
        var previous = Interlocked.Exchange(ref _meter, identity);
        if (previous != identity)
        {
            Publish(new MeterIdentifiedEvent(_time.GetUtcNow(), identity));
        }
    }

    /// <summary>The session's phase as the monitor's state (emitted only when the kind changes).</summary>
    private void ObservePhase(MeterSession session)
    {
        switch (session.Phase)
        {
            case ConnectionPhase.Connected when session.IsConnected:
                if (Volatile.Read(ref _silentReads) == 0)
                {
                    SetState(MonitorStateKind.Connected, "connected; readings flow", session: session);
                }

                break;
            case ConnectionPhase.Connected:
                SetState(
                    MonitorStateKind.TransmitPaused,
                    "the dongle paused sending (its hourly radio-time limit); readings resume when it allows",
                    until: _time.GetUtcNow() + _options.Session.Connection.TransmitPauseGuard,
                    session: session);
                break;
            case ConnectionPhase.Reauthenticating:
                SetState(MonitorStateKind.Reauthenticating, "the meter's session is being renewed; readings resume by themselves", session: session);
                break;
            case ConnectionPhase.Joining or ConnectionPhase.Scanning:
                // A re-join after the dongle came back is still part of that outage; otherwise the meter ended the session.
                if (State?.Kind != MonitorStateKind.Outage)
                {
                    SetState(MonitorStateKind.Connecting, "the meter ended the session; joining it again", session: session);
                }

                break;
            case ConnectionPhase.Reopening:
                SetState(MonitorStateKind.Outage, "the dongle went away (unplugged or reset); waiting for it to come back", session: session);
                break;
            case ConnectionPhase.Failed:
                SetState(MonitorStateKind.Outage, "the link to the meter was lost; connecting again", session: session);
                break;
        }
    }

    private async Task CloseAsync(MeterSession session)
    {
        try
        {
            await WhileWaiting(session.DisposeAsync().AsTask().WaitAsync(_options.CloseTimeout, _time)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            MonitorLog.CloseFailed(_logger, ex.GetType().Name, ex.Message);
        }
    }
}
