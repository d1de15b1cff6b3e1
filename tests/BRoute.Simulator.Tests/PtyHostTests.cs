using BRoute.Simulator.Faults;
using BRoute.Simulator.Hosting;
using BRoute.Simulator.Tests.Support;

namespace BRoute.Simulator.Tests;

/// <summary>The pseudo-terminal host in-process: raw mode before any open, and vanish/reappear at the same path.</summary>
public sealed class PtyHostTests
{
    [Fact]
    public async Task Vanishing_closes_the_pty_and_a_new_one_appears_behind_the_same_link()
    {
        Assert.True(OperatingSystem.IsLinux(), "pseudo-terminals are tested on Linux");
        var dir = Directory.CreateTempSubdirectory("broute-pty-");
        var link = Path.Combine(dir.FullName, "ttySIM");
        // Real clock: 1000 simulated seconds per host second: the dongle vanishes at 3 s for 0.3 s, and again at 6 s.
        var options = Sim.Options(faults: "vanish=3000/300") with { TimeScale = 1000 };
        using var host = new SimulatorHost(options);
        using var stop = new CancellationTokenSource();
        var slaves = new List<string>();
        var appeared = new SemaphoreSlim(0);
        var run = PtyHost.RunAsync(host, link, path =>
        {
            lock (slaves)
            {
                slaves.Add(path);
            }

            appeared.Release();
        }, stop.Token);
        try
        {
            Assert.True(await appeared.WaitAsync(SerialProbe.Timeout));
            using (var first = new FileStream(link, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None))
            {
                // Raw mode: "SKVER\r\n" reaches the dongle unchanged (no CR→LF mapping, no local echo).
                first.Write("SKVER\r\n"u8);
                first.Flush();
                var probe = new SerialProbe(first);
                await probe.ExpectAsync("SKVER\r\nEVER 1.2.10\r\nOK\r\n");
                Assert.True(await appeared.WaitAsync(SerialProbe.Timeout)); // vanished and came back

                // The old terminal is gone: its slave reads EOF or EIO.
                var gone = false;
                try
                {
                    gone = first.Read(new byte[16]) == 0;
                }
                catch (IOException)
                {
                    gone = true;
                }

                Assert.True(gone);
            }

            Assert.Equal(1, host.Stats.FaultsOf(FaultKind.Vanish));
            Assert.Equal(2, slaves.Count);
            Assert.NotNull(new FileInfo(link).LinkTarget);
            using var second = new FileStream(link, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None);
            second.Write("SKVER\r\n"u8);
            second.Flush();
            await new SerialProbe(second).ExpectAsync("SKVER\r\nEVER 1.2.10\r\nOK\r\n"); // reset by the power cycle: echo on
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(SerialProbe.Timeout);
            Assert.False(File.Exists(link) || new FileInfo(link).LinkTarget is not null, "link removed on stop");
            dir.Delete(recursive: true);
        }
    }
}
