using BRoute.Connection;
using BRoute.Retry;
using BRoute.Scanning;
using BRoute.SkStack.Grammar;

namespace BRoute.Tests.Connection;

public sealed class ConnectionMachineTests
{
    private static readonly MeterPan Pan = new(0x21, 0x24EF, 0x00808700301224EF, "CCDDEEFF");
    private static readonly ConnectionOptions NoJitter = new()
    {
        JoinBackoff = new BackoffOptions { Jitter = 0 },
        ReopenBackoff = new BackoffOptions { Jitter = 0 },
    };

    private ConnectionState _state = ConnectionState.Initial(jitterSeed: 99);

    private IReadOnlyList<ConnectionAction> Feed(ConnectionInput input, ConnectionOptions? options = null)
    {
        var t = ConnectionMachine.Step(_state, input, options ?? NoJitter);
        _state = t.State;
        return t.Actions;
    }

    private IReadOnlyList<ConnectionAction> Event(SkEventCode code) => Feed(new SkEvent(code));

    private IReadOnlyList<ConnectionAction> Fire(TimerKind kind) => Feed(new TimerFired(kind, _state.Timers[kind]));

    private void ConnectViaScan()
    {
        Feed(new Start(null));
        Feed(new ScanSucceeded(Pan));
        Event(SkEventCode.PanaConnectionSucceeded);
        Assert.Equal(ConnectionPhase.Connected, _state.Phase);
    }

    [Fact]
    public void Start_without_cache_scans()
    {
        Assert.Equal([new StartScan(null)], Feed(new Start(null)));
        Assert.Equal(ConnectionPhase.Scanning, _state.Phase);
        Assert.False(_state.CanSend);
    }

    [Fact]
    public void Start_with_cache_joins_the_cached_pan_with_a_45_s_guard()
    {
        Assert.Equal([new Join(Pan, PanSource.Cache), new StartTimer(TimerKind.Join, TimeSpan.FromSeconds(45), 1)], Feed(new Start(Pan)));
        Assert.Equal(ConnectionPhase.Joining, _state.Phase);
        Assert.True(_state.JoinInFlight);
    }

    [Fact]
    public void Scan_join_success_saves_the_pan_and_opens_the_gate()
    {
        Feed(new Start(null));
        Assert.Equal([new Join(Pan, PanSource.Scan), new StartTimer(TimerKind.Join, TimeSpan.FromSeconds(45), 1)], Feed(new ScanSucceeded(Pan)));
        Assert.Equal([new CancelTimer(TimerKind.Join), new SavePan(Pan), new SetSendGate(true)], Event(SkEventCode.PanaConnectionSucceeded));
        Assert.True(_state.CanSend);
        Assert.Empty(_state.Timers);
    }

    [Fact]
    public void Cached_join_success_does_not_rewrite_the_cache()
    {
        Feed(new Start(Pan));
        Assert.Equal([new CancelTimer(TimerKind.Join), new SetSendGate(true)], Event(SkEventCode.PanaConnectionSucceeded));
    }

    [Fact]
    public void Cached_join_refused_by_the_meter_keeps_the_cache_and_retries_then_blames_the_credentials()
    {
        // EVENT 24 reaches the machine only when the meter answered PANA: the cached PAN is right,
        // so a mistyped password must not cost the user a rescan next time.
        Feed(new Start(Pan));
        Assert.Equal(
            [new CancelTimer(TimerKind.Join), new PingMeter(Pan), new StartTimer(TimerKind.JoinRetry, TimeSpan.FromSeconds(10), 2)],
            Event(SkEventCode.PanaConnectionFailed));
        Assert.Equal(ConnectionPhase.Joining, _state.Phase);
        Assert.Equal(1, _state.AuthenticationFailures);
        Assert.Equal([new Join(Pan, PanSource.Cache), new StartTimer(TimerKind.Join, TimeSpan.FromSeconds(45), 3)], Fire(TimerKind.JoinRetry));
        Event(SkEventCode.PanaConnectionFailed);
        Fire(TimerKind.JoinRetry);

        var last = Event(SkEventCode.PanaConnectionFailed);

        Assert.Equal([new CancelTimer(TimerKind.Join), new Fail(ConnectionFailure.AuthenticationFailed, "authentication failed: check the B-route ID and password; the meter answered EVENT 24")], last);
        Assert.Equal(ConnectionFailure.AuthenticationFailed, _state.Failure);
    }

