using BRoute.SkStack.Device;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;
using BRoute.SkStack.Tests.Support;
using static BRoute.SkStack.Tests.Support.DeviceHarness;

namespace BRoute.SkStack.Tests.Device;

public class DialectDetectionTests
{
    [Fact]
    public async Task A1_from_EINFO_ADDR16()
    {
        await using var h = new DeviceHarness();
        var detect = h.Device.DetectDialectAsync();
        await h.AnswerA1DetectionAsync();
        var d = await Within(detect);
        Assert.Equal(DongleFamily.Bp35A1, d.Family);
        Assert.False(d.HasSideArgument);
        Assert.Equal(ErxudpLayout.NineTokens, d.ErxudpLayout);
        Assert.Equal(ErxudpDataMode.AsciiHex, d.DataMode);
        Assert.Equal("1.2.10", d.Version);
        Assert.Equal("rev26e", d.AppVersion);
        Assert.False(d.IsTentative);
        Assert.True(d.IsDetected);
        Assert.Contains("FFFE", d.Evidence, StringComparison.Ordinal);
        Assert.Same(d, h.Device.Dialect);
    }

    [Theory]
    [InlineData("0", ErxudpLayout.TenTokensWithSide)]
    [InlineData("1", ErxudpLayout.ElevenTokensWithRssiAndSide)]
    [InlineData("00000001", ErxudpLayout.ElevenTokensWithRssiAndSide)]
    public async Task C2_from_EINFO_side_digit_and_SA2(string sa2, ErxudpLayout layout)
    {
        await using var h = new DeviceHarness();
        var detect = h.Device.DetectDialectAsync();
        await h.AnswerC2DetectionAsync(sa2);
        var d = await Within(detect);
        Assert.Equal(DongleFamily.Bp35C2, d.Family);
        Assert.True(d.HasSideArgument);
        Assert.Equal(layout, d.ErxudpLayout);
        Assert.Equal("1.5.2", d.Version);
        Assert.False(d.IsTentative);
    }

    [Fact]
    public async Task Ropt_not_supported_leaves_the_mode_unknown_and_the_reader_detects_per_line()
    {
        await using var h = new DeviceHarness();
        var detect = h.Device.DetectDialectAsync();
        await h.AnswerA1DetectionAsync(ropt: "FAIL ER04\r\n");
        var d = await Within(detect);
        Assert.Null(d.DataMode);
        Assert.Contains("mode unknown", d.ToString(), StringComparison.Ordinal);

        // Both encodings are read.
        await h.Dongle.SendAsync(Wire.Concat(
            Wire.Bytes($"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 0002 "), [0x0D, 0x0A], Wire.Bytes("\r\n"),
            Wire.Bytes($"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 0002 0D0A\r\n")));
        var binary = Assert.IsType<Erxudp>(await Within(h.Device.Events.ReadAsync().AsTask()));
        var ascii = Assert.IsType<Erxudp>(await Within(h.Device.Events.ReadAsync().AsTask()));
        Assert.Equal(binary.Data.ToArray(), ascii.Data.ToArray());
        Assert.Equal(ErxudpDataMode.Binary, binary.DataMode);
        Assert.Equal(ErxudpDataMode.AsciiHex, ascii.DataMode);
    }

    [Fact]
    public async Task Einfo_failing_falls_back_to_EVER_tentatively()
    {
        await using var h = new DeviceHarness();
        var detect = h.Device.DetectDialectAsync();
        await h.Dongle.ExpectAsync("SKVER\r\n");
        await h.Dongle.SendAsync("EVER 1.2.10\r\nOK\r\n");
        await h.Dongle.ExpectAsync("SKAPPVER\r\n");
        await h.Dongle.SendAsync("FAIL ER04\r\n");
        await h.Dongle.ExpectAsync("SKINFO\r\n");
        await h.Dongle.SendAsync("FAIL ER04\r\n");
        await h.Dongle.ExpectAsync("ROPT\r");
        await h.Dongle.SendAsync("OK 01\r");
        var d = await Within(detect);
        Assert.False(d.HasSideArgument);
        Assert.True(d.IsTentative);
        Assert.Null(d.AppVersion);
    }

