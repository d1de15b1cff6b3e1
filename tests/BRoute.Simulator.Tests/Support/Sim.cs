using BRoute.EchonetLite.Frames;
using BRoute.Simulator.Faults;
using BRoute.SkStack.Grammar;
using Microsoft.Extensions.Time.Testing;

namespace BRoute.Simulator.Tests.Support;

/// <summary>A simulator, its fake clock and the test's end of the serial line; disposing it disconnects and stops the simulator.</summary>
internal sealed record SimRun(SimulatorHost Host, FakeTimeProvider Time, SerialProbe Probe) : IDisposable
{
    public void Dispose()
    {
        Probe.Dispose();
        Host.Dispose();
    }
}

/// <summary>Builds simulators for tests: fake clock, and the addresses the defaults produce.</summary>
internal static class Sim
{
    public const string Id = "00112233445566778899AABBCCDDEEFF";
    public const string Password = "0123456789AB";
    public const string MeterIp = "FE80:0000:0000:0000:021C:6400:00A1:B2C3";
    public const string MeterMac = "001C640000A1B2C3";
    public const string DongleIp = "FE80:0000:0000:0000:021D:1290:1234:5678";
    public const string DongleMac = "001D129012345678";
    public static readonly DateTimeOffset Start = new(2026, 1, 15, 10, 10, 0, TimeSpan.FromHours(9));

    /// <summary>The default meter's credentials, channel and PAN: four commands, answered by four OKs.</summary>
    public const string Setup = $"SKSETPWD C {Password}\r\nSKSETRBID {Id}\r\nSKSREG S2 21\r\nSKSREG S3 8888\r\n";

    public static SimulatorOptions Options(DongleFamily family = DongleFamily.Bp35A1, double latency = 0, string? faults = null) => new()
    {
        Family = family,
        LatencyScale = latency,
        Start = Start,
        Seed = 7,
        Faults = FaultOptions.Parse(faults),
    };

    public static SimRun Create(SimulatorOptions options)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var host = new SimulatorHost(options, time);
        return new SimRun(host, time, new SerialProbe(host.ConnectInMemory()));
    }

    /// <summary>
    /// Moves the fake clock forward in small steps, so chains of actions each scheduled relative to the
    /// previous one all run (one big Advance would only run the first link of a chain).
    /// </summary>
    public static void Run(FakeTimeProvider time, TimeSpan total, TimeSpan? step = null)
    {
        var s = step ?? TimeSpan.FromMilliseconds(5);
        for (var done = TimeSpan.Zero; done < total; done += s)
        {
            time.Advance(s);
        }
    }

    /// <summary>Advances the fake clock in steps until <paramref name="marker"/> is pending (at most <paramref name="max"/>, default 60 s).</summary>
    public static TimeSpan RunUntil(FakeTimeProvider time, SerialProbe probe, string marker, TimeSpan step, TimeSpan? max = null)
    {
        var elapsed = TimeSpan.Zero;
        while (!probe.Pending.Contains(marker, StringComparison.Ordinal))
        {
            Assert.True(elapsed < (max ?? TimeSpan.FromSeconds(60)), $"'{SerialProbe.Printable(marker)}' did not come; have {SerialProbe.Printable(probe.Pending)}");
            time.Advance(step);
            elapsed += step;
        }

        return elapsed;
    }

    public static bool DualSide(DongleFamily f) => f is DongleFamily.Bp35C0 or DongleFamily.Bp35C2 or DongleFamily.RsWsuha or DongleFamily.Rl7023Dss;

    /// <summary>Echo off, credentials, channel and PAN set, meter joined (latency 0). Consumes all output.</summary>
    public static async Task JoinAsync(SerialProbe probe, DongleFamily family = DongleFamily.Bp35A1)
    {
        var side = DualSide(family) ? " 0" : string.Empty;
        probe.Write("SKSREG SFE 0\r\n");
        await probe.ExpectAsync("SKSREG SFE 0\r\nOK\r\n");
        probe.Write(Setup);
        await probe.ExpectAsync("OK\r\nOK\r\nOK\r\nOK\r\n");
        probe.Write($"SKJOIN {MeterIp}\r\n");
        await probe.ReadUntilAsync($"EVENT 25 {MeterIp}{side}\r\n");
        var inf = await probe.ReadLineAsync(); // the instance-list INF to FF02::1 (no CRLF inside in either mode)
        Assert.Contains(" FF02:0000:0000:0000:0000:0000:0000:0001 0E1A 0E1A ", inf, StringComparison.Ordinal);
    }

    /// <summary>A simulator joined to its meter (<see cref="JoinAsync"/>, A1).</summary>
    public static async Task<SimRun> CreateJoinedAsync(SimulatorOptions options)
    {
        var sim = Create(options);
        await JoinAsync(sim.Probe);
        return sim;
    }

    /// <summary>Sends a frame (A1, ASCII mode, joined) and returns the decoded reply frame.</summary>
    public static async Task<EchonetFrame> RequestAsync(SerialProbe probe, byte[] frame)
    {
        probe.SendTo(MeterIp, frame);
        await probe.ExpectAsync($"\r\nEVENT 21 {MeterIp} 00\r\nOK\r\n");
        var line = await probe.ReadLineAsync();
        Assert.StartsWith($"ERXUDP {MeterIp} {DongleIp} 0E1A 0E1A ", line, StringComparison.Ordinal);
        var hex = line.TrimEnd('\r', '\n').Split(' ')[^1];
        return FrameCodec.Decode(Convert.FromHexString(hex));
    }

    /// <summary>A request frame with TID 1 from 05FF01.</summary>
    public static byte[] Frame(Esv esv, Eoj deoj, params EchonetProperty[] props) =>
        FrameCodec.Encode(new EchonetFrame(1, Eoj.Controller, deoj, esv, props));

    /// <summary>Get request with TID 1 from 05FF01 to 028801.</summary>
    public static byte[] Get(params byte[] epcs) => FrameCodec.Encode(EchonetFrame.Get(1, Eoj.Controller, Eoj.SmartMeter, epcs));
}
