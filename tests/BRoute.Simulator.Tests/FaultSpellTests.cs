using BRoute.Simulator.Faults;
using BRoute.Simulator.Tests.Support;
using BRoute.SkStack.Grammar;

namespace BRoute.Simulator.Tests;

/// <summary>One spell of a periodic fault started by the host (the daemon soak's incidents), with no period configured.</summary>
public sealed class FaultSpellTests
{
    [Fact]
    public async Task A_vanish_spell_unplugs_the_dongle_for_its_duration_and_is_counted()
    {
        using var sim = await Sim.CreateJoinedAsync(Sim.Options(latency: 0) with { DataMode = ErxudpDataMode.AsciiHex });
        var (host, time, probe) = sim;

        host.BeginSpell(FaultKind.Vanish, TimeSpan.FromMinutes(10));

        await probe.ExpectEofAsync();
        Assert.False(host.IsPresent);
        Sim.Run(time, TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
        Assert.False(host.IsPresent);
        Sim.Run(time, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1));
        Assert.True(host.IsPresent);
        probe.Dispose();
        using var again = new SerialProbe(host.ConnectInMemory());
        again.Write("SKVER\r\n");
        await again.ExpectAsync("SKVER\r\nEVER 1.2.10\r\nOK\r\n");
        Assert.Equal(1, host.Stats.FaultsOf(FaultKind.Vanish));
    }

    [Fact]
    public async Task A_transmit_limit_spell_sends_event_32_then_event_33_when_it_ends()
    {
        using var sim = await Sim.CreateJoinedAsync(Sim.Options(latency: 0) with { DataMode = ErxudpDataMode.AsciiHex });
        var (host, time, probe) = sim;
        probe.TakePending();

        host.BeginSpell(FaultKind.TxLimit, TimeSpan.FromMinutes(15));
        Assert.Equal($"EVENT 32 {Sim.DongleIp}\r\n", probe.TakePending());
        Sim.Run(time, TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        Assert.Equal(string.Empty, probe.TakePending());
        Sim.Run(time, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
        Assert.Equal($"EVENT 33 {Sim.DongleIp}\r\n", probe.TakePending());
        Assert.Equal(1, host.Stats.FaultsOf(FaultKind.TxLimit));
    }

    [Fact]
    public void A_fault_that_is_not_periodic_is_refused_with_the_known_ones()
    {
        using var host = new SimulatorHost(Sim.Options(latency: 0));
        var ex = Assert.Throws<ArgumentException>(() => host.BeginSpell(FaultKind.LostReply, TimeSpan.FromMinutes(1)));
        Assert.Contains("vanish", ex.Message, StringComparison.Ordinal);
    }
}
