using BRoute.Simulator.Tests.Support;

namespace BRoute.Simulator.Tests;

/// <summary>
/// Configured with the seed trace's values, the simulator prints the ERXUDP lines of
/// seed-trace-decoded.md §1 byte for byte (the client's requests are those of §0: Get, TID 1, one EPC each).
/// </summary>
public sealed class SeedTraceTests
{
    private static readonly byte[] Order = [0x80, 0xD3, 0xD7, 0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE7, 0xE8, 0xEA, 0xEB, 0xEC, 0xED];

    [Fact]
    public async Task Meter_answers_reproduce_the_seed_trace()
    {
        var doc = ReferenceFiles.ReadText("seed-trace-decoded.md");
        var section = doc[doc.IndexOf("## 1.", StringComparison.Ordinal)..doc.IndexOf("## 2.", StringComparison.Ordinal)];
        var expected = section.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("ERXUDP ", StringComparison.Ordinal)).ToList();
        Assert.Equal(16, expected.Count);

        using var sim = Sim.Create(SimulatorOptions.SeedTrace() with { LatencyScale = 0 });
        var (host, _, probe) = sim;
        const string meter = "FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99";
        probe.Write("SKSREG SFE 0\r\n");
        await probe.ExpectAsync("SKSREG SFE 0\r\nOK\r\n");
        probe.Write($"SKSETPWD C {Sim.Password}\r\nSKSETRBID {Sim.Id}\r\nSKSREG S2 33\r\nSKSREG S3 24EF\r\n");
        await probe.ExpectAsync("OK\r\nOK\r\nOK\r\nOK\r\n");
        probe.Write($"SKPING {meter}\r\n");
        await probe.ExpectAsync($"OK\r\nEPONG {meter}\r\n");
        probe.Write($"SKJOIN {meter}\r\n");
        await probe.ReadUntilAsync($"EVENT 25 {meter}\r\n");
        Assert.Equal(expected[0] + "\r\n", await probe.ReadLineAsync());

        for (var i = 0; i < Order.Length; i++)
        {
            probe.SendTo(meter, Sim.Get(Order[i]));
            await probe.ExpectAsync($"\r\nEVENT 21 {meter} 00\r\nOK\r\n");
            Assert.Equal(expected[i + 1] + "\r\n", await probe.ReadLineAsync());
        }

        Assert.Equal(15, host.Stats.UdpFramesReceived);
        Assert.Equal(1, host.Stats.GetsOf(0xE7));
    }
}