    [Fact]
    public void Cached_join_timeout_invalidates_the_cache_and_rescans()
    {
        Feed(new Start(Pan));
        Assert.Equal([new InvalidatePanCache(), new StartScan(0x21)], Fire(TimerKind.Join));
        Assert.Equal(1, _state.SilentJoins);
    }

    [Fact]
    public void Three_event_24s_mean_authentication_failed_with_ping_and_backoff_between_joins()
    {
        Feed(new Start(null));
        Feed(new ScanSucceeded(Pan));

        // The first retry waits the quiet period (the EVENT 24 may be a collision with the meter's clean-up after an
        // SKTERM); the second only the backoff.
        Assert.Equal(
            [new CancelTimer(TimerKind.Join), new PingMeter(Pan), new StartTimer(TimerKind.JoinRetry, TimeSpan.FromSeconds(10), 2)],
            Event(SkEventCode.PanaConnectionFailed));
        Assert.False(_state.JoinInFlight);
        Assert.Equal([new Join(Pan, PanSource.Scan), new StartTimer(TimerKind.Join, TimeSpan.FromSeconds(45), 3)], Fire(TimerKind.JoinRetry));

        Assert.Equal(
            [new CancelTimer(TimerKind.Join), new PingMeter(Pan), new StartTimer(TimerKind.JoinRetry, TimeSpan.FromSeconds(2), 4)],
            Event(SkEventCode.PanaConnectionFailed));
        Fire(TimerKind.JoinRetry);

        var last = Event(SkEventCode.PanaConnectionFailed);
        Assert.Equal([new CancelTimer(TimerKind.Join), new Fail(ConnectionFailure.AuthenticationFailed, "authentication failed: check the B-route ID and password; the meter answered EVENT 24")], last);
        Assert.Equal(ConnectionPhase.Failed, _state.Phase);
        Assert.Equal(ConnectionFailure.AuthenticationFailed, _state.Failure);
        Assert.Empty(_state.Timers);
    }

    [Fact]
    public void Three_silent_joins_mean_no_radio_contact_not_authentication()
    {
        Feed(new Start(null));
        Feed(new ScanSucceeded(Pan));
        Fire(TimerKind.Join);
        Fire(TimerKind.JoinRetry);
        Fire(TimerKind.Join);
        Fire(TimerKind.JoinRetry);
        var last = Fire(TimerKind.Join);
        var fail = Assert.IsType<Fail>(Assert.Single(last));
        Assert.Equal(ConnectionFailure.NoRadioContact, fail.Failure);
        Assert.Equal("no radio contact: the meter answered none of 3 join attempt(s) (neither EVENT 25 nor EVENT 24 within 45 s); is the dongle within range of the meter?", fail.Message);
    }

    [Fact]
    public void Mixed_failures_below_both_limits_keep_trying()
    {
        Feed(new Start(null));
        Feed(new ScanSucceeded(Pan));
        Event(SkEventCode.PanaConnectionFailed);
        Fire(TimerKind.JoinRetry);
        Fire(TimerKind.Join);
        Fire(TimerKind.JoinRetry);
        Event(SkEventCode.PanaConnectionFailed);
        Fire(TimerKind.JoinRetry);
        Assert.Equal(ConnectionPhase.Joining, _state.Phase);
        Assert.Equal((2, 1), (_state.AuthenticationFailures, _state.SilentJoins));
        Event(SkEventCode.PanaConnectionSucceeded);
        Assert.Equal((0, 0, 0), (_state.AuthenticationFailures, _state.SilentJoins, _state.JoinRetries));
    }

    [Fact]
    public void Ping_before_retry_can_be_switched_off()
    {
        var options = NoJitter with { PingBeforeJoinRetry = false };
        Feed(new Start(null), options);
        Feed(new ScanSucceeded(Pan), options);
        Assert.DoesNotContain(Feed(new SkEvent(SkEventCode.PanaConnectionFailed), options), a => a is PingMeter);
    }

