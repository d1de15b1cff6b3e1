using BRoute.Simulator.Meter;
using BRoute.Simulator.Tests.Support;
using BRoute.SkStack.Grammar;

namespace BRoute.Simulator.Tests;

/// <summary>Radio timing on a fake clock (timing.md "Recommended simulator defaults").</summary>
public sealed class TimingTests
{
    private static SimulatorOptions Timed(DongleFamily family = DongleFamily.Bp35A1, double timeScale = 1, MeterOptions? meter = null, DateTimeOffset? start = null) =>
        Sim.Options(family, latency: 1) with
        {
            DataMode = ErxudpDataMode.AsciiHex,
            TimeScale = timeScale,
            Meter = meter ?? new MeterOptions(),
            Start = start ?? Sim.Start,
        };

    private static async Task EchoOffAsync(SerialProbe probe, Microsoft.Extensions.Time.Testing.FakeTimeProvider time)
    {
        probe.Write("SKSREG SFE 0\r\n");
        Sim.Run(time, TimeSpan.FromMilliseconds(40));
        await probe.ExpectAsync("SKSREG SFE 0\r\nOK\r\n");
    }

    [Theory]
    [InlineData(DongleFamily.Bp35A1, 6, 9.6)]
    [InlineData(DongleFamily.Bp35C2, 4, 10.0)]
    public async Task Active_scan_dwells_per_channel_by_the_family_formula(DongleFamily family, int duration, double baseMs)
    {
        using var sim = Sim.Create(Timed(family));
        var (_, time, probe) = sim;
        await EchoOffAsync(probe, time);
        var side = Sim.DualSide(family) ? " 0" : string.Empty;
        probe.Write($"SKSCAN 2 FFFFFFFF {duration}{side}\r\n");
        Sim.RunUntil(time, probe, "OK\r\n", TimeSpan.FromMilliseconds(1));
        await probe.ExpectAsync("OK\r\n");
        var dwell = TimeSpan.FromMilliseconds(baseMs * ((1 << duration) + 1));

        Sim.Run(time, dwell - TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(1));
        Assert.Equal(string.Empty, probe.Pending); // the meter's channel (33, first) is not finished yet
        Sim.Run(time, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(1));
        Assert.StartsWith("EVENT 20 ", probe.Pending, StringComparison.Ordinal);
        var block = probe.TakePending();
        Assert.EndsWith("  PairID:CCDDEEFF\r\n", block, StringComparison.Ordinal); // the whole block in one piece

        Sim.Run(time, (dwell * 27) - TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(10));
        Assert.Equal(string.Empty, probe.Pending); // EVENT 22 only at the end of the 28-channel sweep
        Sim.Run(time, TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(1));
        Assert.Equal($"EVENT 22 {Sim.DongleIp}{side}\r\n", probe.TakePending());
    }

    [Fact]
    public async Task Short_scans_and_masked_channels_do_not_find_the_meter()
    {
        using var sim = Sim.Create(Timed(meter: new MeterOptions { MinScanDuration = 5 }));
        var (host, time, probe) = sim;
        await EchoOffAsync(probe, time);
        probe.Write("SKSCAN 2 FFFFFFFF 4\r\n");
        Sim.Run(time, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10));
        await probe.ExpectAsync($"OK\r\nEVENT 22 {Sim.DongleIp}\r\n");

        probe.Write("SKSCAN 2 FFFFFFFE 6\r\n"); // channel 33 masked out
        Sim.Run(time, TimeSpan.FromSeconds(18), TimeSpan.FromMilliseconds(10));
        await probe.ExpectAsync($"OK\r\nEVENT 22 {Sim.DongleIp}\r\n");

        probe.Write("SKSCAN 2 00000001 5\r\n"); // only channel 33, long enough
        Sim.Run(time, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(10));
        var text = probe.TakePending();
        Assert.StartsWith($"OK\r\nEVENT 20 {Sim.DongleIp}\r\nEPANDESC\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith($"EVENT 22 {Sim.DongleIp}\r\n", text, StringComparison.Ordinal);
        Assert.Equal(3, host.Stats.Scans);
    }

    [Fact]
    public async Task Energy_detect_scan_reports_every_channel_and_a_blank_line_on_a1()
    {
        using var sim = Sim.Create(Timed());
        var (_, time, probe) = sim;
        await EchoOffAsync(probe, time);
        probe.Write("SKSCAN 0 00000007 2\r\n");
        Sim.Run(time, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(2));
        var text = probe.TakePending();
        Assert.Matches($"^OK\r\nEVENT 1F {Sim.DongleIp}\r\nEEDSCAN\r\n21 B4 22 [0-9A-F]{{2}} 23 [0-9A-F]{{2}}\r\n\r\n$", text);
    }