    [Fact]
    public async Task Detection_runs_before_the_first_scan_when_nothing_is_known()
    {
        await using var h = new DeviceHarness();
        var scan = h.Device.StartScanAsync(SkScanMode.ActiveWithPairingId, 5);
        await h.AnswerC2DetectionAsync();
        await h.Dongle.ExpectAsync("SKSCAN 2 FFFFFFFF 5 0\r\n");
        await h.Dongle.SendAsync("OK\r\n");
        await Within(scan);
    }

    [Fact]
    public async Task Rl7023_IPS_override_still_detects_and_follows_EINFO()
    {
        await using var h = new DeviceHarness(DongleFamily.Rl7023Ips);
        Assert.False(h.Device.Dialect.IsDetected);
        var scan = h.Device.StartScanAsync(SkScanMode.ActiveWithPairingId, 6);
        await h.AnswerA1DetectionAsync();
        await h.Dongle.ExpectAsync("SKSCAN 2 FFFFFFFF 6\r\n");
        await h.Dongle.SendAsync("OK\r\n");
        await Within(scan);
        Assert.Equal(DongleFamily.Rl7023Ips, h.Device.Dialect.Family);
        Assert.False(h.Device.Dialect.HasSideArgument);
    }

    [Fact]
    public async Task Tentative_dialect_falls_back_when_SKSCAN_with_SIDE_is_refused()
    {
        await using var h = new DeviceHarness(DongleFamily.Rl7023Ips);
        var scan = h.Device.StartScanAsync(SkScanMode.ActiveWithPairingId, 6);
        await h.Dongle.ExpectAsync("SKVER\r\n");
        await h.Dongle.SendAsync("EVER 2.0.0\r\nOK\r\n");
        await h.Dongle.ExpectAsync("SKAPPVER\r\n");
        await h.Dongle.SendAsync("FAIL ER04\r\n");
        await h.Dongle.ExpectAsync("SKINFO\r\n");
        await h.Dongle.SendAsync("FAIL ER04\r\n");
        await h.Dongle.ExpectAsync("ROPT\r");
        await h.Dongle.SendAsync("FAIL ER04\r\n");
        await h.Dongle.ExpectAsync("SKSREG SA2\r\n");
        await h.Dongle.SendAsync("FAIL ER04\r\n");
        await h.Dongle.ExpectAsync("SKSCAN 2 FFFFFFFF 6 0\r\n");
        await h.Dongle.SendAsync("FAIL ER05\r\n");
        await h.Dongle.ExpectAsync("SKSCAN 2 FFFFFFFF 6\r\n");
        await h.Dongle.SendAsync("OK\r\n");
        await Within(scan);
        Assert.False(h.Device.Dialect.HasSideArgument);
        Assert.False(h.Device.Dialect.IsTentative);
        Assert.Contains("FAIL ER05", h.Device.Dialect.Evidence, StringComparison.Ordinal);

        var send = h.Device.SendToAsync(Wire.Meter, Wire.GetE7);
        await h.Dongle.ExpectAsync(Wire.Concat(Wire.Bytes($"SKSENDTO 1 {Wire.MeterText} 0E1A 1 000E "), Wire.GetE7));
        await h.Dongle.SendAsync($"EVENT 21 {Wire.MeterText} 00\r\nOK\r\n");
        await Within(send);
    }

    [Fact]
    public async Task Known_dialect_does_not_retry_on_FAIL()
    {
        await using var h = new DeviceHarness(DongleFamily.Bp35C2);
        var scan = h.Device.StartScanAsync(SkScanMode.ActiveWithPairingId, 6);
        await h.Dongle.ExpectAsync("SKSCAN 2 FFFFFFFF 6 0\r\n");
        await h.Dongle.SendAsync("FAIL ER05\r\n");
        await Assert.ThrowsAsync<BRoute.SkStack.Errors.SkCommandFailedException>(() => Within(scan));
    }