    [Fact]
    public void Late_event_25_during_the_retry_backoff_connects_and_event_24_there_is_ignored()
    {
        Feed(new Start(null));
        Feed(new ScanSucceeded(Pan));
        Fire(TimerKind.Join);
        Assert.Empty(Event(SkEventCode.PanaConnectionFailed));
        Assert.Equal(0, _state.AuthenticationFailures);
        Assert.Equal([new CancelTimer(TimerKind.JoinRetry), new SavePan(Pan), new SetSendGate(true)], Event(SkEventCode.PanaConnectionSucceeded));
    }

    [Fact]
    public void Event_29_closes_the_gate_until_event_25()
    {
        ConnectViaScan();
        Assert.Equal([new StartTimer(TimerKind.Reauthentication, TimeSpan.FromSeconds(60), 2), new SetSendGate(false)], Event(SkEventCode.SessionLifetimeExpired));
        Assert.Equal(ConnectionPhase.Reauthenticating, _state.Phase);
        Assert.False(_state.CanSend);
        Assert.Equal([new CancelTimer(TimerKind.Reauthentication), new SetSendGate(true)], Event(SkEventCode.PanaConnectionSucceeded));
        Assert.Equal(ConnectionPhase.Connected, _state.Phase);
    }

    [Fact]
    public void Reauthentication_timeout_rejoins_the_session_pan()
    {
        ConnectViaScan();
        Event(SkEventCode.SessionLifetimeExpired);
        Assert.Equal([new Join(Pan, PanSource.Session), new StartTimer(TimerKind.Join, TimeSpan.FromSeconds(45), 3)], Fire(TimerKind.Reauthentication));
        Assert.Equal(ConnectionPhase.Joining, _state.Phase);
    }

    [Theory]
    [InlineData(SkEventCode.SessionTerminationRequested)]
    [InlineData(SkEventCode.PanaConnectionFailed)]
    public void Session_end_events_while_connected_rejoin(SkEventCode code)
    {
        ConnectViaScan();
        Assert.Equal([new Join(Pan, PanSource.Session), new StartTimer(TimerKind.Join, TimeSpan.FromSeconds(45), 2), new SetSendGate(false)], Event(code));
    }

    [Theory]
    [InlineData(SkEventCode.SessionTerminationCompleted)]
    [InlineData(SkEventCode.SessionTerminationTimedOut)]
    public void A_session_ended_by_skterm_is_rejoined_after_the_quiet_period(SkEventCode code)
    {
        ConnectViaScan();
        Assert.Equal([new StartTimer(TimerKind.QuietPeriod, TimeSpan.FromSeconds(10), 2), new SetSendGate(false)], Event(code));
        Assert.Equal(ConnectionPhase.Joining, _state.Phase);
        Assert.False(_state.JoinInFlight);
        Assert.Equal([new Join(Pan, PanSource.Session), new StartTimer(TimerKind.Join, TimeSpan.FromSeconds(45), 3)], Fire(TimerKind.QuietPeriod));
        Assert.True(_state.JoinInFlight);
    }

    [Fact]
    public void A_session_ended_by_skterm_while_reauthenticating_also_waits()
    {
        ConnectViaScan();
        Event(SkEventCode.SessionLifetimeExpired);
        Assert.Equal([new CancelTimer(TimerKind.Reauthentication), new StartTimer(TimerKind.QuietPeriod, TimeSpan.FromSeconds(10), 3)], Event(SkEventCode.SessionTerminationCompleted));
    }

    [Fact]
    public void A_zero_quiet_period_rejoins_at_once_after_skterm()
    {
        var options = NoJitter with { QuietPeriod = TimeSpan.Zero };
        Feed(new Start(Pan), options);
        Feed(new SkEvent(SkEventCode.PanaConnectionSucceeded), options);
        Assert.Equal(
            [new Join(Pan, PanSource.Session), new StartTimer(TimerKind.Join, TimeSpan.FromSeconds(45), 2), new SetSendGate(false)],
            Feed(new SkEvent(SkEventCode.SessionTerminationCompleted), options));
    }