    [Fact]
    public async Task Join_takes_two_to_fifteen_seconds_and_the_get_reply_comes_after_ok()
    {
        using var sim = Sim.Create(Timed());
        var (_, time, probe) = sim;
        await EchoOffAsync(probe, time);
        probe.Write(Sim.Setup);
        Sim.Run(time, TimeSpan.FromMilliseconds(200));
        await probe.ExpectAsync("OK\r\nOK\r\nOK\r\nOK\r\n");
        probe.Write($"SKJOIN {Sim.MeterIp}\r\n");
        Sim.Run(time, TimeSpan.FromMilliseconds(40));
        await probe.ExpectAsync("OK\r\n");
        Sim.Run(time, TimeSpan.FromMilliseconds(1900), TimeSpan.FromMilliseconds(10));
        Assert.DoesNotContain("EVENT 25", probe.Pending, StringComparison.Ordinal);
        Sim.Run(time, TimeSpan.FromSeconds(14), TimeSpan.FromMilliseconds(10));
        var text = probe.TakePending();
        Assert.Contains($"EVENT 25 {Sim.MeterIp}\r\n", text, StringComparison.Ordinal);
        Assert.Contains("D50401028801\r\n", text, StringComparison.Ordinal);

        for (var i = 0; i < 20; i++)
        {
            probe.SendTo(Sim.MeterIp, Sim.Get(0xE7));
            Sim.Run(time, TimeSpan.FromSeconds(25), TimeSpan.FromMilliseconds(20));
            var exchange = probe.TakePending();
            Assert.StartsWith($"\r\nEVENT 21 {Sim.MeterIp} 00\r\nOK\r\nERXUDP ", exchange, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Lifetime_ends_in_event_29_then_automatic_reauthentication_event_25()
    {
        using var sim = Sim.Create(Timed(meter: new MeterOptions { SessionLifetime = TimeSpan.FromSeconds(100) }) with { LatencyScale = 0 });
        var (host, time, probe) = sim;
        await Sim.JoinAsync(probe);
        Sim.Run(time, TimeSpan.FromSeconds(79), TimeSpan.FromSeconds(1));
        Assert.Equal(string.Empty, probe.Pending);
        Sim.Run(time, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
        var text = probe.TakePending();
        Assert.StartsWith($"EVENT 29 {Sim.MeterIp}\r\n", text, StringComparison.Ordinal);
        Assert.Contains($"EVENT 25 {Sim.MeterIp}\r\n", text, StringComparison.Ordinal);
        Assert.Equal(1, host.Stats.Reauthentications);

        // With S17=0 there is no automatic re-authentication: the session simply expires.
        probe.Write("SKSREG S17 0\r\n");
        await probe.ExpectAsync("OK\r\n");
        probe.Write("SKREJOIN\r\n");
        await probe.ReadUntilAsync($"EVENT 25 {Sim.MeterIp}\r\n");
        Sim.Run(time, TimeSpan.FromSeconds(101), TimeSpan.FromSeconds(1));
        Assert.Contains($"EVENT 29 {Sim.MeterIp}\r\n", probe.TakePending(), StringComparison.Ordinal);
        probe.SendTo(Sim.MeterIp, Sim.Get(0xE7));
        await probe.ExpectAsync("\r\nFAIL ER10\r\n");
        Assert.Equal(1, host.Stats.SessionsExpired);
    }

    [Fact]
    public async Task No_radio_traffic_while_authenticating()
    {
        using var sim = Sim.Create(Timed());
        var (_, time, probe) = sim;
        await EchoOffAsync(probe, time);
        probe.Write($"{Sim.Setup}SKJOIN {Sim.MeterIp}\r\n");
        Sim.Run(time, TimeSpan.FromMilliseconds(300));
        probe.TakePending();
        probe.SendTo(Sim.MeterIp, Sim.Get(0xE7), sec: "2");
        Sim.Run(time, TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(10));
        var text = probe.TakePending();
        Assert.Contains($"\r\nEVENT 21 {Sim.MeterIp} 01\r\nOK\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("E70400", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fixed_time_notification_arrives_within_five_minutes_of_the_half_hour()
    {
        var start = new DateTimeOffset(2026, 1, 15, 10, 29, 0, TimeSpan.FromHours(9));
        using var sim = Sim.Create(Timed(start: start, meter: new MeterOptions { SolarPeakW = 3000 }) with { LatencyScale = 0 });
        var (host, time, probe) = sim;
        await Sim.JoinAsync(probe);
        Sim.Run(time, TimeSpan.FromSeconds(64), TimeSpan.FromSeconds(1));
        Assert.Equal(string.Empty, probe.Pending); // not before 10:30:05
        Sim.Run(time, TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(1));
        var line = probe.TakePending();
        // INF (0x73) from 028801 to 05FF01, TID 1, OPC 2: EA and EB at 2026-01-15 10:30:00.
        Assert.Matches(
            $"^ERXUDP {Sim.MeterIp} {Sim.DongleIp} 0E1A 0E1A {Sim.MeterMac} 1 0026 1081000102880105FF017302EA0B07EA010F0A1E00[0-9A-F]{{8}}EB0B07EA010F0A1E00[0-9A-F]{{8}}\r\n$",
            line);
        Assert.Equal(1, host.Stats.NotificationsSent);
    }

    [Fact]
    public async Task Time_scale_sixty_runs_a_simulated_minute_per_second()
    {
        using var sim = Sim.Create(Timed(timeScale: 60) with { LatencyScale = 0 });
        var (host, time, probe) = sim;
        await Sim.JoinAsync(probe);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(Sim.Start.AddMinutes(30), host.Clock.Now);
        Assert.Contains("1081000102880105FF017301EA0B07EA010F0A1E00", probe.TakePending(), StringComparison.Ordinal); // the 10:30 INF
        var reply = await Sim.RequestAsync(probe, Sim.Get(0x97));
        Assert.Equal([10, 40], reply.Properties[0].Edt.ToArray());
    }
}
