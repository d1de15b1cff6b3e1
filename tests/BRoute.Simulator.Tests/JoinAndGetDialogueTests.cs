using System.Text.RegularExpressions;
using BRoute.Simulator.Meter;
using BRoute.Simulator.Tests.Support;
using BRoute.SkStack.Grammar;

namespace BRoute.Simulator.Tests;

/// <summary>Scan, join, Get, INF, terminate and wrong credentials, byte for byte per family (latency 0).</summary>
public sealed partial class JoinAndGetDialogueTests
{
    public static TheoryData<DongleFamily> AllFamilies =>
    [
        DongleFamily.Bp35A1, DongleFamily.Wsr35A1, DongleFamily.Bp35C0, DongleFamily.Bp35C2,
        DongleFamily.RsWsuha, DongleFamily.Rl7023Ips, DongleFamily.Rl7023Dss,
    ];

    private static SimulatorOptions Ascii(DongleFamily family) => Sim.Options(family) with
    {
        DataMode = ErxudpDataMode.AsciiHex,
        Meter = new MeterOptions { Load = LoadModel.Constant, ConstantLoadW = 628 },
    };

    [Theory]
    [MemberData(nameof(AllFamilies))]
    public async Task Scan_join_and_get_follow_the_family_dialect(DongleFamily family)
    {
        var dual = Sim.DualSide(family);
        var s = dual ? " 0" : string.Empty;
        using var sim = Sim.Create(Ascii(family));
        var (host, _, probe) = sim;
        probe.Write("SKSREG SFE 0\r\n");
        await probe.ExpectAsync("SKSREG SFE 0\r\nOK\r\n");
        probe.Write($"SKSETPWD C {Sim.Password}\r\nSKSETRBID {Sim.Id}\r\n");
        await probe.ExpectAsync("OK\r\nOK\r\n");

        probe.Write($"SKSCAN 2 FFFFFFFF 6{s}\r\n");
        var side = dual ? "  Side:0\r\n" : string.Empty;
        await probe.ExpectAsync(
            "OK\r\n" +
            $"EVENT 20 {Sim.DongleIp}{s}\r\nEPANDESC\r\n  Channel:21\r\n  Channel Page:09\r\n  Pan ID:8888\r\n  Addr:{Sim.MeterMac}\r\n  LQI:B4\r\n{side}  PairID:CCDDEEFF\r\n" +
            $"EVENT 22 {Sim.DongleIp}{s}\r\n");

        probe.Write("SKSREG S2 21\r\nSKSREG S3 8888\r\nSKLL64 001C640000A1B2C3\r\n");
        await probe.ExpectAsync($"OK\r\nOK\r\n{Sim.MeterIp}\r\n");

        probe.Write($"SKJOIN {Sim.MeterIp}\r\n");
        await probe.ExpectAsync($"OK\r\nEVENT 21 {Sim.MeterIp}{s} 02\r\nEVENT 02 {Sim.MeterIp}{s}\r\nEVENT 21 {Sim.MeterIp}{s} 00\r\n");
        var prefix = $"ERXUDP {Sim.MeterIp} {Sim.DongleIp} 02CC 02CC {Sim.MeterMac} 0{s} ";
        foreach (var length in new[] { "0028", "0068", "0054", "0058" })
        {
            var line = await probe.ReadLineAsync();
            Assert.StartsWith(prefix + length + " ", line, StringComparison.Ordinal);
            Assert.Matches(HexPayload(), line[(prefix.Length + 5)..]);
            Assert.Equal(Convert.ToInt32(length, 16) * 2, line.Length - prefix.Length - 5 - 2);
            await probe.ExpectAsync($"EVENT 21 {Sim.MeterIp}{s} 00\r\n");
        }

        await probe.ExpectAsync($"EVENT 25 {Sim.MeterIp}{s}\r\n");
        await probe.ExpectAsync($"ERXUDP {Sim.MeterIp} FF02:0000:0000:0000:0000:0000:0000:0001 0E1A 0E1A {Sim.MeterMac} 1{s} 0012 108100000EF0010EF0017301D50401028801\r\n");

        probe.SendTo(Sim.MeterIp, Sim.Get(0xE7), dualSide: dual);
        await probe.ExpectAsync($"\r\nEVENT 21 {Sim.MeterIp}{s} 00\r\nOK\r\n");
        await probe.ExpectAsync($"ERXUDP {Sim.MeterIp} {Sim.DongleIp} 0E1A 0E1A {Sim.MeterMac} 1{s} 0012 1081000102880105FF017201E70400000274\r\n");

        if (dual)
        {
            // SA2=1: the extra LQI field before SECURED (11 tokens).
            probe.Write("SKSREG SA2 1\r\n");
            await probe.ExpectAsync("OK\r\n");
            probe.SendTo(Sim.MeterIp, Sim.Get(0xE7), dualSide: true);
            await probe.ExpectAsync($"\r\nEVENT 21 {Sim.MeterIp} 0 00\r\nOK\r\n");
            await probe.ExpectAsync($"ERXUDP {Sim.MeterIp} {Sim.DongleIp} 0E1A 0E1A {Sim.MeterMac} B4 1 0 0012 1081000102880105FF017201E70400000274\r\n");
        }

        probe.Write("SKTERM\r\n");
        var term = await probe.ReadUntilAsync($"EVENT 27 {Sim.MeterIp}{s}\r\n");
        Assert.StartsWith($"OK\r\nEVENT 21 {Sim.MeterIp}{s} 00\r\nERXUDP {Sim.MeterIp} {Sim.DongleIp} 02CC 02CC", term, StringComparison.Ordinal);
        probe.Write("SKTERM\r\n");
        await probe.ExpectAsync("FAIL ER10\r\n");
        Assert.Equal(1, host.Stats.JoinsSucceeded);
        Assert.Equal(1, host.Stats.Scans);
    }

