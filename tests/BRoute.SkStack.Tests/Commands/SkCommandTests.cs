using System.Net;
using BRoute.SkStack.Commands;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Tests.Support;

namespace BRoute.SkStack.Tests.Commands;

public class SkCommandTests
{
    public static TheoryData<string, string> TextCommands() => new()
    {
        { "SKVER", "SKVER\r\n" },
        { "SKAPPVER", "SKAPPVER\r\n" },
        { "SKINFO", "SKINFO\r\n" },
        { "SKRESET", "SKRESET\r\n" },
        { "SKSREG S2", "SKSREG S2\r\n" },
        { "SKSREG S02", "SKSREG S02\r\n" },
        { "SKSREG SFE 0", "SKSREG SFE 0\r\n" },
        { "SKSREG S2 21", "SKSREG S2 21\r\n" },
        { "SKSREG S3 8888", "SKSREG S3 8888\r\n" },
        { "SKSREG S16 384", "SKSREG S16 384\r\n" },
        { "SKSREG S17 1", "SKSREG S17 1\r\n" },
        { "SKSREG SA2 1", "SKSREG SA2 1\r\n" },
        { "SKSREG SFB", "SKSREG SFB\r\n" },
        { "SKSREG SFD", "SKSREG SFD\r\n" },
        { "SKSCAN A1", "SKSCAN 2 FFFFFFFF 6\r\n" },
        { "SKSCAN C2", "SKSCAN 2 FFFFFFFF 6 0\r\n" },
        { "SKSCAN ED", "SKSCAN 0 FFFFFFFF 4\r\n" },
        { "SKSCAN DUR 14 mask", "SKSCAN 3 00000001 E 1\r\n" },
        { "SKLL64", "SKLL64 001D129012345678\r\n" },
        { "SKADDNBR", "SKADDNBR FE80:0000:0000:0000:021D:1290:1234:5678 001D129012345678\r\n" },
        { "SKPING", $"SKPING {Wire.MeterText}\r\n" },
        { "SKJOIN", $"SKJOIN {Wire.MeterText}\r\n" },
        { "SKREJOIN", "SKREJOIN\r\n" },
        { "SKTERM", "SKTERM\r\n" },
        { "SKTABLE 1", "SKTABLE 1\r\n" },
        { "SKTABLE 2", "SKTABLE 2\r\n" },
        { "SKTABLE E", "SKTABLE E\r\n" },
        { "ROPT", "ROPT\r" },
        { "WOPT 01", "WOPT 01\r" },
        { "WOPT 00", "WOPT 00\r" },
        { "RUART", "RUART\r" },
    };

    [Theory]
    [MemberData(nameof(TextCommands))]
    public void Writes_exact_bytes(string name, string expected)
    {
        var command = Build(name);
        Assert.Equal(expected, Wire.Text(command.ToBytes()));
        Assert.Equal(expected.Length, command.ByteCount);
    }

    [Fact]
    public void SendTo_single_side_writes_text_then_raw_payload_and_no_terminator()
    {
        var command = SkCommand.SendTo(1, Wire.Meter, 0x0E1A, SkSendSecurity.Encrypted, side: null, Wire.GetE7);
        var expected = Wire.Concat(Wire.Bytes($"SKSENDTO 1 {Wire.MeterText} 0E1A 1 000E "), Wire.GetE7);
        Assert.Equal(expected, command.ToBytes());
        Assert.False(command.HasSideArgument);
        Assert.Equal(SkLineTerminator.None, command.Terminator);
    }

    [Fact]
    public void SendTo_dual_side_puts_side_before_length()
    {
        var command = SkCommand.SendTo(1, Wire.Meter, 0x0E1A, SkSendSecurity.Encrypted, side: 0, Wire.GetE7);
        var expected = Wire.Concat(Wire.Bytes($"SKSENDTO 1 {Wire.MeterText} 0E1A 1 0 000E "), Wire.GetE7);
        Assert.Equal(expected, command.ToBytes());
    }

    [Fact]
    public void SendTo_payload_with_CR_LF_and_spaces_is_written_verbatim()
    {
        byte[] payload = [0x0D, 0x0A, 0x20, 0x00, 0xFF, 0x0D];
        var command = SkCommand.SendTo(2, Wire.Meter, 0x02CC, SkSendSecurity.Plain, side: 1, payload);
        var expected = Wire.Concat(Wire.Bytes($"SKSENDTO 2 {Wire.MeterText} 02CC 0 1 0006 "), payload);
        Assert.Equal(expected, command.ToBytes());
    }

