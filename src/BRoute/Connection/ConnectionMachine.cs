using System.Globalization;
using BRoute.Retry;
using BRoute.Scanning;
using BRoute.SkStack.Grammar;

namespace BRoute.Connection;

/// <summary>
/// The connection state machine as a pure function: <c>(state, input) → (state, actions)</c>.
/// Disconnected → Scanning → Joining → Connected; EVENT 29 → Reauthenticating (no sending) until
/// EVENT 25, or a re-join after the timeout; EVENT 24/26/27/28 while connected → re-join; EVENT 24
/// during a join counts towards "authentication failed", a join timeout towards "no radio contact";
/// a failed join with a cached PAN invalidates the cache and rescans; each join retry is preceded by
/// a wake-up ping and a backoff; EVENT 32 closes the send gate until EVENT 33 (this machine is the one owner of that
/// pause; an opened dongle that reports SFB = 1 starts paused, and a reopen drops the old pause); a lost transport is
/// reopened with backoff. No SKJOIN goes out within the quiet period after an SKTERM (timing.md §4): the
/// first join waits what <see cref="Start.QuietFor"/> says is left of it, a re-join after EVENT 27/28 waits
/// the whole <see cref="ConnectionOptions.QuietPeriod"/>, and the retry after the first EVENT 24 waits at
/// least that long (the EVENT 24 may have been such a collision). Inputs that mean nothing in a phase
/// leave the state unchanged.
/// </summary>
internal static class ConnectionMachine
{
    /// <summary>Computes the next state and the actions to perform, in order.</summary>
    public static Transition Step(ConnectionState state, ConnectionInput input, ConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var b = new Builder(state, options);
        b.Handle(input);
        return b.Build(state.CanSend);
    }