    [Fact]
    public async Task ShowRssi_sets_sa2_at_power_up_and_after_skreset_so_erxudp_carries_the_lqi()
    {
        using var sim = Sim.Create(Ascii(DongleFamily.Bp35C2) with { ShowRssi = true, Meter = new MeterOptions { Load = LoadModel.Constant, ConstantLoadW = 628, Lqi = 0x9A } });
        var probe = sim.Probe;
        probe.Write("SKSREG SA2\r\n");
        await probe.ExpectAsync("SKSREG SA2\r\nESREG 1\r\nOK\r\n"); // echo is on at power-up
        probe.Write("SKRESET\r\n");
        await probe.ExpectAsync("SKRESET\r\nOK\r\n");
        probe.Write("SKSREG SA2\r\n");
        await probe.ExpectAsync("SKSREG SA2\r\nESREG 1\r\nOK\r\n");
        await Sim.JoinAsync(probe, DongleFamily.Bp35C2);
        probe.SendTo(Sim.MeterIp, Sim.Get(0xE7), dualSide: true);
        await probe.ExpectAsync($"\r\nEVENT 21 {Sim.MeterIp} 0 00\r\nOK\r\n");
        await probe.ExpectAsync($"ERXUDP {Sim.MeterIp} {Sim.DongleIp} 0E1A 0E1A {Sim.MeterMac} 9A 1 0 0012 1081000102880105FF017201E70400000274\r\n");
    }

    [Theory]
    [InlineData(DongleFamily.Bp35A1, "")]
    [InlineData(DongleFamily.Bp35C0, " 0")]
    public async Task Binary_mode_carries_the_raw_payload_after_datalen(DongleFamily family, string s)
    {
        using var sim = Sim.Create(Ascii(family) with { DataMode = ErxudpDataMode.Binary });
        var probe = sim.Probe;
        await Sim.JoinAsync(probe, family);
        probe.SendTo(Sim.MeterIp, Sim.Get(0xE7), dualSide: s.Length > 0);
        await probe.ExpectAsync($"\r\nEVENT 21 {Sim.MeterIp}{s} 00\r\nOK\r\n");
        var payload = SerialProbe.Latin1.GetString(Convert.FromHexString("1081000102880105FF017201E70400000274"));
        await probe.ExpectAsync($"ERXUDP {Sim.MeterIp} {Sim.DongleIp} 0E1A 0E1A {Sim.MeterMac} 1{s} 0012 {payload}\r\n");
    }

