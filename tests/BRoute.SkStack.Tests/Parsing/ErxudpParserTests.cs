using System.Net;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;
using BRoute.SkStack.Reading;
using BRoute.SkStack.Tests.Support;

namespace BRoute.SkStack.Tests.Parsing;

public class ErxudpParserTests
{
    private const string Qiita =
        "ERXUDP FE80:0000:0000:0000:C2F9:4500:4058:B5FB FE80:0000:0000:0000:021D:1291:0004:E578 0E1A 0E1A 0011223344556677 1 0 0026 1081000102880105FF017302EA0B07E70C13001E000000458EEB0B07E70C13001E0000000015";

    private static readonly byte[] E7Response = Convert.FromHexString("1081000102880105FF017201E70400000274");

    /// <summary>A payload with every byte the line framing cares about: CR, LF, CR LF, spaces, "OK", "ERXUDP ".</summary>
    private static readonly byte[] Nasty = Wire.Concat([0x10, 0x81, 0x0D, 0x0A, 0x20, 0x0D, 0x0A], Wire.Bytes("OK\r\nERXUDP EVENT 21 \n"), [0x00, 0xFF, 0x0D]);

    [Fact]
    public void Seed_A1_nine_tokens_ascii()
    {
        var e = Assert.IsType<Erxudp>(Parse.Single(
            $"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 0012 1081000102880105FF017201E70400000274\r\n"));
        Assert.Equal(Wire.Meter, e.Sender);
        Assert.Equal(Wire.Own, e.Destination);
        Assert.Equal(3610, e.SenderPort);
        Assert.Equal(3610, e.DestinationPort);
        Assert.Equal(0x00808700301224EFUL, e.SenderMac);
        Assert.Equal("00808700301224EF", e.SenderMacText);
        Assert.True(e.Secured);
        Assert.Null(e.Side);
        Assert.Null(e.Rssi);
        Assert.Equal(ErxudpLayout.NineTokens, e.Layout);
        Assert.Equal(ErxudpDataMode.AsciiHex, e.DataMode);
        Assert.Equal(E7Response, e.Data.ToArray());
    }

    [Fact]
    public void Seed_multicast_instance_list_to_FF02_1()
    {
        var e = Assert.IsType<Erxudp>(Parse.Single(
            $"ERXUDP {Wire.MeterText} FF02:0000:0000:0000:0000:0000:0000:0001 0E1A 0E1A 00808700301224EF 1 0012 108100000EF0010EF0017301D50401028801\r\n"));
        Assert.Equal(IPAddress.Parse("ff02::1"), e.Destination);
        Assert.Equal(SkAddress.AllNodes, e.Destination);
        Assert.True(e.Secured);
    }

    [Fact]
    public void Qiita_C2_ten_tokens_ascii()
    {
        var e = Assert.IsType<Erxudp>(Parse.Single(Qiita + "\r\n"));
        Assert.Equal(IPAddress.Parse("fe80::c2f9:4500:4058:b5fb"), e.Sender);
        Assert.Equal(0x0011223344556677UL, e.SenderMac);
        Assert.True(e.Secured);
        Assert.Equal(0, e.Side);
        Assert.Null(e.Rssi);
        Assert.Equal(ErxudpLayout.TenTokensWithSide, e.Layout);
        Assert.Equal(0x26, e.Data.Length);
        Assert.Equal(Convert.FromHexString("1081000102880105FF017302EA0B07E70C13001E000000458EEB0B07E70C13001E0000000015"), e.Data.ToArray());
    }

    [Fact]
    public void C2_with_SA2_eleven_tokens_ascii()
    {
        var e = Assert.IsType<Erxudp>(Parse.Single(
            $"ERXUDP {Wire.MeterText} {Wire.OwnText} 02CC 02CC 00808700301224EF 4A 0 1 0012 1081000102880105FF017201E70400000274\r\n"));
        Assert.Equal((byte)0x4A, e.Rssi);
        Assert.False(e.Secured);
        Assert.Equal(1, e.Side);
        Assert.Equal(716, e.SenderPort);
        Assert.Equal(ErxudpLayout.ElevenTokensWithRssiAndSide, e.Layout);
        Assert.Equal(E7Response, e.Data.ToArray());
    }

