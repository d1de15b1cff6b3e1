using BRoute.Connection;
using BRoute.Decoding;
using BRoute.EchonetLite.Meter;
using BRoute.Session;
using BRoute.SkStack.Grammar;
using BRoute.Tests.Session.Support;

namespace BRoute.Tests.Session;

/// <summary>Every dongle family and both ERXUDP data modes: scan, join, meter info, one batched Get of E7/E8/E0.</summary>
public sealed class FamilyConnectTests
{
    public static TheoryData<DongleFamily, ErxudpDataMode> FamiliesAndModes()
    {
        var data = new TheoryData<DongleFamily, ErxudpDataMode>();
        foreach (var family in Enum.GetValues<DongleFamily>().Where(f => f != DongleFamily.Unknown))
        {
            data.Add(family, ErxudpDataMode.AsciiHex);
            if (family is not (DongleFamily.Rl7023Ips or DongleFamily.Rl7023Dss))
            {
                data.Add(family, ErxudpDataMode.Binary); // RL7023 has no WOPT: ASCII only
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FamiliesAndModes))]
    public async Task Connects_and_reads_E7_E8_E0_in_one_get(DongleFamily family, ErxudpDataMode mode)
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(family, mode: mode));
        var session = await h.ConnectAsync();

        var reading = await h.RunAsync(() => session.ReadAsync([0xE7, 0xE8, 0xE0]));

        Assert.True(reading.IsComplete);
        Assert.Equal([0xE7, 0xE8, 0xE0], reading.Properties.Select(p => p.Epc));
        Assert.Equal(628m, Assert.IsType<NumberValue>(reading[0xE7].Value).Number);
        var current = Assert.IsType<CurrentValue>(reading[0xE8].Value);
        Assert.Equal(3.5m, current.R); // 628 W at 100 V: 6.28 A split 55/45 over R and T (simulator model)
        Assert.Equal(2.8m, current.T);
        Assert.Equal(8000.0m, Assert.IsType<EnergyValue>(reading[0xE0].Value).Energy.Kwh); // anchor 8000 kWh, unit 0.1
        Assert.Equal("kWh", reading[0xE0].Unit);
        Assert.False(reading[0xE0].CoefficientAssumed);

        // One Get for the meter info (9F D3 D7 E1), one Get for E7 E8 E0.
        Assert.Equal(2, session.Statistics.FramesSent);
        Assert.Equal(2, h.Sim.Stats.UdpFramesReceived);
        Assert.Equal(1, h.Sim.Stats.GetsOf(0xE7));
        Assert.Equal(ConnectionPhase.Connected, session.Phase);
        Assert.Equal(mode, session.Dialect!.DataMode);
        var dualSide = family is DongleFamily.Bp35C0 or DongleFamily.Bp35C2 or DongleFamily.RsWsuha or DongleFamily.Rl7023Dss;
        Assert.Equal(dualSide, session.Dialect.HasSideArgument);
        Assert.Equal(1u, session.Meter.Coefficient);
        Assert.Equal((byte)0x01, session.Meter.UnitCode);
        Assert.Equal((byte)6, session.Meter.EffectiveDigits);
        Assert.Contains((byte)0xE7, session.Meter.GetPropertyMap!);
    }

    [Fact]
    public async Task A_family_override_decides_the_side_argument()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(DongleFamily.RsWsuha));
        var session = await h.ConnectAsync(o => o with { Family = DongleFamily.RsWsuha });

        Assert.Equal(DongleFamily.RsWsuha, session.Dialect!.Family);
        Assert.True(session.Dialect.HasSideArgument);
        Assert.Contains("given by the user", session.Dialect.Evidence, StringComparison.Ordinal);
        Assert.Contains("SKSCAN 2 FFFFFFFF 4 0\r\n", h.WrittenText, StringComparison.Ordinal);
        Assert.Equal("628 W", (await h.RunAsync(() => session.ReadPropertyAsync(0xE7))).ToDisplayString());
    }
}
