using BRoute.Authentication;
using BRoute.Decoding;
using BRoute.EchonetLite.Meter;
using BRoute.Reading;
using BRoute.Scanning;
using BRoute.Seed;
using BRoute.Session;
using BRoute.Simulator.Meter;
using BRoute.Tests.Session.Support;
using Xunit.Abstractions;

namespace BRoute.Tests.Session;

/// <summary>
/// The meter's capabilities remembered with its PAN (fake clock, in-memory simulator): a meter that drops Gets above
/// its limit costs the first run its lessons and later runs almost nothing; a cold start with everything remembered
/// reaches its first value in one round trip; a meter that changed since is detected, the memory dropped and relearned,
/// and no value is ever given with the old coefficient or unit.
/// </summary>
public sealed class RememberedCapabilitiesTests(ITestOutputHelper output)
{
    private static readonly Credentials Credentials = Credentials.Create(SessionHarness.Id, SessionHarness.Password);

    private static MeterOptions DropMeter(Func<MeterOptions, MeterOptions>? change = null)
    {
        var meter = new MeterOptions { Load = LoadModel.Constant, ConstantLoadW = 628, MaxGetOpc = 4, OverOpc = OverOpcBehavior.Drop };
        return change is null ? meter : change(meter);
    }

    /// <summary>Connect, read the seed's 15 properties, close: frames the session sent and simulated seconds from connect start to the last value.</summary>
    private static async Task<(MeterSession Session, MeterReading Reading, long Frames, double Seconds)> SnapshotAsync(SessionHarness h)
    {
        var start = h.Time.GetUtcNow();
        var session = await h.ConnectAsync();
        var reading = await h.RunAsync(() => session.ReadAsync(SeedClientPlanner.SeedOrder), TimeSpan.FromHours(1));
        var seconds = (h.Time.GetUtcNow() - start).TotalSeconds;
        var frames = session.Statistics.FramesSent;
        await h.RunAsync(() => session.DisposeAsync().AsTask());
        return (session, reading, frames, seconds);
    }

    private static void AssertAllValues(MeterReading reading)
    {
        Assert.True(reading.IsComplete, "unanswered: " + string.Join(" ", reading.Unanswered));
        Assert.All(reading.Properties, p =>
        {
            Assert.False(p.IsError, p.ToString());
            Assert.NotEqual(ValueStatus.NotSupported, p.Status); // E5/ED of a fresh meter are "unset": a state, not a missing value
        });
    }

    private static async Task<PanCacheEntry> CachedAsync(SessionHarness h) => (await new PanCache(h.Cache.Path).LoadAsync(Credentials, CancellationToken.None)).Entry!;

