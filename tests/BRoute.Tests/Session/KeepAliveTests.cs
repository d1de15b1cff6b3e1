using BRoute.Connection;
using BRoute.Decoding;
using BRoute.EchonetLite.Meter;
using BRoute.Session;
using BRoute.Simulator.Faults;
using BRoute.Simulator.Meter;
using BRoute.Tests.Session.Support;

namespace BRoute.Tests.Session;

/// <summary>Keeping the session: EVENT 26/29/32, re-authentication, a dongle that vanishes, the transmission budget.</summary>
public sealed class KeepAliveTests
{
    private static async Task<DecodedProperty> ReadE7(SessionHarness h, MeterSession session) =>
        await h.RunAsync(() => session.ReadPropertyAsync(MeterEpc.InstantaneousPower), TimeSpan.FromMinutes(10), "read E7");

    [Fact]
    public async Task The_meter_ending_the_session_event_26_leads_to_a_rejoin_and_reads_go_on()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(faults: "meter-terminate=600"));
        var session = await h.ConnectAsync();
        Assert.Equal("628 W", (await ReadE7(h, session)).ToDisplayString());

        await h.AdvanceUntilAsync(() => h.Sim.Stats.FaultsOf(FaultKind.MeterTerminate) == 1, TimeSpan.FromMinutes(11), "EVENT 26");
        await h.AdvanceUntilAsync(() => h.Sim.Stats.JoinsSucceeded == 2 && session.IsConnected, TimeSpan.FromMinutes(2), "re-join");

        Assert.Equal(2, h.Sim.Stats.JoinsSucceeded);
        Assert.Equal(1, session.Statistics.Rejoins);
        Assert.Contains(h.Log.Entries, e => e.Text.StartsWith("EVENT 26 (the meter ended the session)", StringComparison.Ordinal));
        Assert.Contains(h.Progress, p => p.Stage == SessionStage.Reconnecting);
        Assert.Equal("628 W", (await ReadE7(h, session)).ToDisplayString());
    }

    [Fact]
    public async Task An_expired_session_event_29_stops_sending_then_rejoins_and_the_waiting_read_proceeds()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(faults: "early-expiry=300"));
        var session = await h.ConnectAsync();
        await h.AdvanceUntilAsync(() => session.Phase == ConnectionPhase.Reauthenticating, TimeSpan.FromMinutes(6), "EVENT 29");
        var expiredAt = h.Time.GetUtcNow();
        var framesBefore = h.Sim.Stats.UdpFramesReceived;

        var e7 = await ReadE7(h, session);

        Assert.Equal("628 W", e7.ToDisplayString());
        Assert.True(h.Time.GetUtcNow() - expiredAt >= TimeSpan.FromSeconds(60)); // no EVENT 25 came: re-join after the 60 s gate
        Assert.Equal(1, h.Sim.Stats.SessionsExpired);
        Assert.Equal(1, session.Statistics.Rejoins);
        Assert.Equal(0, session.Statistics.SendFailures); // nothing was sent while the session was down
        Assert.Equal(framesBefore + 1, h.Sim.Stats.UdpFramesReceived);
        Assert.Equal(ConnectionPhase.Connected, session.Phase);
    }

    [Fact]
    public async Task The_modules_own_reauthentication_event_29_then_25_needs_no_rejoin()
    {
        var meter = new MeterOptions { Load = LoadModel.Constant, ConstantLoadW = 628, SessionLifetime = TimeSpan.FromSeconds(600) };
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: meter));
        var session = await h.ConnectAsync();

        await h.AdvanceUntilAsync(() => h.Sim.Stats.Reauthentications == 1, TimeSpan.FromMinutes(9), "automatic re-authentication at 80 %");
        await h.AdvanceUntilAsync(() => session.Statistics.Reauthentications == 1, TimeSpan.FromSeconds(5), "EVENT 25 seen");

        Assert.Equal(0, session.Statistics.Rejoins);
        Assert.Equal(1, h.Sim.Stats.Joins);
        Assert.Equal(ConnectionPhase.Connected, session.Phase);
        Assert.Equal("628 W", (await ReadE7(h, session)).ToDisplayString());
    }

    [Fact]
    public async Task The_dongles_transmission_limit_event_32_holds_requests_until_event_33()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(faults: "tx-limit=600/120"));
        var session = await h.ConnectAsync();
        await h.AdvanceUntilAsync(() => session.Phase == ConnectionPhase.Connected && !session.IsConnected, TimeSpan.FromMinutes(11), "EVENT 32");
        var pausedAt = h.Time.GetUtcNow();
        var framesBefore = h.Sim.Stats.UdpFramesReceived;

        var e7 = await ReadE7(h, session);

        Assert.Equal("628 W", e7.ToDisplayString());
        Assert.True(h.Time.GetUtcNow() - pausedAt >= TimeSpan.FromSeconds(119)); // EVENT 33 came 120 s after EVENT 32
        Assert.Equal(0, session.Statistics.SendFailures); // no SKSENDTO into the module's pause (it would answer EVENT 21 01)
        Assert.Equal(framesBefore + 1, h.Sim.Stats.UdpFramesReceived);
        Assert.Equal(0, session.Statistics.Rejoins);
        Assert.True(session.IsConnected);
    }

    [Fact]
    public async Task A_dongle_that_vanishes_and_returns_is_reopened_and_the_waiting_read_proceeds()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(faults: "vanish=300/10"));
        var session = await h.ConnectAsync();
        Assert.Equal(1, h.DeviceOpens);
        await h.AdvanceUntilAsync(() => !h.Sim.IsPresent, TimeSpan.FromMinutes(6), "vanish");

        var e7 = await ReadE7(h, session);

        Assert.Equal("628 W", e7.ToDisplayString());
        Assert.True(h.Sim.IsPresent);
        Assert.True(h.DeviceOpens >= 2);
        Assert.True(session.Statistics.Reopens >= 2); // the first attempts found no device
        Assert.Equal(1, session.Statistics.Rejoins);
        Assert.Equal(2, h.Sim.Stats.JoinsSucceeded);
        Assert.Contains(h.Log.Entries, e => e.Text.StartsWith("connection to the dongle lost", StringComparison.Ordinal));
        Assert.Contains(h.Log.Entries, e => e.Text.StartsWith("reopening the dongle failed: the simulated dongle is not plugged in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dongle_lost_right_after_event_32_comes_back_without_the_old_pause()
    {
        // Regression (issue 9): EVENT 32, then the dongle vanished 5 s later; the reopened (power-cycled) dongle has
        // SFB = 0 and never sends EVENT 33 for the old spell. The session used to keep the old pause (1 h guard) and
        // send nothing: the read failed after OutageTimeout with "EVENT 33 has not come".
        await using var h = new SessionHarness(SessionHarness.Simulator(faults: "tx-limit=600/590,vanish=605/10"));
        var session = await h.ConnectAsync();
        await h.AdvanceUntilAsync(() => session.Phase == ConnectionPhase.Connected && !session.IsConnected, TimeSpan.FromMinutes(11), "EVENT 32");
        await h.AdvanceUntilAsync(() => !h.Sim.IsPresent, TimeSpan.FromMinutes(1), "vanish");
        var lostAt = h.Time.GetUtcNow();

        var e7 = await ReadE7(h, session);

        Assert.Equal("628 W", e7.ToDisplayString());
        Assert.True(h.Time.GetUtcNow() - lostAt < TimeSpan.FromMinutes(2)); // the spell's EVENT 33 would come after 590 s
        Assert.Equal(2, h.Sim.Stats.JoinsSucceeded);
        Assert.Equal(0, session.Statistics.SendFailures);
        Assert.True(session.IsConnected);
    }

    [Fact]
    public async Task A_dongle_reopened_during_its_transmission_limit_keeps_the_pause_it_reports()
    {
        // The other side of asking the dongle: a dongle that says SFB = 1 after the reopen is still paused, so
        // nothing is sent until its EVENT 33. The transport drops (not a power cycle), the module keeps its limit.
        await using var h = new SessionHarness(SessionHarness.Simulator(faults: "tx-limit=600/120"));
        var session = await h.ConnectAsync();
        await h.AdvanceUntilAsync(() => session.Phase == ConnectionPhase.Connected && !session.IsConnected, TimeSpan.FromMinutes(11), "EVENT 32");
        var pausedAt = h.Time.GetUtcNow();
        h.CurrentStream.Dispose(); // the serial line breaks; the simulated module stays powered (SFB = 1)
        await h.AdvanceUntilAsync(() => h.DeviceOpens == 2 && session.Phase == ConnectionPhase.Connected, TimeSpan.FromMinutes(1), "reopen and re-join");
        Assert.False(session.IsConnected); // SFB = 1: still paused

        var e7 = await ReadE7(h, session);

        Assert.Equal("628 W", e7.ToDisplayString());
        Assert.True(h.Time.GetUtcNow() - pausedAt >= TimeSpan.FromSeconds(119)); // sent only after EVENT 33
        Assert.Equal(0, session.Statistics.SendFailures);
    }

    [Fact]
    public async Task A_request_waits_for_the_outage_only_as_long_as_allowed()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(faults: "vanish=300/250"));
        var session = await h.ConnectAsync(o => o with { OutageTimeout = TimeSpan.FromSeconds(60) });
        await h.AdvanceUntilAsync(() => !h.Sim.IsPresent, TimeSpan.FromMinutes(6), "vanish");
        var start = h.Time.GetUtcNow();

        var error = await Assert.ThrowsAsync<MeterUnreachableException>(() => ReadE7(h, session));

        Assert.StartsWith("the meter cannot be reached: the dongle is gone (transport lost) and has not come back yet (waited 60 s)", error.Message, StringComparison.Ordinal);
        Assert.InRange(h.Time.GetUtcNow() - start, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(70));

        // Once the dongle is back, reading works again.
        await h.AdvanceUntilAsync(() => session.IsConnected, TimeSpan.FromMinutes(10), "dongle back");
        Assert.Equal("628 W", (await ReadE7(h, session)).ToDisplayString());
    }

    [Fact]
    public async Task A_dongle_that_does_not_come_back_ends_the_session_with_dongle_lost()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(faults: "vanish=300/250"));
        var session = await h.ConnectAsync(o => o with
        {
            Connection = o.Connection with { MaxReopenAttempts = 3 },
            OutageTimeout = TimeSpan.FromMinutes(10),
        });
        await h.AdvanceUntilAsync(() => !h.Sim.IsPresent, TimeSpan.FromMinutes(6), "vanish");

        var error = await Assert.ThrowsAsync<DongleLostException>(() => ReadE7(h, session));

        Assert.Equal("the dongle stopped answering and 3 attempt(s) to reopen it failed: check the USB or network connection to the dongle", error.Message);
        Assert.Equal(ConnectionPhase.Failed, session.Phase);
        Assert.Equal(3, session.Statistics.Reopens);
        await Assert.ThrowsAsync<DongleLostException>(() => session.ReadAsync([0xE7]));
    }

    [Fact]
    public async Task The_transmission_budget_holds_a_send_until_old_frames_leave_the_window()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator());
        var session = await h.ConnectAsync(o => o with
        {
            // 12 ms per minute: the meter-info Get (6.5 ms) and its ACK (1.5 ms) leave no room for another 6 ms frame.
            TransmitBudget = o.TransmitBudget with { Window = TimeSpan.FromMinutes(1), Limit = TimeSpan.FromMilliseconds(12) },
        });
        var start = h.Time.GetUtcNow();

        var e7 = await ReadE7(h, session);

        Assert.Equal("628 W", e7.ToDisplayString());
        Assert.True(session.Statistics.TransmitHolds >= 1);
        Assert.True(h.Time.GetUtcNow() - start >= TimeSpan.FromSeconds(59));
        Assert.Contains(h.Log.Entries, e => e.Text.StartsWith("send held back (hourly transmission budget used up)", StringComparison.Ordinal));
        Assert.True(session.Statistics.AirTimeThisHour > TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromMilliseconds(12), session.Statistics.AirTimeLimit); // the denominator of "budget used" in broute status
    }
}
