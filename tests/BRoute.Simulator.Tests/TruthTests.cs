using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.Simulator.Hosting;
using BRoute.Simulator.Meter;
using BRoute.Simulator.Tests.Support;
using BRoute.Simulator.Truth;
using BRoute.SkStack.Grammar;
using Microsoft.Extensions.Time.Testing;

namespace BRoute.Simulator.Tests;

/// <summary>
/// The simulated meter's ground truth (<c>--truth</c>): every half-hour slot of its history at start, then each slot as
/// the simulated clock passes it; and a restart with the same options (<c>--state</c>) continues the same meter.
/// </summary>
public sealed class TruthTests
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 19, 10, 0, Jst);
    private static readonly DateTimeOffset HostStart = new(2026, 11, 27, 10, 10, 0, TimeSpan.Zero);

    private static SimulatorOptions Options(double timeScale = 60) => new()
    {
        Start = Start,
        HostStart = HostStart,
        TimeScale = timeScale,
        LatencyScale = 0,
        Seed = 5,
        Meter = new MeterOptions { Load = LoadModel.Constant, ConstantLoadW = 628, Coefficient = 3, Unit = 0x02, AnchorNormalKwh = 8000m },
    };

    [Fact]
    public void The_truth_holds_every_slot_of_the_history_at_start_in_kwh_after_coefficient_and_unit()
    {
        var time = new FakeTimeProvider(HostStart);
        using var host = new SimulatorHost(Options(), time);

        var slots = host.TruthSlots();

        var historyStart = new DateTimeOffset(2026, 8, 19, 0, 0, 0, Jst); // 100 days before the start day
        Assert.Equal(historyStart, slots[0].SlotEnd);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 19, 0, 0, Jst), slots[^1].SlotEnd);
        Assert.Equal(((slots[^1].SlotEnd - historyStart).Ticks / TimeSpan.FromMinutes(30).Ticks) + 1, slots.Count);
        Assert.All(slots.Zip(slots.Skip(1)), p => Assert.Equal(TimeSpan.FromMinutes(30), p.Second.SlotEnd - p.First.SlotEnd));

        // 628 W constant: 0.314 kWh per half hour; registers floor to whole counts of 3 × 0.01 kWh.
        var at1900 = 8000m - (0.628m * 10m / 60m);
        Assert.Equal(Math.Floor(at1900 / 0.03m) * 0.03m, slots[^1].ImportKwh);
        Assert.All(slots, s => Assert.Equal(0m, s.ImportKwh % 0.03m));
        Assert.All(slots, s => Assert.Equal(0m, s.ExportKwh));
        Assert.Equal("{\"slot_end\":\"2026-11-27T19:00:00+09:00\",\"import_kwh\":7999.89,\"export_kwh\":0.00}", slots[^1].ToJsonLine());
    }

    [Fact]
    public async Task The_truth_agrees_with_what_the_meter_answers_for_E2()
    {
        var time = new FakeTimeProvider(HostStart);
        using var host = new SimulatorHost(Options(timeScale: 0) with { DataMode = ErxudpDataMode.AsciiHex, Meter = Options().Meter with { RouteBId = Sim.Id, Password = Sim.Password } }, time);
        using var probe = new SerialProbe(host.ConnectInMemory());
        await Sim.JoinAsync(probe);

        await Sim.RequestAsync(probe, Sim.Frame(Esv.SetC, Eoj.SmartMeter, new EchonetProperty(0xE5, new byte[] { 1 })));
        var e2 = await Sim.RequestAsync(probe, Sim.Get(0xE2));

        var day = Assert.IsType<DayHistoryValue>(MeterPropertyDecoder.Decode(0x0288, e2.Properties[0], new EnergyScale(3m, 0x02), new DateOnly(2026, 11, 27)).Value);
        var truth = host.TruthSlots().ToDictionary(s => s.SlotEnd);
        foreach (var slot in day.Slots)
        {
            Assert.Equal(truth[new DateTimeOffset(slot.Timestamp!.Value, Jst)].ImportKwh, slot.Energy.Kwh);
        }
    }

    [Fact]
    public async Task Slots_are_added_as_the_simulated_clock_passes_them_and_a_continued_file_gets_only_the_new_ones()
    {
        var time = new FakeTimeProvider(HostStart);
        using var host = new SimulatorHost(Options(timeScale: 60), time);
        using var file = new StringWriter();

        var last = await TruthFile.AppendAsync(host, file, null);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 19, 0, 0, Jst), last);
        var lines = file.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

        time.Advance(TimeSpan.FromSeconds(19)); // 19 simulated minutes: 19:29, no new slot
        Assert.Equal(last, await TruthFile.AppendAsync(host, file, last));
        time.Advance(TimeSpan.FromSeconds(61)); // 20:30 simulated: 19:30, 20:00 and 20:30 ended
        var later = await TruthFile.AppendAsync(host, file, last);

        var all = file.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => TruthSlot.TryParse(l)!).ToList();
        Assert.Equal(lines + 3, all.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 20, 30, 0, Jst), later);
        Assert.Equal(all.Select(s => s.SlotEnd).Distinct().Count(), all.Count);
        Assert.True(all[^1].ImportKwh > all[^4].ImportKwh);
    }

    [Fact]
    public void A_second_simulator_with_the_same_options_continues_the_first_ones_clock_registers_and_history()
    {
        var time = new FakeTimeProvider(HostStart);
        IReadOnlyList<TruthSlot> before;
        using (var first = new SimulatorHost(Options(timeScale: 60), time))
        {
            time.Advance(TimeSpan.FromMinutes(2)); // 2 simulated hours
            before = first.TruthSlots();
            Assert.Equal(Start.AddHours(2), first.Clock.Now);
        }

        time.Advance(TimeSpan.FromMinutes(3)); // unplugged for 3 host minutes = 3 simulated hours
        using var second = new SimulatorHost(Options(timeScale: 60), time);

        Assert.Equal(Start.AddHours(5), second.Clock.Now);
        var after = second.TruthSlots();
        Assert.Equal(before, after.Take(before.Count));
        Assert.Equal(6, after.Count - before.Count); // 21:30 … 24:00 ended while it was away
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 0, 0, 0, Jst), after[^1].SlotEnd);
    }

    [Fact]
    public void The_state_file_fixes_the_clock_origin_once_and_refuses_another_meter()
    {
        var dir = Directory.CreateTempSubdirectory("broute-state-");
        try
        {
            var path = Path.Combine(dir.FullName, "meter.json");
            var options = Options() with { HostStart = null };
            var now = new DateTimeOffset(2026, 12, 5, 1, 0, 0, TimeSpan.Zero);

            var fresh = SimulatorStateFile.LoadOrCreate(path, options, now, out var continuedFirst);
            var again = SimulatorStateFile.LoadOrCreate(path, options, now.AddHours(3), out var continuedSecond);

            Assert.False(continuedFirst);
            Assert.True(continuedSecond);
            Assert.Equal(now, fresh.HostStart);
            Assert.Equal(fresh.Start, again.Start);
            Assert.Equal(fresh.HostStart, again.HostStart);

            var noStart = SimulatorStateFile.LoadOrCreate(path, options with { Start = null }, now.AddDays(1), out _);
            Assert.Equal(Start, noStart.Start); // a restart without --start continues the meter's own start

            var other = Assert.Throws<FormatException>(() => SimulatorStateFile.LoadOrCreate(path, options with { Seed = 6 }, now, out _));
            Assert.Contains("belongs to another meter", other.Message, StringComparison.Ordinal);
            File.WriteAllText(path, "{ not json");
            Assert.Contains("delete it", Assert.Throws<FormatException>(() => SimulatorStateFile.LoadOrCreate(path, options, now, out _)).Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
