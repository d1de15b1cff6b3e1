using System.Globalization;
using BRoute.Connection;
using BRoute.SkStack.Errors;
using BRoute.SkStack.Grammar;
using MachineEvent = BRoute.Connection.SkEvent;

namespace BRoute.Session;

/// <summary>The actor loop: one input at a time into <see cref="ConnectionMachine"/>, its actions performed, timers on the <see cref="TimeProvider"/>, background operations (scan, join, reopen) that report back as inputs.</summary>
internal sealed partial class ConnectionDriver
{
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
            SessionLog.SessionEvent(_logger, (byte)e.Code, ConnectionText.EventMeaning(e.Code), before.Phase.ToString());
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
}