    [Fact]
    public async Task Binary_payloads_holding_cr_lf_and_spaces_are_counted_not_split()
    {
        using var sim = Sim.Create(Ascii(DongleFamily.Bp35A1) with { DataMode = ErxudpDataMode.Binary });
        var (host, _, probe) = sim;
        await Sim.JoinAsync(probe);
        var request = Convert.FromHexString("10810D0A05FF010288016201E700"); // TID 0x0D0A = CR LF
        request[2] = 0x0D;
        request[3] = 0x0A;
        var withSpace = Convert.FromHexString("1081200D05FF010288016201E700"); // TID 0x200D = space CR
        probe.SendTo(Sim.MeterIp, request);
        probe.SendTo(Sim.MeterIp, withSpace, trailer: "\r\n");
        var first = SerialProbe.Latin1.GetString(Convert.FromHexString("10810D0A02880105FF017201E70400000274"));
        var second = SerialProbe.Latin1.GetString(Convert.FromHexString("1081200D02880105FF017201E70400000274"));
        var head = $"ERXUDP {Sim.MeterIp} {Sim.DongleIp} 0E1A 0E1A {Sim.MeterMac} 1 0012 ";
        await probe.ExpectAsync($"\r\nEVENT 21 {Sim.MeterIp} 00\r\nOK\r\n{head}{first}\r\n\r\nEVENT 21 {Sim.MeterIp} 00\r\nOK\r\n{head}{second}\r\n");
        await probe.ExpectQuietAsync("SKVER\r\n", "EVER 1.2.10\r\nOK\r\n");
        Assert.Equal(2, host.Stats.EchonetRequests);
    }

    [Fact]
    public async Task Wrong_password_ends_in_event_24_after_the_pana_rejection()
    {
        using var sim = Sim.Create(Ascii(DongleFamily.Bp35A1));
        var (host, _, probe) = sim;
        probe.Write("SKSREG SFE 0\r\n");
        await probe.ExpectAsync("SKSREG SFE 0\r\nOK\r\n");
        probe.Write($"SKSETPWD C ABCDEFGHIJKL\r\nSKSETRBID {Sim.Id}\r\nSKSREG S2 21\r\nSKSREG S3 8888\r\nSKADDNBR {Sim.MeterIp} {Sim.MeterMac}\r\n");
        await probe.ExpectAsync("OK\r\nOK\r\nOK\r\nOK\r\nOK\r\n");
        probe.Write($"SKJOIN {Sim.MeterIp}\r\n");
        // SKADDNBR made the meter a known neighbour: no EVENT 21 02 / EVENT 02.
        await probe.ExpectAsync($"OK\r\nEVENT 21 {Sim.MeterIp} 00\r\n");
        var exchange = await probe.ReadUntilAsync($"EVENT 24 {Sim.DongleIp}\r\n");
        Assert.Equal(3, Regex.Count(exchange, "ERXUDP .* 02CC 02CC .* 0 "));
        Assert.Contains(" 0028 ", exchange, StringComparison.Ordinal); // rejection: Result-Code + EAP-Failure
        Assert.DoesNotContain("EVENT 25", exchange, StringComparison.Ordinal);

        // Without a session, an encrypted send is refused.
        probe.SendTo(Sim.MeterIp, Sim.Get(0xE7));
        await probe.ExpectAsync("\r\nFAIL ER10\r\n");
        Assert.Equal(1, host.Stats.JoinsFailed);
    }