    /// <summary>The "no radio contact" message.</summary>
    public static string NoRadioContactMessage(int joins, TimeSpan timeout) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"no radio contact: the meter answered none of {joins} join attempt(s) (neither EVENT 25 nor EVENT 24 within {timeout.TotalSeconds:0} s); is the dongle within range of the meter?");

    /// <summary>The "device lost" message.</summary>
    public static string DeviceLostMessage(int attempts) =>
        string.Create(CultureInfo.InvariantCulture, $"the dongle stopped answering and {attempts} attempt(s) to reopen it failed: check the USB or network connection to the dongle");

    private sealed class Builder(ConnectionState state, ConnectionOptions options)
    {
        private readonly List<ConnectionAction> _actions = [];
        private ConnectionState _s = state;

        public Transition Build(bool couldSend)
        {
            if (_s.CanSend != couldSend)
            {
                _actions.Add(new SetSendGate(_s.CanSend));
            }

            return new Transition(_s, _actions);
        }

        public void Handle(ConnectionInput input)
        {
            switch (input)
            {
                case Start start:
                    OnStart(start);
                    break;
                case Stop:
                    OnStop();
                    break;
                case ScanSucceeded found when _s.Phase == ConnectionPhase.Scanning:
                    BeginJoin(found.Pan, PanSource.Scan);
                    break;
                case ScanExhausted exhausted when _s.Phase == ConnectionPhase.Scanning:
                    Fail(ConnectionFailure.NoMeterFound, exhausted.Message);
                    break;
                case SkEvent e:
                    OnEvent(e.Code);
                    break;
                case TimerFired t when _s.Timers.TryGetValue(t.Kind, out var id) && id == t.Id:
                    _s = _s with { Timers = _s.Timers.Remove(t.Kind) };
                    OnTimer(t.Kind);
                    break;
                case TransportLost when _s.Phase is not (ConnectionPhase.Disconnected or ConnectionPhase.Failed or ConnectionPhase.Reopening):
                    BeginReopen();
                    break;
                case TransportReopened reopened when _s.Phase == ConnectionPhase.Reopening && _s.ReopenInFlight:
                    if (reopened.TransmitLimited)
                    {
                        // The pause is what the dongle in hand says (SFB), never one carried over from the lost dongle.
                        Arm(TimerKind.TransmitPause, options.TransmitPauseGuard);
                    }

                    if (_s.Pan is { } pan)
                    {
                        // The dongle was reset: join the known PAN again, rescanning if that fails.
                        BeginJoin(pan, PanSource.Cache);
                    }
                    else
                    {
                        BeginScan(null);
                    }

                    break;
                case TransportReopenFailed when _s.Phase == ConnectionPhase.Reopening && _s.ReopenInFlight:
                    ScheduleReopen();
                    break;
                default:
                    // Meaningless in this phase (e.g. a stale timer, EVENT 25 while scanning): no change.
                    break;
            }
        }

        private void OnStart(Start start)
        {
            if (_s.Phase is not (ConnectionPhase.Disconnected or ConnectionPhase.Failed))
            {
                return;
            }

            _s = ConnectionState.Initial(_s.JitterSeed) with { JitterDraws = _s.JitterDraws, LastTimerId = _s.LastTimerId };
            if (start.TransmitLimited)
            {
                Arm(TimerKind.TransmitPause, options.TransmitPauseGuard);
            }

            if (start.CachedPan is { } pan)
            {
                BeginJoin(pan, PanSource.Cache, start.QuietFor);
            }
            else
            {
                BeginScan(null);
            }
        }

        private void OnStop()
        {
            if (_s.Phase is ConnectionPhase.Connected or ConnectionPhase.Reauthenticating)
            {
                _actions.Add(new Terminate());
            }

            CancelAll();
            _s = _s with { Phase = ConnectionPhase.Disconnected, Failure = ConnectionFailure.None, FailureMessage = null };
        }

        private void OnEvent(SkEventCode code)
        {
            if (_s.Phase is ConnectionPhase.Disconnected or ConnectionPhase.Failed)
            {
                // Nothing is sent in these phases and Start begins with a clean state; the next
                // Start asks the dongle (SFB) whether it is still paused.
                return;
            }

            switch (code)
            {
                case SkEventCode.TransmissionLimitExceeded:
                    Arm(TimerKind.TransmitPause, options.TransmitPauseGuard);
                    return;
                case SkEventCode.TransmissionLimitReleased when _s.TransmitPaused:
                    Cancel(TimerKind.TransmitPause);
                    return;
            }

            switch (_s.Phase, code)
            {
                case (ConnectionPhase.Joining, SkEventCode.PanaConnectionSucceeded):
                    // Also accepted during the retry backoff: a late success is a success.
                    OnJoined();
                    break;
                case (ConnectionPhase.Joining, SkEventCode.PanaConnectionFailed) when _s.JoinInFlight:
                    OnJoinFailed(authentication: true);
                    break;
                case (ConnectionPhase.Connected, SkEventCode.SessionLifetimeExpired):
                    _s = _s with { Phase = ConnectionPhase.Reauthenticating };
                    Arm(TimerKind.Reauthentication, options.ReauthenticationTimeout);
                    break;
                case (ConnectionPhase.Connected or ConnectionPhase.Reauthenticating,
                    SkEventCode.SessionTerminationCompleted or SkEventCode.SessionTerminationTimedOut):
                    // An SKTERM ended the session (EVENT 27: answered, 28: unanswered): the meter may still be cleaning up.
                    Rejoin(options.QuietPeriod);
                    break;
                case (ConnectionPhase.Connected or ConnectionPhase.Reauthenticating,
                    SkEventCode.PanaConnectionFailed or SkEventCode.SessionTerminationRequested):
                    Rejoin(TimeSpan.Zero);
                    break;
                case (ConnectionPhase.Reauthenticating, SkEventCode.PanaConnectionSucceeded):
                    Cancel(TimerKind.Reauthentication);
                    _s = _s with { Phase = ConnectionPhase.Connected };
                    break;
                default:
                    // EVENT 25 while connected = the module's automatic re-authentication succeeded: nothing to do.
                    break;
            }
        }

        private void OnTimer(TimerKind kind)
        {
            switch (kind)
            {
                case TimerKind.Join when _s.Phase == ConnectionPhase.Joining:
                    OnJoinFailed(authentication: false);
                    break;
                case TimerKind.JoinRetry or TimerKind.QuietPeriod when _s.Phase == ConnectionPhase.Joining && !_s.JoinInFlight:
                    SendJoin();
                    break;
                case TimerKind.Reauthentication when _s.Phase == ConnectionPhase.Reauthenticating:
                    Rejoin(TimeSpan.Zero);
                    break;
                case TimerKind.Reopen when _s.Phase == ConnectionPhase.Reopening:
                    _actions.Add(new ReopenTransport());
                    break;
                case TimerKind.TransmitPause:
                    // The guard expired: the pause ends with its timer (ConnectionState.TransmitPaused).
                    break;
            }
        }

        private void OnJoined()
        {
            Cancel(TimerKind.Join);
            Cancel(TimerKind.JoinRetry);
            Cancel(TimerKind.QuietPeriod);
            if (_s.PanSource == PanSource.Scan)
            {
                _actions.Add(new SavePan(_s.Pan!));
            }

            _s = _s with
            {
                Phase = ConnectionPhase.Connected,
                AuthenticationFailures = 0,
                SilentJoins = 0,
                JoinRetries = 0,
                ReopenAttempts = 0,
            };
        }

        private void OnJoinFailed(bool authentication)
        {
            Cancel(TimerKind.Join);
            _s = authentication
                ? _s with { AuthenticationFailures = _s.AuthenticationFailures + 1 }
                : _s with { SilentJoins = _s.SilentJoins + 1 };

            if (_s.PanSource == PanSource.Cache && !authentication)
            {
                // No answer from the cached PAN: it may be stale (meter replaced, channel changed), so forget it
                // and look again. An EVENT 24 after the meter answered PANA proves the PAN right (only a PAN
                // advertising our PairID is ever cached): keep it and retry, as for a scanned PAN.
                _actions.Add(new InvalidatePanCache());
                BeginScan(_s.Pan!.Channel);
                return;
            }

            var exhausted = _s.AuthenticationFailures >= options.MaxAuthenticationFailures || _s.SilentJoins >= options.MaxSilentJoins;
            if (exhausted && _s.PanSource == PanSource.Session)
            {
                // These credentials worked minutes ago: reset the dongle rather than blame them.
                BeginReopen();
                return;
            }

            if (_s.AuthenticationFailures >= options.MaxAuthenticationFailures)
            {
                Fail(ConnectionFailure.AuthenticationFailed, AuthenticationFailedException.DefaultMessage);
                return;
            }

            if (_s.SilentJoins >= options.MaxSilentJoins)
            {
                Fail(ConnectionFailure.NoRadioContact, NoRadioContactMessage(_s.AuthenticationFailures + _s.SilentJoins, options.JoinTimeout));
                return;
            }

            if (options.PingBeforeJoinRetry)
            {
                _actions.Add(new PingMeter(_s.Pan!));
            }

            var delay = NextDelay(options.JoinBackoff, _s.JoinRetries);
            if (authentication && _s.AuthenticationFailures == 1 && delay < options.QuietPeriod)
            {
                // This EVENT 24 may be the meter still cleaning up after an SKTERM nobody told us about (another run
                // without a PAN cache, a skewed clock): retry outside any quiet period that began before this join.
                delay = options.QuietPeriod;
            }

            Arm(TimerKind.JoinRetry, delay);
            _s = _s with { JoinRetries = _s.JoinRetries + 1 };
        }

        private void Rejoin(TimeSpan quiet)
        {
            Cancel(TimerKind.Reauthentication);
            BeginJoin(_s.Pan!, PanSource.Session, quiet);
        }

        private void BeginScan(byte? knownChannel)
        {
            _s = _s with { Phase = ConnectionPhase.Scanning };
            _actions.Add(new StartScan(knownChannel));
        }

        private void BeginJoin(MeterPan pan, PanSource source, TimeSpan quiet = default)
        {
            _s = _s with { Phase = ConnectionPhase.Joining, Pan = pan, PanSource = source };
            if (quiet > TimeSpan.Zero)
            {
                // Joining, but no SKJOIN before the quiet period after SKTERM is over (the timer sends it).
                Arm(TimerKind.QuietPeriod, quiet);
                return;
            }

            SendJoin();
        }

        private void SendJoin()
        {
            _actions.Add(new Join(_s.Pan!, _s.PanSource));
            Arm(TimerKind.Join, options.JoinTimeout);
        }

        private void BeginReopen()
        {
            // Every timer goes, the EVENT 32 pause too: the reopened dongle may be another one (or power-cycled) and
            // never send EVENT 33; TransportReopened says whether it is paused (SFB, asked on open).
            CancelAll();
            _s = _s with
            {
                Phase = ConnectionPhase.Reopening,
                ReopenAttempts = 0,
                AuthenticationFailures = 0,
                SilentJoins = 0,
                JoinRetries = 0,
            };
            ScheduleReopen();
        }

        private void ScheduleReopen()
        {
            if (_s.ReopenAttempts >= options.MaxReopenAttempts)
            {
                Fail(ConnectionFailure.DeviceLost, DeviceLostMessage(_s.ReopenAttempts));
                return;
            }

            Arm(TimerKind.Reopen, NextDelay(options.ReopenBackoff, _s.ReopenAttempts));
            _s = _s with { ReopenAttempts = _s.ReopenAttempts + 1 };
        }

        private void Fail(ConnectionFailure failure, string message)
        {
            CancelAll();
            _s = _s with { Phase = ConnectionPhase.Failed, Failure = failure, FailureMessage = message };
            _actions.Add(new Fail(failure, message));
        }

        private TimeSpan NextDelay(BackoffOptions backoff, int attempt)
        {
            var unit = DeterministicJitter.Unit(_s.JitterSeed, _s.JitterDraws);
            _s = _s with { JitterDraws = _s.JitterDraws + 1 };
            return backoff.Delay(attempt, unit);
        }

        private void Arm(TimerKind kind, TimeSpan delay)
        {
            var id = _s.LastTimerId + 1;
            _s = _s with { LastTimerId = id, Timers = _s.Timers.SetItem(kind, id) };
            _actions.Add(new StartTimer(kind, delay, id));
        }

        private void Cancel(TimerKind kind)
        {
            if (_s.Timers.ContainsKey(kind))
            {
                _s = _s with { Timers = _s.Timers.Remove(kind) };
                _actions.Add(new CancelTimer(kind));
            }
        }

        private void CancelAll()
        {
            foreach (var kind in _s.Timers.Keys.Order().ToArray())
            {
                Cancel(kind);
            }
        }
    }
}