    [Fact]
    public async Task A_meter_that_drops_gets_above_four_costs_the_second_run_at_most_four_frames()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: DropMeter()));

        var first = await SnapshotAsync(h);
        AssertAllValues(first.Reading);
        Assert.Equal(4, first.Session.Statistics.MaxOpc);
        var learned = (await CachedAsync(h)).Capabilities!;
        Assert.Equal((4, 4), (learned.MaxOpc, learned.LargestAcceptedOpc));
        Assert.Equal(new byte[] { 0x9F, 0xD3, 0xD7, 0xE1 }, learned.MeterInfo.Keys.Order());

        h.Time.Advance(TimeSpan.FromMinutes(1)); // past the quiet period after SKTERM
        var second = await SnapshotAsync(h);
        output.WriteLine($"drop meter (--max-opc 4 --over-opc drop), seed's 15 properties: first run {first.Frames} frames, {first.Seconds:0.0} s simulated (connect + read); second run {second.Frames} frames, {second.Seconds:0.0} s");

        AssertAllValues(second.Reading);
        Assert.True(second.Frames <= 4, $"second run sent {second.Frames} frames");
        Assert.Equal(0, second.Session.Statistics.Scans);
        Assert.True(first.Frames <= 11, $"first run sent {first.Frames} frames (18 before halving and probes)");
        Assert.True(first.Seconds < 40, $"first run took {first.Seconds} s simulated (65-73 s before)");
        Assert.Equal(0, second.Session.CapabilitiesDropped);

        // Every frame of the second run is a Get of at most 4 EPCs, and none went unanswered.
        Assert.Equal(0, second.Session.Statistics.Retries);
    }

    [Fact]
    public async Task With_the_pan_and_capabilities_remembered_the_first_value_takes_one_round_trip_after_the_join()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: new MeterOptions { Load = LoadModel.Constant, ConstantLoadW = 628, Coefficient = 3, Unit = 0x02 }));
        await SnapshotAsync(h);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var sentBefore = SentFrames.Of(h.WrittenText).Count;

        var session = await h.ConnectAsync();
        Assert.Equal(0, session.Statistics.FramesSent); // no Get of 9F/D3/D7/E1 after the join
        Assert.True(session.UsesRememberedCapabilities);
        Assert.Equal(EnergyScale.Unknown, session.Scale); // not confirmed yet: no energy gets a kWh from memory alone
        var e7 = await h.RunAsync(() => session.ReadPropertyAsync(MeterEpc.InstantaneousPower));

        Assert.Equal("628 W", e7.ToDisplayString());
        Assert.Equal(1, session.Statistics.FramesSent);
        var get = SentFrames.Of(h.WrittenText).Skip(sentBefore).Single();
        Assert.Equal(new byte[] { 0xD3, 0xD7, 0xE1, 0xE7, 0x9F }, get.Properties.Select(p => p.Epc)); // checked in the same Get (9F: room)
        Assert.Equal(3u, session.Meter.Coefficient);
        Assert.True(session.Scale.TryGetKwhPerCount(out var k) && k == 0.03m);
        Assert.Equal(0, session.CapabilitiesDropped);
    }

    [Fact]
    public async Task A_meter_that_answers_sna_for_some_epcs_is_not_asked_them_alone_again_in_later_runs()
    {
        // No Get map (9F refused): every EPC is asked; 0x84 and 0x85 are answered with PDC 0.
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: new MeterOptions { Load = LoadModel.Constant, ConstantLoadW = 628, Without = new HashSet<byte> { 0x9F } }));
        byte[] epcs = [0xE7, 0x84, 0xE8, 0x85];
        var first = await h.ConnectAsync();
        var reading = await h.RunAsync(() => first.ReadAsync(epcs));
        Assert.Equal(ValueStatus.NotSupported, reading[0x84].Status);
        Assert.Equal(2, h.Sim.Stats.GetsOf(0x84)); // in the batch, then alone
        await h.RunAsync(() => first.DisposeAsync().AsTask());
        Assert.Equal(new byte[] { 0x84, 0x85 }, (await CachedAsync(h)).Capabilities!.Refused);

        h.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await h.ConnectAsync();
        var again = await h.RunAsync(() => second.ReadAsync(epcs));

        Assert.Equal("628 W", again[0xE7].ToDisplayString());
        Assert.Equal(new CurrentValue(3.5m, 2.8m), again[0xE8].Value);
        Assert.Equal(ValueStatus.NotSupported, again[0x84].Status);
        Assert.Equal(ValueStatus.NotSupported, again[0x85].Status);
        // D3 D7 E1 E7 E8 and 9F in one Get (84/85 as remembered: no room), then 9F alone: it was refused at the first
        // connect, and PDC 0 in a batch larger than any answered in full may be the batch's size.
        Assert.Equal(2, second.Statistics.FramesSent);
        Assert.Equal(2, h.Sim.Stats.GetsOf(0x84)); // never asked alone again
        Assert.Equal(0, second.CapabilitiesDropped);
    }

    [Fact]
    public async Task A_lower_limit_than_remembered_is_detected_dropped_and_relearned_with_every_value_right()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: DropMeter(m => m with { MaxGetOpc = 2 })));
        await SnapshotAsync(h);
        var entry = await CachedAsync(h);
        Assert.Equal(2, entry.Capabilities!.MaxOpc);
        // As remembered from before the meter's firmware took its limit down to 2.
        await new PanCache(h.Cache.Path).SaveAsync(Credentials, entry with { Capabilities = entry.Capabilities with { MaxOpc = 4, LargestAcceptedOpc = 4 } }, CancellationToken.None);
        h.Time.Advance(TimeSpan.FromMinutes(1));

        var (session, reading, _, _) = await SnapshotAsync(h);

        AssertAllValues(reading);
        Assert.Equal(2, session.Statistics.MaxOpc);
        Assert.True(session.CapabilitiesDropped >= 1);
        Assert.Contains(h.Log.Entries, e => e.Text.Contains("remembered meter capabilities disagree with the meter (the meter no longer answers Gets of 4 EPCs", StringComparison.Ordinal));
        var relearned = (await CachedAsync(h)).Capabilities!;
        Assert.Equal((2, 2), (relearned.MaxOpc, relearned.LargestAcceptedOpc));
    }

    [Fact]
    public async Task A_changed_coefficient_is_detected_in_the_first_read_and_every_energy_of_it_uses_the_new_one()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: DropMeter(m => m with { Coefficient = 10, Unit = 0x02, AnchorNormalKwh = 8000m })));
        await SnapshotAsync(h);
        var entry = await CachedAsync(h);
        var stale = new Dictionary<byte, ReadOnlyMemory<byte>>(entry.Capabilities!.MeterInfo) { [0xD3] = new byte[] { 0, 0, 0, 1 } };
        await new PanCache(h.Cache.Path).SaveAsync(Credentials, entry with { Capabilities = entry.Capabilities with { MeterInfo = stale } }, CancellationToken.None);
        h.Time.Advance(TimeSpan.FromMinutes(1));

        var session = await h.ConnectAsync();
        Assert.Equal(1u, session.Meter.Coefficient); // what was remembered…
        Assert.Equal(EnergyScale.Unknown, session.Scale); // …is not used for any value before the meter confirms it
        var reading = await h.RunAsync(() => session.ReadAsync(SeedClientPlanner.SeedOrder));

        AssertAllValues(reading);
        Assert.Equal(10u, session.Meter.Coefficient);
        Assert.Equal(0.1m, session.Meter.KwhPerCount); // 10 × 0.01 kWh
        Assert.Equal("10", reading[0xD3].ToDisplayString());
        var e0 = Assert.IsType<EnergyValue>(reading[0xE0].Value).Energy;
        Assert.Equal(e0.Raw * 0.1m, e0.Kwh);
        Assert.InRange(e0.Kwh!.Value, 7999m, 8001m); // the meter's register, not a tenth of it
        var ea = Assert.IsType<TimedEnergyValue>(reading[0xEA].Value).Energy;
        Assert.Equal(ea.Raw * 0.1m, ea.Kwh);
        Assert.True(reading.Scale.TryGetKwhPerCount(out var k) && k == 0.1m);
        Assert.Equal(1, session.CapabilitiesDropped);
        Assert.Contains(h.Log.Entries, e => e.Text.Contains("0xD3 was 00000001, now 0000000A", StringComparison.Ordinal));
        Assert.Equal(4, session.Statistics.FramesSent); // the limit was not part of the change: still 4 Gets of 4 (9F asked again)

        await h.RunAsync(() => session.DisposeAsync().AsTask());
        Assert.Equal(new byte[] { 0, 0, 0, 10 }, (await CachedAsync(h)).Capabilities!.MeterInfo[0xD3].ToArray());
    }

    [Fact]
    public async Task An_epc_the_meter_now_refuses_drops_the_memory_and_its_energies_follow_what_it_says_now()
    {
        // The meter (no Get map: every EPC is asked) no longer gives E1: 0x00 = 1 kWh per count is assumed (and said),
        // instead of the remembered 0.1 kWh.
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: new MeterOptions { Load = LoadModel.Constant, ConstantLoadW = 628, Without = new HashSet<byte> { 0x9F, 0xE1 } }));
        await SnapshotAsync(h);
        var entry = await CachedAsync(h);
        Assert.Contains((byte)0xE1, entry.Capabilities!.Refused);
        var stale = new Dictionary<byte, ReadOnlyMemory<byte>>(entry.Capabilities.MeterInfo) { [0xE1] = new byte[] { 0x01 } };
        var refused = entry.Capabilities.Refused.Where(e => e != 0xE1).ToArray();
        await new PanCache(h.Cache.Path).SaveAsync(Credentials, entry with { Capabilities = entry.Capabilities with { MeterInfo = stale, Refused = refused } }, CancellationToken.None);
        h.Time.Advance(TimeSpan.FromMinutes(1));

        var session = await h.ConnectAsync();
        Assert.Equal((byte)0x01, session.Meter.UnitCode);
        var reading = await h.RunAsync(() => session.ReadAsync([0xE0, 0xE1, 0xE7]));

        Assert.Equal(1, session.CapabilitiesDropped);
        Assert.True(session.Meter.UnitAssumed);
        Assert.Equal(ValueStatus.NotSupported, reading[0xE1].Status);
        var e0 = Assert.IsType<EnergyValue>(reading[0xE0].Value).Energy;
        Assert.Equal(e0.Raw * 1m, e0.Kwh);
        Assert.Contains(h.Log.Entries, e => e.Text.Contains("0xE1 is refused now", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_remembered_capabilities_the_meter_info_is_asked_after_the_join_as_before()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: DropMeter()));
        await SnapshotAsync(h);
        h.Time.Advance(TimeSpan.FromMinutes(1));

        var session = await h.ConnectAsync(o => o with { UseRememberedCapabilities = false });

        Assert.False(session.UsesRememberedCapabilities);
        Assert.Equal(1, session.Statistics.FramesSent); // 9F D3 D7 E1
        Assert.Equal(0, session.Statistics.Scans); // the PAN is still the cached one
        Assert.Equal(6, session.Statistics.MaxOpc); // and nothing learned was used
    }

    [Fact]
    public async Task A_notification_before_the_remembered_coefficient_is_confirmed_carries_no_kwh_rather_than_a_wrong_one()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: new MeterOptions { Load = LoadModel.Constant, ConstantLoadW = 628, Coefficient = 10, Unit = 0x02 }));
        await SnapshotAsync(h);
        var entry = await CachedAsync(h);
        var stale = new Dictionary<byte, ReadOnlyMemory<byte>>(entry.Capabilities!.MeterInfo) { [0xD3] = new byte[] { 0, 0, 0, 1 } };
        await new PanCache(h.Cache.Path).SaveAsync(Credentials, entry with { Capabilities = entry.Capabilities with { MeterInfo = stale } }, CancellationToken.None);
        await h.AdvanceAsync(new DateTimeOffset(2026, 1, 15, 10, 29, 0, TimeSpan.FromHours(9)) - h.Time.GetUtcNow());

        var session = await h.ConnectAsync();
        await using var notifications = session.ReadNotificationsAsync().GetAsyncEnumerator();
        var before = await NextEnergyAsync(h, notifications);

        Assert.Null(before.Energy.Kwh); // neither the remembered coefficient 1 nor a guess
        Assert.NotNull(before.Energy.Raw);

        await h.RunAsync(() => session.ReadPropertyAsync(MeterEpc.InstantaneousPower)); // confirms D3/D7/E1: D3 changed
        Assert.Equal(10u, session.Meter.Coefficient);
        var after = await NextEnergyAsync(h, notifications);
        Assert.Equal(after.Energy.Raw * 0.1m, after.Energy.Kwh); // 10 × 0.01 kWh
    }

    private static async Task<TimedEnergyValue> NextEnergyAsync(SessionHarness h, IAsyncEnumerator<SessionNotification> notifications)
    {
        while (true)
        {
            var next = notifications.MoveNextAsync().AsTask();
            await h.AdvanceUntilAsync(() => next.IsCompleted, TimeSpan.FromMinutes(40), "30-minute notification");
            Assert.True(await next);
            if (notifications.Current.Properties.FirstOrDefault(p => p.Epc == 0xEA)?.Value is TimedEnergyValue ea)
            {
                return ea;
            }
        }
    }
}