    [Fact]
    public async Task Tentative_dialect_is_corrected_by_the_ERXUDP_token_count()
    {
        await using var h = new DeviceHarness();
        var detect = h.Device.DetectDialectAsync();
        await h.Dongle.ExpectAsync("SKVER\r\n");
        await h.Dongle.SendAsync("FAIL ER04\r\n");
        await h.Dongle.ExpectAsync("SKAPPVER\r\n");
        await h.Dongle.SendAsync("FAIL ER04\r\n");
        await h.Dongle.ExpectAsync("SKINFO\r\n");
        await h.Dongle.SendAsync("FAIL ER04\r\n");
        await h.Dongle.ExpectAsync("ROPT\r");
        await h.Dongle.SendAsync("OK 01\r");
        await h.Dongle.ExpectAsync("SKSREG SA2\r\n");
        await h.Dongle.SendAsync("FAIL ER04\r\n");
        var d = await Within(detect);
        Assert.True(d.IsTentative);
        Assert.True(d.HasSideArgument);

        // A PANA ERXUDP during SKJOIN shows the 9-token layout: single-side firmware.
        await h.Dongle.SendAsync($"ERXUDP {Wire.MeterText} {Wire.OwnText} 02CC 02CC 00808700301224EF 0 0002 0000\r\n");
        await Within(h.Device.Events.ReadAsync().AsTask());
        Assert.False(h.Device.Dialect.HasSideArgument);
        Assert.False(h.Device.Dialect.IsTentative);
        Assert.Equal(ErxudpLayout.NineTokens, h.Device.Dialect.ErxudpLayout);
        Assert.Contains(h.Log.Entries, e => e.Text.Contains("ERXUDP arrived with 9 tokens", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Known_dialect_learns_the_ERXUDP_layout_but_keeps_SIDE()
    {
        await using var h = new DeviceHarness(DongleFamily.Bp35C2);
        await h.Dongle.SendAsync($"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 4A 1 0 0002 0000\r\n");
        await Within(h.Device.Events.ReadAsync().AsTask());
        Assert.Equal(ErxudpLayout.ElevenTokensWithRssiAndSide, h.Device.Dialect.ErxudpLayout);
        Assert.True(h.Device.Dialect.HasSideArgument);
    }

    [Theory]
    [InlineData(DongleFamily.Bp35A1, false, ErxudpLayout.NineTokens)]
    [InlineData(DongleFamily.Wsr35A1, false, ErxudpLayout.NineTokens)]
    [InlineData(DongleFamily.Bp35C0, true, ErxudpLayout.TenTokensWithSide)]
    [InlineData(DongleFamily.Bp35C2, true, ErxudpLayout.TenTokensWithSide)]
    [InlineData(DongleFamily.RsWsuha, true, ErxudpLayout.TenTokensWithSide)]
    [InlineData(DongleFamily.Rl7023Dss, true, ErxudpLayout.TenTokensWithSide)]
    public void Family_table(DongleFamily family, bool side, ErxudpLayout layout)
    {
        var d = SkDialect.ForFamily(family);
        Assert.Equal(family, d.Family);
        Assert.Equal(side, d.HasSideArgument);
        Assert.Equal(layout, d.ErxudpLayout);
        Assert.True(d.IsDetected);
        Assert.False(d.IsTentative);
    }

    [Fact]
    public void Unknown_and_IPS_families_are_not_fixed()
    {
        Assert.False(SkDialect.ForFamily(DongleFamily.Unknown).IsDetected);
        Assert.False(SkDialect.ForFamily(DongleFamily.Rl7023Ips).IsDetected);
        Assert.True(SkDialect.ForFamily(DongleFamily.Rl7023Ips).IsTentative);
    }

    [Fact]
    public async Task Detection_writes_no_setting()
    {
        await using var h = new DeviceHarness();
        var detect = h.Device.DetectDialectAsync();
        await h.AnswerC2DetectionAsync();
        await Within(detect);
        var sent = string.Join('\n', h.Log.Entries.Where(e => e.Text.StartsWith(">> ", StringComparison.Ordinal)).Select(e => e.Text));
        Assert.Equal(">> SKVER\n>> SKAPPVER\n>> SKINFO\n>> ROPT\n>> SKSREG SA2", sent);
    }

    [Fact]
    public async Task Single_side_ROHM_firmware_is_BP35A1_or_WSR35A1_and_not_identified()
    {
        await using var h = new DeviceHarness();
        var detect = h.Device.DetectDialectAsync();
        await h.AnswerA1DetectionAsync(); // EINFO … FFFE, ROPT OK 01
        var d = await Within(detect);

        Assert.Equal([DongleFamily.Bp35A1, DongleFamily.Wsr35A1], d.Candidates);
        Assert.False(d.IsFamilyIdentified);
        Assert.Equal(DongleFamily.Bp35A1, d.Family); // what it behaves like
        Assert.Equal("unknown (Bp35A1/Wsr35A1), behaves like Bp35A1", d.FamilyText);
        Assert.StartsWith("unknown (Bp35A1/Wsr35A1), behaves like Bp35A1: SKSCAN/SKSENDTO without SIDE", d.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Single_side_firmware_without_ROPT_is_the_RL7023_Stick_D_IPS()
    {
        await using var h = new DeviceHarness();
        var detect = h.Device.DetectDialectAsync();
        await h.AnswerA1DetectionAsync(ropt: "FAIL ER04\r\n");
        var d = await Within(detect);

        Assert.Equal([DongleFamily.Rl7023Ips], d.Candidates);
        Assert.True(d.IsFamilyIdentified);
        Assert.Equal(DongleFamily.Rl7023Ips, d.Family);
        Assert.False(d.HasSideArgument); // EINFO's ADDR16 decides SIDE, not the family
        Assert.Contains("ROPT answered FAIL ER04", d.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OK 01\r", new[] { DongleFamily.Bp35C0, DongleFamily.Bp35C2, DongleFamily.RsWsuha }, DongleFamily.Bp35C2)]
    [InlineData("OK 00\r", new[] { DongleFamily.Bp35C0, DongleFamily.Bp35C2, DongleFamily.RsWsuha }, DongleFamily.Bp35C2)]
    [InlineData("FAIL ER04\r\n", new[] { DongleFamily.Rl7023Ips, DongleFamily.Rl7023Dss }, DongleFamily.Rl7023Dss)]
    public async Task Dual_side_firmware_is_ROHM_with_ROPT_and_Tessera_without(string ropt, DongleFamily[] candidates, DongleFamily behavesLike)
    {
        await using var h = new DeviceHarness();
        var detect = h.Device.DetectDialectAsync();
        await h.AnswerC2DetectionAsync(ropt: ropt);
        var d = await Within(detect);

        Assert.Equal(candidates, d.Candidates);
        Assert.False(d.IsFamilyIdentified); // RL7023 Stick-D/IPS may speak the dual-side dialect too (skstack.md §10 item 12)
        Assert.Equal(behavesLike, d.Family);
        Assert.True(d.HasSideArgument);
        Assert.NotEqual(DongleFamily.Bp35C2, ropt.StartsWith("FAIL", StringComparison.Ordinal) ? d.Family : DongleFamily.Unknown);
    }

    [Fact]
    public async Task A_family_given_in_the_options_is_identified()
    {
        await using var h = new DeviceHarness(DongleFamily.Bp35C0);
        var detect = h.Device.DetectDialectAsync();
        await h.AnswerC2DetectionAsync();
        var d = await Within(detect);

        Assert.Equal([DongleFamily.Bp35C0], d.Candidates);
        Assert.True(d.IsFamilyIdentified);
        Assert.Equal("Bp35C0", d.FamilyText);
    }
}