    [Fact]
    public async Task Join_on_the_wrong_channel_fails_without_any_meter_message()
    {
        var options = Ascii(DongleFamily.Bp35A1) with { LatencyScale = 1 };
        using var sim = Sim.Create(options);
        var (_, time, probe) = sim;
        probe.Write($"SKSREG SFE 0\r\n");
        time.Advance(TimeSpan.FromSeconds(1));
        await probe.ExpectAsync("SKSREG SFE 0\r\nOK\r\n");
        probe.Write($"SKSETPWD C {Sim.Password}\r\nSKSETRBID {Sim.Id}\r\nSKSREG S2 22\r\nSKSREG S3 8888\r\nSKJOIN {Sim.MeterIp}\r\n");
        Sim.Run(time, TimeSpan.FromSeconds(6));

        await probe.ExpectAsync($"OK\r\nOK\r\nOK\r\nOK\r\nOK\r\nEVENT 21 {Sim.MeterIp} 02\r\nEVENT 21 {Sim.MeterIp} 01\r\n");
        Sim.Run(time, TimeSpan.FromSeconds(45), TimeSpan.FromMilliseconds(100));
        await probe.ExpectAsync($"EVENT 24 {Sim.DongleIp}\r\n");
    }

    [Fact]
    public async Task Sendto_accepts_lower_case_hex_all_sec_values_and_a_trailing_crlf()
    {
        using var sim = Sim.Create(Ascii(DongleFamily.Bp35A1));
        var (host, _, probe) = sim;
        await Sim.JoinAsync(probe);
        var lower = Sim.MeterIp.ToLowerInvariant();
        var reply = $"ERXUDP {Sim.MeterIp} {Sim.DongleIp} 0E1A 0E1A {Sim.MeterMac} 1 0012 1081000102880105FF017201E70400000274\r\n";
        probe.Write([.. SerialProbe.Latin1.GetBytes($"SKSENDTO 1 {lower} 0e1a 1 000e "), .. Sim.Get(0xE7), .. "\r\n"u8.ToArray()]);
        await probe.ExpectAsync($"\r\nEVENT 21 {Sim.MeterIp} 00\r\nOK\r\n{reply}");
        probe.SendTo(Sim.MeterIp, Sim.Get(0xE7), sec: "2");
        await probe.ExpectAsync($"\r\nEVENT 21 {Sim.MeterIp} 00\r\nOK\r\n{reply}");

        // SEC 0 goes out in clear: the radio ACKs it but the meter ignores unprotected frames.
        probe.SendTo(Sim.MeterIp, Sim.Get(0xE7), sec: "0");
        await probe.ExpectAsync($"\r\nEVENT 21 {Sim.MeterIp} 00\r\nOK\r\n");
        await probe.ExpectQuietAsync("SKVER\r\n", "EVER 1.2.10\r\nOK\r\n");
        Assert.Equal(1, host.Stats.EchonetDropped);
    }

    [Fact]
    public async Task Echo_on_shows_the_sendto_text_but_not_the_payload()
    {
        using var sim = Sim.Create(Ascii(DongleFamily.Bp35A1));
        var probe = sim.Probe;
        await Sim.JoinAsync(probe);
        probe.Write("SKSREG SFE 1\r\n");
        await probe.ExpectAsync("OK\r\n");
        probe.SendTo(Sim.MeterIp, Sim.Get(0xE7));
        await probe.ExpectAsync($"SKSENDTO 1 {Sim.MeterIp} 0E1A 1 000E \r\nEVENT 21 {Sim.MeterIp} 00\r\nOK\r\n");
        await probe.ReadUntilAsync("0400000274\r\n");
    }

    [Fact]
    public async Task Skrejoin_reauthenticates_and_the_instance_list_follows_again()
    {
        using var sim = Sim.Create(Ascii(DongleFamily.Bp35C2));
        var (host, _, probe) = sim;
        await Sim.JoinAsync(probe, DongleFamily.Bp35C2);
        probe.Write("SKREJOIN\r\n");
        var text = await probe.ReadUntilAsync($"EVENT 25 {Sim.MeterIp} 0\r\n");
        Assert.StartsWith($"OK\r\nEVENT 21 {Sim.MeterIp} 0 00\r\n", text, StringComparison.Ordinal);
        await probe.ReadUntilAsync("D50401028801\r\n");
        Assert.Equal(1, host.Stats.Reauthentications);
    }

    [GeneratedRegex("^[0-9A-F]+\r\n$")]
    private static partial Regex HexPayload();
}
