using BRoute.Simulator.Tests.Support;
using BRoute.SkStack.Grammar;

namespace BRoute.Simulator.Tests;

/// <summary>Byte-exact bring-up dialogues per family (skstack.md §1–§4, §8).</summary>
public sealed class BringUpDialogueTests
{
    public static TheoryData<DongleFamily, string, string, string> Families => new()
    {
        // family, EVER, EINFO 5th field, ROPT answer (CR-terminated) or FAIL ER04
        { DongleFamily.Bp35A1, "1.2.10", "FFFE", "OK 00\r" },
        { DongleFamily.Wsr35A1, "1.2.10", "FFFE", "OK 00\r" },
        { DongleFamily.Bp35C0, "1.5.2", "0", "OK 00\r" },
        { DongleFamily.Bp35C2, "1.5.2", "0", "OK 01\r" },
        { DongleFamily.RsWsuha, "1.5.2", "0", "OK 01\r" },
        { DongleFamily.Rl7023Ips, "1.2.10", "FFFE", "FAIL ER04\r\n" },
        { DongleFamily.Rl7023Dss, "1.5.2", "0", "FAIL ER04\r\n" },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Bring_up_answers_exactly_like_the_family(DongleFamily family, string ever, string fifth, string ropt)
    {
        using var sim = Sim.Create(Sim.Options(family));
        var probe = sim.Probe;

        // Echo is on at power-up: every character comes back, then the result lines.
        probe.Write("SKVER\r\n");
        await probe.ExpectAsync($"SKVER\r\nEVER {ever}\r\nOK\r\n");
        probe.Write("SKAPPVER\r\n");
        await probe.ExpectAsync("SKAPPVER\r\nEAPPVER rev26e\r\nOK\r\n");
        probe.Write("SKSREG SFE 0\r\n");
        await probe.ExpectAsync("SKSREG SFE 0\r\nOK\r\n");
        probe.Write("SKINFO\r\n");
        await probe.ExpectAsync($"EINFO {Sim.DongleIp} {Sim.DongleMac} 21 FFFF {fifth}\r\nOK\r\n");
        probe.Write("ROPT\r");
        await probe.ExpectAsync(ropt);
        probe.Write("SKSREG SFE\r\n");
        await probe.ExpectAsync("ESREG 0\r\nOK\r\n");
    }

    [Fact]
    public async Task Registers_read_back_padded_and_accept_both_name_forms_and_lower_case_hex()
    {
        using var sim = Sim.Create(Sim.Options());
        var probe = sim.Probe;
        probe.Write("SKSREG SFE 0\r\n");
        await probe.ExpectAsync("SKSREG SFE 0\r\nOK\r\n");
        probe.Write("SKSREG S2 3c\r\nSKSREG S02\r\nSKSREG S3 24ef\r\nSKSREG S03\r\nSKSREG S16 384\r\nSKSREG S16\r\nSKSREG S17\r\nSKSREG SA2 1\r\nSKSREG SA2\r\n");
        await probe.ExpectAsync("OK\r\nESREG 3C\r\nOK\r\nOK\r\nESREG 24EF\r\nOK\r\nOK\r\nESREG 00000384\r\nOK\r\nESREG 1\r\nOK\r\nOK\r\nESREG 1\r\nOK\r\n");
        probe.Write("SKSREG SFB\r\nSKSREG SFD\r\n");
        await probe.ExpectAsync("ESREG 0\r\nOK\r\nESREG 0000000000000000\r\nOK\r\n");
    }

    [Theory]
    [InlineData("SKFOO\r\n", "FAIL ER04\r\n")]
    [InlineData("skver\r\n", "FAIL ER04\r\n")]
    [InlineData("SKVER 1\r\n", "FAIL ER05\r\n")]
    [InlineData("SKSREG\r\n", "FAIL ER05\r\n")]
    [InlineData("SKSREG S2 1 2\r\n", "FAIL ER05\r\n")]
    [InlineData("SKSREG S2 20\r\n", "FAIL ER06\r\n")]
    [InlineData("SKSREG S2 3D\r\n", "FAIL ER06\r\n")]
    [InlineData("SKSREG S16 3B\r\n", "FAIL ER06\r\n")]
    [InlineData("SKSREG SFE 2\r\n", "FAIL ER06\r\n")]
    [InlineData("SKSREG SFB 1\r\n", "FAIL ER06\r\n")]
    [InlineData("SKSREG SZZ\r\n", "FAIL ER06\r\n")]
    [InlineData("SKSETPWD C 0123456789A\r\n", "FAIL ER06\r\n")]
    [InlineData("SKSETPWD 21 0123456789AB\r\n", "FAIL ER06\r\n")]
    [InlineData("SKSETPWD C\r\n", "FAIL ER05\r\n")]
    [InlineData("SKSETRBID 00112233445566778899AABBCCDDEE\r\n", "FAIL ER06\r\n")]
    [InlineData("SKSETRBID\r\n", "FAIL ER05\r\n")]
    [InlineData("SKSCAN 2 FFFFFFFF 6 0\r\n", "FAIL ER05\r\n")]
    [InlineData("SKSCAN 1 FFFFFFFF 6\r\n", "FAIL ER06\r\n")]
    [InlineData("SKSCAN 2 FFFFFFFF F\r\n", "FAIL ER06\r\n")]
    [InlineData("SKLL64 001C64\r\n", "FAIL ER06\r\n")]
    [InlineData("SKJOIN FE80::ZZ\r\n", "FAIL ER06\r\n")]
    [InlineData("SKTERM\r\n", "FAIL ER10\r\n")]
    [InlineData("SKREJOIN\r\n", "FAIL ER10\r\n")]
    [InlineData("WOPT 02\r", "FAIL ER06\r\n")]
    [InlineData("WOPT\r", "FAIL ER05\r\n")]
    [InlineData("SKTABLE 7\r\n", "FAIL ER06\r\n")]
    public async Task Bad_commands_fail_with_the_firmware_codes(string command, string answer)
    {
        using var sim = Sim.Create(Sim.Options());
        var (host, _, probe) = sim;
        probe.Write("SKSREG SFE 0\r\n");
        await probe.ExpectAsync("SKSREG SFE 0\r\nOK\r\n");
        probe.Write(command);
        await probe.ExpectAsync(answer);
        await probe.ExpectQuietAsync("SKVER\r\n", "EVER 1.2.10\r\nOK\r\n");
        Assert.Equal(1, host.Stats.CommandsFailed);
    }

    [Fact]
    public async Task Dual_side_scan_without_side_is_an_argument_count_error()
    {
        using var sim = Sim.Create(Sim.Options(DongleFamily.Bp35C2));
        var probe = sim.Probe;
        probe.Write("SKSCAN 2 FFFFFFFF 6\r\n");
        await probe.ExpectAsync("SKSCAN 2 FFFFFFFF 6\r\nFAIL ER05\r\n");
        probe.Write("SKSCAN 2 FFFFFFFF 6 2\r\n");
        await probe.ExpectAsync("SKSCAN 2 FFFFFFFF 6 2\r\nFAIL ER06\r\n");
    }

    [Fact]
    public async Task Skll64_answers_the_address_without_ok_and_wopt_switches_the_mode_until_changed()
    {
        using var sim = Sim.Create(Sim.Options());
        var probe = sim.Probe;
        probe.Write("SKLL64 001D129012345678\r\n");
        await probe.ExpectAsync("SKLL64 001D129012345678\r\nFE80:0000:0000:0000:021D:1290:1234:5678\r\n");
        probe.Write("ROPT\rWOPT 01\rROPT\r");
        await probe.ExpectAsync("ROPT\rOK 00\rWOPT 01\rOK\rROPT\rOK 01\r");
        probe.Write("SKRESET\r\n");
        await probe.ExpectAsync("SKRESET\r\nOK\r\n");
        probe.Write("ROPT\r");
        await probe.ExpectAsync("ROPT\rOK 01\r"); // flash setting survives SKRESET
        probe.Write("RUART\r");
        await probe.ExpectAsync("RUART\rOK 00\r");
    }

    [Fact]
    public async Task Sktable_lists_ports_neighbours_and_own_address()
    {
        using var sim = Sim.Create(Sim.Options());
        var probe = sim.Probe;
        probe.Write("SKSREG SFE 0\r\n");
        await probe.ExpectAsync("SKSREG SFE 0\r\nOK\r\n");
        probe.Write("SKTABLE E\r\n");
        await probe.ExpectAsync("EPORT\r\n3610\r\n716\r\n0\r\n0\r\n0\r\n0\r\n\r\n0\r\n0\r\n0\r\n0\r\nOK\r\n");
        probe.Write($"SKADDNBR {Sim.MeterIp} {Sim.MeterMac}\r\nSKTABLE 2\r\nSKTABLE 1\r\n");
        await probe.ExpectAsync($"OK\r\nENEIGHBOR\r\n{Sim.MeterIp} {Sim.MeterMac} FFFF\r\nOK\r\nEADDR\r\n{Sim.DongleIp}\r\nOK\r\n");
        probe.Write("SKUDPPORT 2 0000\r\nSKTABLE e\r\n");
        await probe.ExpectAsync("OK\r\nEPORT\r\n3610\r\n0\r\n0\r\n0\r\n0\r\n0\r\n\r\n0\r\n0\r\n0\r\n0\r\nOK\r\n");
    }

    [Fact]
    public async Task Sksave_keeps_s02_s03_s0a_and_sff_for_skload_and_for_power_up_when_sff_is_1()
    {
        using var sim = Sim.Create(Sim.Options(faults: "dongle-reset=100"));
        var (_, time, probe) = sim;
        probe.Write("SKSREG SFE 0\r\n");
        await probe.ExpectAsync("SKSREG SFE 0\r\nOK\r\n");
        probe.Write("SKLOAD\r\n");
        await probe.ExpectAsync("FAIL ER10\r\n"); // nothing saved yet
        probe.Write("SKSREG S2 3C\r\nSKSREG S3 24EF\r\nSKSREG S0A 12345678\r\nSKSREG SFF 1\r\nSKSAVE\r\n");
        await probe.ExpectAsync("OK\r\nOK\r\nOK\r\nOK\r\nOK\r\n");
        probe.Write("SKSREG S2 21\r\nSKSREG S3 8888\r\nSKSREG S0A 00000000\r\nSKSREG SFF 0\r\nSKLOAD\r\n");
        await probe.ExpectAsync("OK\r\nOK\r\nOK\r\nOK\r\nOK\r\n");
        probe.Write("SKSREG S2\r\nSKSREG S3\r\nSKSREG S0A\r\nSKSREG SFF\r\n");
        await probe.ExpectAsync("ESREG 3C\r\nOK\r\nESREG 24EF\r\nOK\r\nESREG 12345678\r\nOK\r\nESREG 1\r\nOK\r\n");

        // The dongle-reset fault power-cycles the module: echo is back on, and SFF = 1 loaded the saved settings.
        probe.Write("SKSREG S2 21\r\n");
        await probe.ExpectAsync("OK\r\n");
        Sim.Run(time, TimeSpan.FromSeconds(101), TimeSpan.FromSeconds(1));
        probe.Write("SKSREG S2\r\nSKSREG SFF\r\n");
        await probe.ExpectAsync("SKSREG S2\r\nESREG 3C\r\nOK\r\nSKSREG SFF\r\nESREG 1\r\nOK\r\n");
    }

    [Fact]
    public async Task Overlong_line_is_a_uart_error_and_the_line_after_it_works()
    {
        using var sim = Sim.Create(Sim.Options());
        var probe = sim.Probe;
        probe.Write("SKSREG SFE 0\r\n");
        await probe.ExpectAsync("SKSREG SFE 0\r\nOK\r\n");
        probe.Write(new string('A', 2000) + "\r\nSKVER\r\n");
        await probe.ExpectAsync("FAIL ER09\r\nEVER 1.2.10\r\nOK\r\n");
    }
}
