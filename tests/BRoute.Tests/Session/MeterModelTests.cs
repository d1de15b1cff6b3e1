using BRoute.Decoding;
using BRoute.EchonetLite.Meter;
using BRoute.Simulator.Faults;
using BRoute.Simulator.Meter;
using BRoute.Tests.Session.Support;

namespace BRoute.Tests.Session;

/// <summary>The meter's Get map, refusals (SNA), batch limit, and the coefficient/unit it gives or lacks.</summary>
public sealed class MeterModelTests
{
    private static MeterOptions Meter(Func<MeterOptions, MeterOptions>? change = null)
    {
        var meter = new MeterOptions { Load = LoadModel.Constant, ConstantLoadW = 628 };
        return change is null ? meter : change(meter);
    }

    [Fact]
    public async Task An_epc_outside_the_get_map_is_not_supported_and_never_asked()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: Meter(m => m with { ReverseMetering = false })));
        var session = await h.ConnectAsync();

        var reading = await h.RunAsync(() => session.ReadAsync([0xE7, 0xE3, 0x84, 0xE8]));

        Assert.Equal([0xE7, 0xE3, 0x84, 0xE8], reading.Properties.Select(p => p.Epc));
        Assert.Equal(ValueStatus.NotSupported, reading[0xE3].Status);
        Assert.Equal(ValueStatus.NotSupported, reading[0x84].Status);
        Assert.Equal("not supported", reading[0x84].ToDisplayString());
        Assert.Equal(ValueStatus.Ok, reading[0xE7].Status);
        Assert.Equal(0, h.Sim.Stats.GetsOf(0xE3));
        Assert.Equal(0, h.Sim.Stats.GetsOf(0x84));
        Assert.Equal(2, session.Statistics.FramesSent);
    }

    [Fact]
    public async Task An_unsupported_epc_in_a_batch_gives_values_for_the_others_and_is_asked_alone_once()
    {
        // Without a Get map (9F refused) the session asks for everything; the meter answers Get_SNA with PDC 0 for 0x84.
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: Meter(m => m with { Without = new HashSet<byte> { 0x9F } })));
        var session = await h.ConnectAsync();
        Assert.Null(session.Meter.GetPropertyMap);

        var reading = await h.RunAsync(() => session.ReadAsync([0xE7, 0x84, 0xE8]));

        Assert.Equal("628 W", reading[0xE7].ToDisplayString());
        Assert.Equal(new CurrentValue(3.5m, 2.8m), reading[0xE8].Value);
        Assert.Equal(ValueStatus.NotSupported, reading[0x84].Status);
        Assert.Equal(2, h.Sim.Stats.GetsOf(0x84)); // in the batch, then alone once
        Assert.Equal(1, h.Sim.Stats.GetsOf(0xE7));
        Assert.Contains((byte)0x84, session.Statistics.UnsupportedEpcs);

        // Learned: the next read does not ask 0x84 again.
        var again = await h.RunAsync(() => session.ReadAsync([0x84, 0xE7]));
        Assert.Equal(ValueStatus.NotSupported, again[0x84].Status);
        Assert.Equal(2, h.Sim.Stats.GetsOf(0x84));
    }

    [Fact]
    public async Task A_meter_that_answers_five_epcs_per_get_is_learned_from_its_sna_and_the_rest_asked_again()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: Meter(m => m with { MaxGetOpc = 5, OverOpc = OverOpcBehavior.Sna })));
        var session = await h.ConnectAsync();
        Assert.Equal(4, session.Statistics.LargestAcceptedOpc); // the 4-EPC meter-info Get was answered in full
        var epcs = new byte[] { 0x80, 0xE0, 0xE3, 0xE7, 0xE8, 0xEA };

        var reading = await h.RunAsync(() => session.ReadAsync(epcs));

        Assert.True(reading.IsComplete);
        Assert.All(reading.Properties, p => Assert.Equal(ValueStatus.Ok, p.Status));
        Assert.Equal(2, h.Sim.Stats.GetsOf(0xEA)); // PDC 0 beyond the fifth, then asked alone
        Assert.Equal(5, session.Statistics.MaxOpc);
        Assert.Empty(session.Statistics.UnsupportedEpcs);

        // Next time: a batch of 5 and one of 1, no refusal.
        var frames = session.Statistics.FramesSent;
        await h.RunAsync(() => session.ReadAsync(epcs));
        Assert.Equal(frames + 2, session.Statistics.FramesSent);
        Assert.Equal(3, h.Sim.Stats.GetsOf(0xEA));
        Assert.Equal(5, session.Statistics.LargestAcceptedOpc);
    }

    [Fact]
    public async Task A_meter_that_answers_three_epcs_per_get_is_learned_at_connect()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: Meter(m => m with { MaxGetOpc = 3, OverOpc = OverOpcBehavior.Sna })));
        var session = await h.ConnectAsync();
        Assert.Equal(3, session.Statistics.MaxOpc); // E1 came back PDC 0 in the 4-EPC Get, then was answered alone
        Assert.Equal((byte)0x01, session.Meter.UnitCode);

        var reading = await h.RunAsync(() => session.ReadAsync([0x80, 0xE0, 0xE3, 0xE7, 0xE8, 0xEA]));

        Assert.True(reading.IsComplete);
        Assert.All(reading.Properties, p => Assert.Equal(ValueStatus.Ok, p.Status));
        Assert.Equal(2 + 2, session.Statistics.FramesSent);
    }

    [Fact]
    public async Task A_meter_silent_to_the_four_epc_get_at_connect_is_asked_in_halves_without_asking_the_four_again()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: Meter(m => m with { MaxGetOpc = 3, OverOpc = OverOpcBehavior.Drop })));
        var session = await h.ConnectAsync();

        Assert.Equal(3 + 2, session.Statistics.FramesSent); // three attempts of 9F D3 D7 E1, then 9F D3 and D7 E1
        Assert.Equal(2, session.Statistics.MaxOpc); // a half was answered: the batch of four was too big
        Assert.Equal(1u, session.Meter.Coefficient);
        Assert.Equal((byte)0x01, session.Meter.UnitCode);
        Assert.NotNull(session.Meter.GetPropertyMap);
    }

    [Fact]
    public async Task The_get_at_connect_keeps_within_the_initial_batch_limit()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: Meter(m => m with { MaxGetOpc = 2, OverOpc = OverOpcBehavior.Drop })));
        var session = await h.ConnectAsync(o => o with { InitialMaxOpc = 2 });

        Assert.Equal(2, session.Statistics.FramesSent); // 9F D3, then D7 E1
        Assert.Equal(2, session.Statistics.MaxOpc);
        Assert.Equal(1u, session.Meter.Coefficient);
        Assert.Equal((byte)0x01, session.Meter.UnitCode);
    }

    [Fact]
    public async Task An_older_meter_without_D3_gets_coefficient_1_assumed_and_said()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: Meter(m => m with { Generation = MeterGeneration.Older })));
        var session = await h.ConnectAsync();

        Assert.Null(session.Meter.Coefficient);
        Assert.True(session.Meter.CoefficientAssumed);
        Assert.True(session.Scale.CoefficientAssumed);
        Assert.Equal(0.1m, session.Meter.KwhPerCount);
        Assert.DoesNotContain((byte)0xD3, session.Meter.GetPropertyMap!);
        Assert.Equal(1, session.Statistics.FramesSent); // D3 is not in the map: not asked again alone
        Assert.Contains(h.Log.Entries, e => e.Text.Contains("no coefficient (D3): 1 is assumed", StringComparison.Ordinal));

        var reading = await h.RunAsync(() => session.ReadAsync([0xE0, 0xD3]));
        Assert.Equal(8000.0m, Assert.IsType<EnergyValue>(reading[0xE0].Value).Energy.Kwh);
        Assert.True(reading[0xE0].CoefficientAssumed);
        Assert.Contains("\"coefficient_assumed\":true", reading[0xE0].ToJson(), StringComparison.Ordinal);
        Assert.Equal(ValueStatus.NotSupported, reading[0xD3].Status);
    }

    [Fact]
    public async Task A_coefficient_and_unit_are_applied_to_every_energy()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: Meter(m => m with { Coefficient = 40, Unit = 0x02, AnchorNormalKwh = 8000m })));
        var session = await h.ConnectAsync();
        Assert.Equal(40u, session.Meter.Coefficient);
        Assert.Equal(0.4m, session.Meter.KwhPerCount); // 40 × 0.01 kWh

        var reading = await h.RunAsync(() => session.ReadAsync([0xE0, 0xEA]));

        Assert.Equal(8000.00m, Assert.IsType<EnergyValue>(reading[0xE0].Value).Energy.Kwh);
        Assert.Equal(20000u, Assert.IsType<EnergyValue>(reading[0xE0].Value).Energy.Raw);
        var ea = Assert.IsType<TimedEnergyValue>(reading[0xEA].Value);
        Assert.Equal(ea.Energy.Raw * 0.4m, ea.Energy.Kwh);
    }

    [Fact]
    public async Task A_meter_without_E1_gets_1_kWh_per_count_assumed_and_said()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: Meter(m => m with { Without = new HashSet<byte> { 0xE1 } })));
        var session = await h.ConnectAsync();

        Assert.True(session.Meter.UnitAssumed);
        Assert.Equal((byte)0x00, session.Meter.UnitCode);
        Assert.Contains("assumed: the meter gave no E1", session.Meter.ToString(), StringComparison.Ordinal);
        Assert.Contains(h.Log.Entries, e => e.Text.Contains("no valid unit (E1): 0x00 = 1 kWh per count is assumed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_assumption_a_missing_E1_leaves_energies_as_raw_counts()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: Meter(m => m with { Without = new HashSet<byte> { 0xE1 } })));
        var session = await h.ConnectAsync(o => o with { AssumeUnitWhenMissing = false });

        var e0 = await h.RunAsync(() => session.ReadPropertyAsync(0xE0));

        Assert.Null(session.Meter.UnitCode);
        Assert.Equal("unknown", e0.Unit);
        Assert.Null(Assert.IsType<EnergyValue>(e0.Value).Energy.Kwh);
        Assert.Equal(80000u, Assert.IsType<EnergyValue>(e0.Value).Energy.Raw);
    }

    [Fact]
    public async Task A_send_reported_failed_whose_reply_still_comes_is_not_resent()
    {
        // lost-ack: EVENT 21 01 although the meter got the frame; its reply arrives during the 5 s pause.
        await using var h = new SessionHarness(SessionHarness.Simulator(faults: "lost-ack=1"));
        var session = await h.ConnectAsync();
        var sent = session.Statistics.FramesSent;

        var e7 = await h.RunAsync(() => session.ReadPropertyAsync(0xE7));

        Assert.Equal("628 W", e7.ToDisplayString());
        Assert.Equal(sent + 1, session.Statistics.FramesSent);
        Assert.Equal(0, session.Statistics.Retries);
        Assert.True(session.Statistics.SendFailures >= 2);
        Assert.True(h.Sim.Stats.FaultsOf(FaultKind.LostAck) >= 2);
    }

    [Fact]
    public async Task Lost_requests_are_resent_after_the_pause_and_given_up_after_three()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(faults: "lost-request=0.5", seed: 4));
        var session = await h.ConnectAsync();
        var attempts = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            var before = session.Statistics.FramesSent;
            var start = h.Time.GetUtcNow();
            try
            {
                var e7 = await h.RunAsync(() => session.ReadPropertyAsync(0xE7));
                Assert.Equal("628 W", e7.ToDisplayString());
            }
            catch (MeterUnreachableException)
            {
                Assert.Equal(before + 3, session.Statistics.FramesSent);
            }

            var sends = (int)(session.Statistics.FramesSent - before);
            attempts.Add(sends);

            // Each failed send (EVENT 21 01) is followed by a 5 s pause before the resend.
            Assert.True(h.Time.GetUtcNow() - start >= TimeSpan.FromSeconds(5 * (sends - 1)));
        }

        Assert.True(session.Statistics.SendFailures > 0);
        Assert.Contains(attempts, a => a > 1);
    }
}
