using System.Diagnostics;
using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;
using BRoute.Tests.Monitoring.Support;
using BRoute.Tests.Session.Support;
using Xunit.Abstractions;

namespace BRoute.Tests.Monitoring;

/// <summary>
/// 48 simulated hours of a monitor against the in-memory simulator with the faults of a bad year in two days: lost and
/// late replies throughout, the first joins refused (EVENT 24), the session expiring every 6 h, two EVENT 32 spells of
/// 15 min, and the dongle gone for 2 hours. The read schedule is E7+E8 every 15 min and the energies every 30 min (the
/// default 10 s would be 17,000 Gets: the same code path, many times the test time).
/// </summary>
[Collection(LongRunCollection.Name)]
public sealed class MonitorFaultsTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = SessionHarness.DefaultStart;

    [Fact]
    public async Task Forty_eight_hours_of_faults_readings_resume_after_each_state_changes_once_and_every_half_hour_has_the_meters_value()
    {
        const string faults = "lost-reply=0.03,late-reply=0.03,auth-fail-first=3,early-expiry=21600,tx-limit=61200/900,vanish=90000/7200";
        await using var h = new MonitorHarness(
            SessionHarness.Simulator(faults: faults),
            o => o with
            {
                Schedule = new ReadSchedule([
                    new ReadGroup([MeterEpc.InstantaneousPower, MeterEpc.InstantaneousCurrent], TimeSpan.FromMinutes(15)),
                    new ReadGroup([MeterEpc.CumulativeEnergyNormal, MeterEpc.CumulativeEnergyReverse], TimeSpan.FromMinutes(30), [MeterEpc.CumulativeEnergyOneMinute]),
                ]),
                StatePollInterval = TimeSpan.FromMinutes(5),
                CountersInterval = TimeSpan.FromHours(1),
            });
        var real = Stopwatch.StartNew();
        var trace = new List<string>();
        h.Trace = trace.Add;
        h.Start();

        // The consumer stops reading for 10 hours in the middle (after the dongle came back): its buffer stays small.
        await h.UntilTimeAsync(Start.AddHours(30));
        h.Paused = true;
        var pausedFrom = h.Session.Time.GetUtcNow();
        await h.UntilTimeAsync(Start.AddHours(40));
        var pendingAfterPause = h.Subscription.Count;
        h.Paused = false;
        await h.UntilTimeAsync(Start.AddHours(48));
        await h.StopAsync();
        output.WriteLine($"48 h simulated in {real.Elapsed.TotalSeconds:0.0} s real; {h.Events.Count} events; pending after the 10 h pause {pendingAfterPause}, replaced {h.Subscription.Replaced}, dropped {h.Subscription.Dropped}");
        output.WriteLine(string.Join("\n", trace));
        foreach (var s in h.States)
        {
            output.WriteLine($"{s.Since:HH:mm:ss} {s.Kind}: {s.Reason}");
        }

        // Every state change once: never the same kind twice in a row; the refusal, the pause and the outage were seen.
        Assert.Equal(h.States, h.Recorded.OfType<StateChangedEvent>().Select(e => e.State)); // kept through the pause
        var kinds = h.States.Select(s => s.Kind).ToList();
        Assert.All(kinds.Zip(kinds.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.Equal(MonitorStateKind.Connecting, kinds[0]);
        Assert.Equal(MonitorStateKind.Stopped, kinds[^1]);
        Assert.Contains(MonitorStateKind.AuthenticationRefused, kinds);
        Assert.Contains(MonitorStateKind.TransmitPaused, kinds);
        Assert.Contains(MonitorStateKind.Outage, kinds);
        var refused = h.States.First(s => s.Kind == MonitorStateKind.AuthenticationRefused);
        Assert.True(refused.Until - refused.Since >= TimeSpan.FromMinutes(4), "a refusal waits minutes, not seconds");

        // Readings resume after each fault: the longest silence is the dongle's 2 h absence plus the reconnect.
        var recorded = h.Recorded.OfType<MeasurementsEvent>().SelectMany(e => e.Measurements).Where(m => m.Quantity == Quantity.Power && m.HasValue).ToList();
        Assert.All(recorded, m => Assert.Equal(628m, m.Value));
        var power = recorded.Select(m => m.ReadAt).ToList();
        var gaps = power.Zip(power.Skip(1), (a, b) => (From: a, Gap: b - a)).OrderByDescending(g => g.Gap).ToList();
        Assert.InRange(gaps[0].Gap, TimeSpan.FromHours(2), TimeSpan.FromHours(2.5));
        Assert.InRange(gaps[0].From, Start.AddHours(25) - TimeSpan.FromMinutes(16), Start.AddHours(25)); // the last reading before it left
        Assert.True(gaps[1].Gap <= TimeSpan.FromMinutes(35), $"second-longest silence {gaps[1].Gap} from {gaps[1].From}");
        Assert.True(power[0] < Start.AddMinutes(30), "the first reading comes after the refusal's wait");
        Assert.True(power[^1] > Start.AddHours(48) - TimeSpan.FromMinutes(16)); // within one interval of the end

        // Every half-hour the meter announced came through with the meter's value (constant 628 W from 8000 kWh, 0.1 kWh unit).
        var notified = h.Events.OfType<HalfHourEvent>().Select(e => e.HalfHour).Where(x => x.Source == ValueSource.Notification).ToList();
        Assert.InRange(notified.Count, 80, 96);
        Assert.Equal(notified.Count, notified.Select(x => x.SlotEnd).Distinct().Count());
        Assert.Equal(notified, h.Recorded.OfType<HalfHourEvent>().Select(e => e.HalfHour).Where(x => x.Source == ValueSource.Notification)); // none dropped by the pause
        foreach (var slot in notified)
        {
            var hours = (decimal)(slot.SlotEnd - Start).TotalHours;
            var expected = Math.Floor((8000m + (0.628m * hours)) * 10) / 10;
            Assert.Equal(SlotEnergy.Of(expected), slot.Import);
            Assert.Equal(0, slot.SlotEnd.Minute % 30);
        }

        Assert.Contains(notified, x => x.SlotEnd > pausedFrom && x.SlotEnd < Start.AddHours(40)); // kept through the pause
        // 60 Gets were answered meanwhile; pending are the 20 half-hours, one value per quantity, the states and counters.
        Assert.InRange(pendingAfterPause, 20, 50);
        Assert.True(h.Subscription.Replaced > 30);
        Assert.Equal(0, h.Subscription.Dropped);
        Assert.True(h.Monitor.Reconnects >= 1);
        Assert.True(real.Elapsed < TimeSpan.FromSeconds(90), $"took {real.Elapsed}"); // 38 s measured on 2 cores shared with other builds
    }
}