    [Fact]
    public void Start_waits_what_is_left_of_the_quiet_period_before_the_first_join()
    {
        Assert.Equal([new StartTimer(TimerKind.QuietPeriod, TimeSpan.FromSeconds(6.5), 1)], Feed(new Start(Pan) { QuietFor = TimeSpan.FromSeconds(6.5) }));
        Assert.Equal(ConnectionPhase.Joining, _state.Phase);
        Assert.False(_state.JoinInFlight);
        Assert.False(_state.CanSend);
        Assert.Empty(Event(SkEventCode.PanaConnectionFailed)); // no join is out: an EVENT 24 now is not ours
        Assert.Equal(0, _state.AuthenticationFailures);

        Assert.Equal([new Join(Pan, PanSource.Cache), new StartTimer(TimerKind.Join, TimeSpan.FromSeconds(45), 2)], Fire(TimerKind.QuietPeriod));
        Assert.Equal([new CancelTimer(TimerKind.Join), new SetSendGate(true)], Event(SkEventCode.PanaConnectionSucceeded));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Start_with_nothing_left_of_the_quiet_period_joins_at_once(double seconds)
    {
        Assert.Equal(
            [new Join(Pan, PanSource.Cache), new StartTimer(TimerKind.Join, TimeSpan.FromSeconds(45), 1)],
            Feed(new Start(Pan) { QuietFor = TimeSpan.FromSeconds(seconds) }));
    }

    [Fact]
    public void Start_without_a_cached_pan_scans_whatever_the_quiet_period()
    {
        Assert.Equal([new StartScan(null)], Feed(new Start(null) { QuietFor = TimeSpan.FromSeconds(5) }));
        Assert.Equal([new Join(Pan, PanSource.Scan), new StartTimer(TimerKind.Join, TimeSpan.FromSeconds(45), 1)], Feed(new ScanSucceeded(Pan)));
    }

    [Fact]
    public void Stop_during_the_quiet_period_cancels_it_without_skterm()
    {
        Feed(new Start(Pan) { QuietFor = TimeSpan.FromSeconds(8) });
        Assert.Equal([new CancelTimer(TimerKind.QuietPeriod)], Feed(new Stop()));
        Assert.Equal(ConnectionPhase.Disconnected, _state.Phase);
        Assert.Empty(_state.Timers);
    }

    [Fact]
    public void Transport_lost_during_the_quiet_period_reopens_and_then_joins_at_once()
    {
        Feed(new Start(Pan) { QuietFor = TimeSpan.FromSeconds(8) });
        Assert.Equal([new CancelTimer(TimerKind.QuietPeriod), new StartTimer(TimerKind.Reopen, TimeSpan.FromSeconds(1), 2)], Feed(new TransportLost()));
        Fire(TimerKind.Reopen);
        Assert.IsType<Join>(Feed(new TransportReopened())[0]);
    }

    [Fact]
    public void Only_the_first_event_24_stretches_the_retry_to_the_quiet_period()
    {
        Feed(new Start(Pan));
        Fire(TimerKind.Join); // silent join of the cached PAN: invalidated, rescanned
        Feed(new ScanSucceeded(Pan));
        Assert.Equal(new StartTimer(TimerKind.JoinRetry, TimeSpan.FromSeconds(10), 3), Event(SkEventCode.PanaConnectionFailed).OfType<StartTimer>().Single());
        Fire(TimerKind.JoinRetry);
        Assert.Equal(new StartTimer(TimerKind.JoinRetry, TimeSpan.FromSeconds(2), 5), Event(SkEventCode.PanaConnectionFailed).OfType<StartTimer>().Single());
        Assert.Equal(2, _state.AuthenticationFailures);
    }

    [Fact]
    public void A_silent_join_is_retried_after_the_backoff_only()
    {
        Feed(new Start(null));
        Feed(new ScanSucceeded(Pan));
        Assert.Equal(new StartTimer(TimerKind.JoinRetry, TimeSpan.FromSeconds(1), 2), Fire(TimerKind.Join).OfType<StartTimer>().Single());
    }

    [Fact]
    public void Without_a_quiet_period_the_first_event_24_is_retried_after_the_backoff()
    {
        var options = NoJitter with { QuietPeriod = TimeSpan.Zero };
        Feed(new Start(Pan), options);
        Assert.Equal(new StartTimer(TimerKind.JoinRetry, TimeSpan.FromSeconds(1), 2), Feed(new SkEvent(SkEventCode.PanaConnectionFailed), options).OfType<StartTimer>().Single());
    }

    [Theory]
    [InlineData(SkEventCode.SessionTerminationRequested)]
    [InlineData(SkEventCode.PanaConnectionFailed)]
    public void Session_end_events_while_reauthenticating_rejoin(SkEventCode code)
    {
        ConnectViaScan();
        Event(SkEventCode.SessionLifetimeExpired);
        Assert.Equal([new CancelTimer(TimerKind.Reauthentication), new Join(Pan, PanSource.Session), new StartTimer(TimerKind.Join, TimeSpan.FromSeconds(45), 3)], Event(code));
    }

    [Fact]
    public void Event_25_while_connected_is_the_modules_own_reauthentication()
    {
        ConnectViaScan();
        var before = _state;
        Assert.Empty(Event(SkEventCode.PanaConnectionSucceeded));
        Assert.Equal(before, _state);
    }

    [Fact]
    public void Failed_rejoins_of_a_working_session_reopen_the_transport_instead_of_blaming_the_credentials()
    {
        ConnectViaScan();
        Event(SkEventCode.SessionTerminationRequested);
        Event(SkEventCode.PanaConnectionFailed);
        Fire(TimerKind.JoinRetry);
        Event(SkEventCode.PanaConnectionFailed);
        Fire(TimerKind.JoinRetry);
        var actions = Event(SkEventCode.PanaConnectionFailed);
        Assert.Equal([new CancelTimer(TimerKind.Join), new StartTimer(TimerKind.Reopen, TimeSpan.FromSeconds(1), 7)], actions);
        Assert.Equal(ConnectionPhase.Reopening, _state.Phase);
        Assert.Equal(ConnectionFailure.None, _state.Failure);
        Assert.Equal(0, _state.AuthenticationFailures);
    }

    [Fact]
    public void Reopen_then_join_the_known_pan_as_cached()
    {
        ConnectViaScan();
        Assert.Equal([new StartTimer(TimerKind.Reopen, TimeSpan.FromSeconds(1), 2), new SetSendGate(false)], Feed(new TransportLost()));
        Assert.Empty(Feed(new TransportReopened())); // no reopen in flight yet
        Assert.Equal([new ReopenTransport()], Fire(TimerKind.Reopen));
        Assert.Equal([new Join(Pan, PanSource.Cache), new StartTimer(TimerKind.Join, TimeSpan.FromSeconds(45), 3)], Feed(new TransportReopened()));
        Assert.Equal([new InvalidatePanCache(), new StartScan(0x21)], Fire(TimerKind.Join));
    }

    [Fact]
    public void Reopen_without_a_known_pan_scans()
    {
        Feed(new Start(null));
        Feed(new TransportLost());
        Fire(TimerKind.Reopen);
        Assert.Equal([new StartScan(null)], Feed(new TransportReopened()));
    }

    [Fact]
    public void Reopen_failures_back_off_and_end_in_device_lost()
    {
        ConnectViaScan();
        Feed(new TransportLost());
        var delays = new List<TimeSpan>();
        IReadOnlyList<ConnectionAction> actions = [];
        for (var i = 0; i < 10; i++)
        {
            Fire(TimerKind.Reopen);
            actions = Feed(new TransportReopenFailed());
            if (actions.OfType<StartTimer>().SingleOrDefault() is { } t)
            {
                delays.Add(t.Delay);
            }
        }

        Assert.Equal([2, 4, 8, 16, 32, 60, 60, 60, 60], delays.Select(d => d.TotalSeconds));
        Assert.Equal([new Fail(ConnectionFailure.DeviceLost, ConnectionMachine.DeviceLostMessage(10))], actions);
        Assert.Equal(ConnectionPhase.Failed, _state.Phase);
    }

    [Fact]
    public void Transport_lost_while_joining_cancels_the_join_guard()
    {
        Feed(new Start(Pan));
        var actions = Feed(new TransportLost());
        Assert.Equal([new CancelTimer(TimerKind.Join), new StartTimer(TimerKind.Reopen, TimeSpan.FromSeconds(1), 2)], actions);
        Assert.False(_state.JoinInFlight);
    }

    [Fact]
    public void Event_32_pauses_sending_until_event_33()
    {
        ConnectViaScan();
        Assert.Equal([new StartTimer(TimerKind.TransmitPause, TimeSpan.FromHours(1), 2), new SetSendGate(false)], Event(SkEventCode.TransmissionLimitExceeded));
        Assert.Equal(ConnectionPhase.Connected, _state.Phase);
        Assert.False(_state.CanSend);
        Assert.Equal([new CancelTimer(TimerKind.TransmitPause), new SetSendGate(true)], Event(SkEventCode.TransmissionLimitReleased));
        Assert.Empty(Event(SkEventCode.TransmissionLimitReleased));
    }

    [Fact]
    public void Without_event_33_the_pause_guard_reopens_the_gate()
    {
        ConnectViaScan();
        Event(SkEventCode.TransmissionLimitExceeded);
        Assert.Equal([new SetSendGate(true)], Fire(TimerKind.TransmitPause));
        Assert.True(_state.CanSend);
    }

    [Fact]
    public void Event_32_during_a_join_keeps_the_gate_closed_after_event_25()
    {
        Feed(new Start(Pan));
        Event(SkEventCode.TransmissionLimitExceeded);
        Assert.DoesNotContain(Event(SkEventCode.PanaConnectionSucceeded), a => a is SetSendGate);
        Assert.False(_state.CanSend);
        Assert.Equal([new CancelTimer(TimerKind.TransmitPause), new SetSendGate(true)], Event(SkEventCode.TransmissionLimitReleased));
    }

    [Fact]
    public void A_transport_loss_during_event_32_drops_the_pause_and_the_reopened_dongle_decides()
    {
        ConnectViaScan();
        Event(SkEventCode.TransmissionLimitExceeded);
        var lost = Feed(new TransportLost());
        Assert.Contains(new CancelTimer(TimerKind.TransmitPause), lost);
        Assert.False(_state.TransmitPaused);
        Fire(TimerKind.Reopen);

        Feed(new TransportReopened()); // SFB = 0: not paused
        Event(SkEventCode.PanaConnectionSucceeded);

        Assert.True(_state.CanSend);
    }

    [Fact]
    public void A_reopened_dongle_that_reports_its_limit_active_starts_paused()
    {
        ConnectViaScan();
        Feed(new TransportLost());
        Fire(TimerKind.Reopen);

        var actions = Feed(new TransportReopened { TransmitLimited = true });
        Event(SkEventCode.PanaConnectionSucceeded);

        Assert.Contains(actions, a => a is StartTimer { Kind: TimerKind.TransmitPause });
        Assert.Equal(ConnectionPhase.Connected, _state.Phase);
        Assert.False(_state.CanSend);
        Assert.Equal([new CancelTimer(TimerKind.TransmitPause), new SetSendGate(true)], Event(SkEventCode.TransmissionLimitReleased));
    }

    [Fact]
    public void A_start_on_a_dongle_that_reports_its_limit_active_stays_paused_after_the_join()
    {
        var actions = Feed(new Start(Pan) { TransmitLimited = true });
        Event(SkEventCode.PanaConnectionSucceeded);

        Assert.Contains(actions, a => a is StartTimer { Kind: TimerKind.TransmitPause });
        Assert.False(_state.CanSend);
        Assert.Equal([new SetSendGate(true)], Fire(TimerKind.TransmitPause)); // the guard still bounds it
    }

    [Fact]
    public void Stale_timer_ids_are_ignored()
    {
        Feed(new Start(null));
        Feed(new ScanSucceeded(Pan));
        var firstJoinTimer = _state.Timers[TimerKind.Join];
        Event(SkEventCode.PanaConnectionFailed);
        Fire(TimerKind.JoinRetry); // re-arms the join guard with a new id
        var before = _state;
        Assert.Empty(Feed(new TimerFired(TimerKind.Join, firstJoinTimer)));
        Assert.Equal(before, _state);
    }

    [Fact]
    public void Scan_exhausted_fails_with_the_scan_plans_message()
    {
        Feed(new Start(null));
        var message = new ScanPlan(new ScanOptions(), DongleFamily.Bp35A1).ExhaustedError().Message;
        Assert.Equal([new Fail(ConnectionFailure.NoMeterFound, message)], Feed(new ScanExhausted(message)));
        Assert.Equal(message, _state.FailureMessage);
    }

    [Fact]
    public void Stop_while_connected_terminates_and_disarms_everything()
    {
        ConnectViaScan();
        Event(SkEventCode.TransmissionLimitExceeded);
        Assert.Equal([new Terminate(), new CancelTimer(TimerKind.TransmitPause)], Feed(new Stop()));
        Assert.Equal(ConnectionPhase.Disconnected, _state.Phase);
        Assert.Empty(_state.Timers);
    }

    [Fact]
    public void Stop_while_scanning_needs_no_terminate()
    {
        Feed(new Start(null));
        Assert.Empty(Feed(new Stop()));
        Assert.Equal(ConnectionPhase.Disconnected, _state.Phase);
    }

    [Fact]
    public void Start_after_a_failure_begins_afresh_and_start_while_running_is_ignored()
    {
        Feed(new Start(null));
        Assert.Empty(Feed(new Start(Pan)));
        Feed(new ScanExhausted("x"));
        Assert.Equal([new Join(Pan, PanSource.Cache), new StartTimer(TimerKind.Join, TimeSpan.FromSeconds(45), 1)], Feed(new Start(Pan)));
        Assert.Equal(ConnectionFailure.None, _state.Failure);
        Assert.Null(_state.FailureMessage);
    }

    [Theory]
    [InlineData(SkEventCode.BeaconReceived)]
    [InlineData(SkEventCode.UdpSendFinished)]
    [InlineData(SkEventCode.ActiveScanFinished)]
    [InlineData(SkEventCode.PanaConnectionSucceeded)]
    public void Events_that_do_not_concern_the_session_change_nothing_while_scanning(SkEventCode code)
    {
        Feed(new Start(null));
        var before = _state;
        Assert.Empty(Event(code));
        Assert.Equal(before, _state);
    }

    [Fact]
    public void Jittered_backoff_is_reproducible_from_the_seed_and_within_bounds()
    {
        var options = new ConnectionOptions { QuietPeriod = TimeSpan.Zero }; // the backoff alone, not stretched after EVENT 24
        IReadOnlyList<TimeSpan> Run(ulong seed)
        {
            var s = ConnectionState.Initial(seed);
            s = ConnectionMachine.Step(s, new Start(null), options).State;
            s = ConnectionMachine.Step(s, new ScanSucceeded(Pan), options).State;
            var t = ConnectionMachine.Step(s, new SkEvent(SkEventCode.PanaConnectionFailed), options);
            var t2 = ConnectionMachine.Step(t.State, new TimerFired(TimerKind.JoinRetry, t.State.Timers[TimerKind.JoinRetry]), options);
            var t3 = ConnectionMachine.Step(t2.State, new SkEvent(SkEventCode.PanaConnectionFailed), options);
            return [.. t.Actions.Concat(t3.Actions).OfType<StartTimer>().Select(a => a.Delay)];
        }

        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
        var d = Run(5);
        Assert.InRange(d[0].TotalSeconds, 0.8, 1.2);
        Assert.InRange(d[1].TotalSeconds, 1.6, 2.4);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ConnectionMachine.Step(_state, new Start(null), new ConnectionOptions { MaxAuthenticationFailures = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConnectionMachine.Step(_state, new Start(null), new ConnectionOptions { JoinTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConnectionMachine.Step(_state, new Start(null), new ConnectionOptions { QuietPeriod = TimeSpan.FromSeconds(-1) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConnectionMachine.Step(_state, new Start(null), new ConnectionOptions { QuietPeriod = TimeSpan.FromHours(2) }));
    }
}