    [Fact]
    public void SendTo_rejects_payload_above_1232_bytes_and_bad_handles()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SkCommand.SendTo(1, Wire.Meter, 0x0E1A, SkSendSecurity.Encrypted, null, new byte[1233]));
        var max = SkCommand.SendTo(1, Wire.Meter, 0x0E1A, SkSendSecurity.Encrypted, null, new byte[1232]).ToBytes();
        Assert.Equal(Wire.Concat(Wire.Bytes($"SKSENDTO 1 {Wire.MeterText} 0E1A 1 04D0 "), new byte[1232]), max);
        Assert.Throws<ArgumentOutOfRangeException>(() => SkCommand.SendTo(0, Wire.Meter, 0x0E1A, SkSendSecurity.Encrypted, null, Wire.GetE7));
        Assert.Throws<ArgumentOutOfRangeException>(() => SkCommand.SendTo(7, Wire.Meter, 0x0E1A, SkSendSecurity.Encrypted, null, Wire.GetE7));
        Assert.Throws<ArgumentOutOfRangeException>(() => SkCommand.SendTo(1, Wire.Meter, 0x0E1A, SkSendSecurity.Encrypted, 2, Wire.GetE7));
        Assert.Throws<ArgumentException>(() => SkCommand.SendTo(1, IPAddress.Loopback, 0x0E1A, SkSendSecurity.Encrypted, null, Wire.GetE7));
    }

    [Fact]
    public void SetPassword_writes_hex_length_and_masks_the_display()
    {
        var command = SkCommand.SetPassword("0123456789AB");
        Assert.Equal("SKSETPWD C 0123456789AB\r\n", Wire.Text(command.ToBytes()));
        Assert.Equal("SKSETPWD C ************", command.DisplayText);
        Assert.Equal("SKSETPWD C ************", command.ToString());
        Assert.Equal("SKSETPWD 20 " + new string('x', 32) + "\r\n", Wire.Text(SkCommand.SetPassword(new string('x', 32)).ToBytes()));
    }

    [Fact]
    public void SetRouteBId_writes_the_id_and_masks_the_display()
    {
        const string id = "00112233445566778899AABBCCDDEEFF";
        var command = SkCommand.SetRouteBId(id);
        Assert.Equal($"SKSETRBID {id}\r\n", Wire.Text(command.ToBytes()));
        Assert.Equal("SKSETRBID " + new string('*', 32), command.DisplayText);
    }

    [Theory]
    [InlineData("")]
    [InlineData("with space12")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF0")]
    [InlineData("pässwörd")]
    public void Bad_password_is_rejected_without_echoing_it(string password)
    {
        var ex = Assert.Throws<ArgumentException>(() => SkCommand.SetPassword(password));
        if (password.Length > 0)
        {
            Assert.DoesNotContain(password, ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("SECRETIDSECRETIDSECRETIDSECRETI")]
    [InlineData("SECRETIDSECRETIDSECRETIDSECRETIDX")]
    [InlineData("SECRETIDSECRETID SECRETIDSECRETI")]
    public void Bad_route_b_id_is_rejected_without_echoing_it(string id)
    {
        var ex = Assert.Throws<ArgumentException>(() => SkCommand.SetRouteBId(id));
        Assert.DoesNotContain("SECRETID", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X2")]
    [InlineData("S")]
    [InlineData("S123")]
    [InlineData("s2")]
    [InlineData("S2 1")]
    public void Bad_register_names_are_rejected(string register) =>
        Assert.Throws<ArgumentException>(() => SkCommand.ReadRegister(register));

    [Fact]
    public void Scan_rejects_out_of_range_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SkCommand.Scan(SkScanMode.ActiveWithPairingId, 0xFFFFFFFF, 15, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => SkCommand.Scan(SkScanMode.ActiveWithPairingId, 0xFFFFFFFF, -1, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => SkCommand.Scan((SkScanMode)1, 0xFFFFFFFF, 6, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => SkCommand.Scan(SkScanMode.ActiveWithPairingId, 0xFFFFFFFF, 6, 2));
    }

    [Fact]
    public void Reply_kinds_match_the_reference()
    {
        Assert.Equal(SkReplyKind.VersionThenOk, SkCommand.Version().Reply);
        Assert.Equal(SkReplyKind.AppVersionThenOk, SkCommand.AppVersion().Reply);
        Assert.Equal(SkReplyKind.InfoThenOk, SkCommand.Info().Reply);
        Assert.Equal(SkReplyKind.RegisterThenOk, SkCommand.ReadRegister("S2").Reply);
        Assert.Equal(SkReplyKind.Ok, SkCommand.WriteRegister("S2", 0x21).Reply);
        Assert.Equal(SkReplyKind.AddressLine, SkCommand.LinkLocalAddress(1).Reply);
        Assert.Equal(SkReplyKind.SendResultThenOk, SkCommand.SendTo(1, Wire.Meter, 1, SkSendSecurity.Plain, null, default).Reply);
        Assert.Equal(SkReplyKind.TableThenOk, SkCommand.Table(SkTableMode.Neighbors).Reply);
        Assert.Equal(SkReplyKind.OkWithValue, SkCommand.ReadOptions().Reply);
        Assert.Equal(SkReplyKind.Ok, SkCommand.WriteOptions(ErxudpDataMode.AsciiHex).Reply);
    }

    private static SkCommand Build(string name) => name switch
    {
        "SKVER" => SkCommand.Version(),
        "SKAPPVER" => SkCommand.AppVersion(),
        "SKINFO" => SkCommand.Info(),
        "SKRESET" => SkCommand.Reset(),
        "SKSREG S2" => SkCommand.ReadRegister(SkRegister.Channel),
        "SKSREG S02" => SkCommand.ReadRegister("S02"),
        "SKSREG SFE 0" => SkCommand.WriteRegister(SkRegister.Echo, false),
        "SKSREG S2 21" => SkCommand.WriteRegister(SkRegister.Channel, 0x21),
        "SKSREG S3 8888" => SkCommand.WriteRegister(SkRegister.PanId, 0x8888),
        "SKSREG S16 384" => SkCommand.WriteRegister(SkRegister.SessionLifetime, 0x384),
        "SKSREG S17 1" => SkCommand.WriteRegister(SkRegister.AutoReauthentication, true),
        "SKSREG SA2 1" => SkCommand.WriteRegister(SkRegister.Sa2, "1"),
        "SKSREG SFB" => SkCommand.ReadRegister(SkRegister.TransmissionLimitActive),
        "SKSREG SFD" => SkCommand.ReadRegister(SkRegister.TransmissionTime),
        "SKSCAN A1" => SkCommand.Scan(SkScanMode.ActiveWithPairingId, 0xFFFFFFFF, 6, null),
        "SKSCAN C2" => SkCommand.Scan(SkScanMode.ActiveWithPairingId, 0xFFFFFFFF, 6, 0),
        "SKSCAN ED" => SkCommand.Scan(SkScanMode.EnergyDetect, 0xFFFFFFFF, 4, null),
        "SKSCAN DUR 14 mask" => SkCommand.Scan(SkScanMode.Active, 1, 14, 1),
        "SKLL64" => SkCommand.LinkLocalAddress(0x001D129012345678),
        "SKADDNBR" => SkCommand.AddNeighbor(IPAddress.Parse("fe80::21d:1290:1234:5678"), 0x001D129012345678),
        "SKPING" => SkCommand.Ping(Wire.Meter),
        "SKJOIN" => SkCommand.Join(Wire.Meter),
        "SKREJOIN" => SkCommand.Rejoin(),
        "SKTERM" => SkCommand.Terminate(),
        "SKTABLE 1" => SkCommand.Table(SkTableMode.Addresses),
        "SKTABLE 2" => SkCommand.Table(SkTableMode.Neighbors),
        "SKTABLE E" => SkCommand.Table(SkTableMode.Ports),
        "ROPT" => SkCommand.ReadOptions(),
        "WOPT 01" => SkCommand.WriteOptions(ErxudpDataMode.AsciiHex),
        "WOPT 00" => SkCommand.WriteOptions(ErxudpDataMode.Binary),
        "RUART" => SkCommand.ReadUart(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