    public static TheoryData<string, ErxudpLayout> Headers() => new()
    {
        { $"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 ", ErxudpLayout.NineTokens },
        { $"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 0 ", ErxudpLayout.TenTokensWithSide },
        { $"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 4A 1 0 ", ErxudpLayout.ElevenTokensWithRssiAndSide },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void Binary_payload_with_CR_LF_spaces_and_keywords_is_read_by_length(string header, ErxudpLayout layout)
    {
        var line = Wire.Concat(Wire.Bytes(header + $"{Nasty.Length:X4} "), Nasty, Wire.Bytes("\r\nOK\r\n"));
        var items = Parse.All(line);
        Assert.Equal(2, items.Count);
        var e = Assert.IsType<Erxudp>(items[0]);
        Assert.Equal(Nasty, e.Data.ToArray());
        Assert.Equal(ErxudpDataMode.Binary, e.DataMode);
        Assert.Equal(layout, e.Layout);
        Assert.Equal(SkOk.Plain, items[1]);
    }

    [Theory]
    [MemberData(nameof(Headers))]
    public void Binary_payload_in_strict_binary_mode(string header, ErxudpLayout layout)
    {
        var line = Wire.Concat(Wire.Bytes(header + $"{Nasty.Length:X4} "), Nasty, Wire.Bytes("\r\n"));
        var e = Assert.IsType<Erxudp>(Assert.Single(Parse.All(line, options: new SkReaderOptions { DataMode = ErxudpDataMode.Binary })));
        Assert.Equal(Nasty, e.Data.ToArray());
        Assert.Equal(layout, e.Layout);
    }

    [Fact]
    public void Binary_payload_that_looks_like_hex_is_still_binary()
    {
        // 4 data bytes "ABCD": in ASCII mode 0004 would need 8 hex characters; the CR right after 4 bytes says binary.
        var e = Assert.IsType<Erxudp>(Parse.Single($"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 0004 ABCD\r\n"));
        Assert.Equal(ErxudpDataMode.Binary, e.DataMode);
        Assert.Equal(Wire.Bytes("ABCD"), e.Data.ToArray());
    }

    [Fact]
    public void Same_line_in_strict_ascii_mode_is_a_length_mismatch()
    {
        var garbled = Assert.IsType<SkGarbledLine>(Assert.Single(Parse.All(
            $"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 0004 ABCD\r\n",
            options: new SkReaderOptions { DataMode = ErxudpDataMode.AsciiHex })));
        Assert.Equal(SkLineError.DataLengthMismatch, garbled.Error);
    }

    [Fact]
    public void Empty_datagram()
    {
        var items = Parse.All($"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 0000\r\nERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 0000 \r\n");
        Assert.All(items, i => Assert.Empty(Assert.IsType<Erxudp>(i).Data.ToArray()));
        Assert.Equal(2, items.Count);
    }

    [Theory]
    [InlineData("0010 1081000102880105FF0172018001", SkLineError.DataLengthMismatch)] // 15 bytes announced as 16
    [InlineData("000E 1081000102880105FF017201800130", SkLineError.DataLengthMismatch)] // 15 bytes announced as 14
    [InlineData("000F 1081000102880105FF01720180013G", SkLineError.DataNotHex)]
    [InlineData("000F 1081000102880105FF01720180013", SkLineError.DataLengthMismatch)] // odd count
    [InlineData("0x0F 1081000102880105FF017201800130", SkLineError.MalformedLine)]
    [InlineData("F 1081000102880105FF017201800130", SkLineError.MalformedLine)]
    public void Wrong_length_or_data_is_garbled_and_the_next_line_parses(string tail, SkLineError error)
    {
        var items = Parse.All(
            $"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 {tail}\r\nOK\r\n",
            options: new SkReaderOptions { DataMode = ErxudpDataMode.AsciiHex });
        Assert.Equal(error, Assert.IsType<SkGarbledLine>(items[0]).Error);
        Assert.Equal(SkOk.Plain, items[1]);
        Assert.Equal(2, items.Count);
    }

    [Theory]
    [InlineData("ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB 0000 0E1A 0E1A 00808700301224EF 1 0001 00", SkLineError.BadAddress)]
    [InlineData("ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 E1A 0E1A 00808700301224EF 1 0001 00", SkLineError.BadNumber)]
    [InlineData("ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224 1 0001 00", SkLineError.BadNumber)]
    [InlineData("ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 2 0001 00", SkLineError.MalformedLine)]
    [InlineData("ERXUDP FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A", SkLineError.MalformedLine)]
    public void Malformed_header_is_garbled(string line, SkLineError error)
    {
        var items = Parse.All(line + "\r\nOK\r\n");
        Assert.Equal(error, Assert.IsType<SkGarbledLine>(items[0]).Error);
        Assert.Equal(SkOk.Plain, items[1]);
    }

    [Fact]
    public void Datalen_above_the_cap_is_garbled_without_buffering_the_payload()
    {
        var options = new SkReaderOptions { MaxPayloadLength = 64 };
        var items = Parse.All($"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 0041 {new string('A', 130)}\r\nOK\r\n", options: options);
        Assert.Equal(SkLineError.PayloadTooLarge, Assert.IsType<SkGarbledLine>(items[0]).Error);
        Assert.Equal(SkOk.Plain, items[1]);
    }

    [Fact]
    public void Largest_line_of_the_seed_trace_is_537_chars_and_parses()
    {
        var data = "1081000102880105FF017201E2C200FF" + string.Concat(Enumerable.Repeat("FFFFFFFE", 48));
        var line = $"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 00D0 {data}";
        Assert.Equal(537, line.Length);
        var e = Assert.IsType<Erxudp>(Parse.Single(line + "\r\n"));
        Assert.Equal(208, e.Data.Length);
    }

    [Fact]
    public void Addresses_of_consecutive_lines_share_one_instance()
    {
        var line = $"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 000F 1081000102880105FF017201800130\r\n";
        var items = Parse.All(line + line);
        Assert.Same(((Erxudp)items[0]).Sender, ((Erxudp)items[1]).Sender);
        Assert.Same(((Erxudp)items[0]).Destination, ((Erxudp)items[1]).Destination);
    }
}
