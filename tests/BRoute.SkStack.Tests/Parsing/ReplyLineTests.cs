using System.Net;
using BRoute.SkStack.Items;
using BRoute.SkStack.Tests.Support;

namespace BRoute.SkStack.Tests.Parsing;

public class ReplyLineTests
{
    [Theory]
    [InlineData("EVER 1.2.10", "1.2.10")]
    [InlineData("EVER 1.5.2", "1.5.2")]
    public void Ever(string line, string version) => Assert.Equal(new SkVersionLine(version), Parse.Single(line + "\r\n"));

    [Fact]
    public void Eappver() => Assert.Equal(new SkAppVersionLine("rev26e"), Parse.Single("EAPPVER rev26e\r\n"));

    [Fact]
    public void Einfo_A1_fifth_token_is_an_ADDR16()
    {
        var info = Assert.IsType<SkInfo>(Parse.Single("EINFO FE80:0000:0000:0000:021D:1290:1234:5678 001D129012345678 21 8888 FFFE\r\n"));
        Assert.Equal(IPAddress.Parse("fe80::21d:1290:1234:5678"), info.Address);
        Assert.Equal(0x001D129012345678UL, info.Mac);
        Assert.Equal(0x21, info.Channel);
        Assert.Equal(0x8888, info.PanId);
        Assert.Equal((ushort)0xFFFE, info.Addr16);
        Assert.Null(info.Side);
    }

    [Fact]
    public void Einfo_C2_fifth_token_is_a_side_digit()
    {
        // futomi/node-wisunrb README, EVER 1.5.2: "… 39 9E08 0".
        var info = Assert.IsType<SkInfo>(Parse.Single("EINFO FE80:0000:0000:0000:021D:1291:0004:E578 001D12910004E578 39 9E08 0\r\n"));
        Assert.Equal(0x39, info.Channel);
        Assert.Equal(0x9E08, info.PanId);
        Assert.Equal(0, info.Side);
        Assert.Null(info.Addr16);
    }

    [Theory]
    [InlineData("EINFO FE80:0000:0000:0000:021D:1290:1234:5678 001D129012345678 21 8888")]
    [InlineData("EINFO FE80:0000:0000:0000:021D:1290:1234:5678 001D1290123456 21 8888 FFFE")]
    [InlineData("EINFO NOTANADDRESS 001D129012345678 21 8888 FFFE")]
    public void Malformed_einfo_is_garbled(string line) => Assert.IsType<SkGarbledLine>(Parse.Single(line + "\r\n"));

    [Theory]
    [InlineData("ESREG 00000384", "00000384")]
    [InlineData("ESREG 1", "1")]
    [InlineData("ESREG 0", "0")]
    public void Esreg(string line, string value) => Assert.Equal(new SkRegisterValue(value), Parse.Single(line + "\r\n"));

    [Fact]
    public void Epong() => Assert.Equal(new SkPong(Wire.Meter, null), Parse.Single($"EPONG {Wire.MeterText}\r\n"));

    [Fact]
    public void Epong_with_side() => Assert.Equal(new SkPong(Wire.Meter, 0), Parse.Single($"EPONG {Wire.MeterText} 0\r\n"));

    [Fact]
    public void Skll64_reply_is_a_bare_address_line()
    {
        // skstack.md §3: 001D129012345678 → FE80:0000:0000:0000:021D:1290:1234:5678, no OK.
        var line = Assert.IsType<SkAddressLine>(Parse.Single("FE80:0000:0000:0000:021D:1290:1234:5678\r\n"));
        Assert.Equal(IPAddress.Parse("fe80::21d:1290:1234:5678"), line.Address);
    }

    [Fact]
    public void Compressed_address_forms_are_accepted() =>
        Assert.Equal(new SkAddressLine(IPAddress.Parse("fe80::1")), Parse.Single("FE80::1\r\n"));

    [Fact]
    public void Eaddr_table()
    {
        var items = Parse.All("EADDR\r\nFE80:0000:0000:0000:021D:1290:1234:5678\r\nFF02:0000:0000:0000:0000:0000:0000:0001\r\nOK\r\n");
        Assert.Equal(
            [new SkTableHeader("EADDR"), new SkAddressLine(IPAddress.Parse("fe80::21d:1290:1234:5678")), new SkAddressLine(IPAddress.Parse("ff02::1")), SkOk.Plain],
            items);
    }

    [Fact]
    public void Eneighbor_table()
    {
        var items = Parse.All($"ENEIGHBOR\r\n{Wire.MeterText} 00FFEEDDCCBBAA99 FFFF\r\nOK\r\n");
        Assert.Equal([new SkTableHeader("ENEIGHBOR"), new SkNeighborEntry(Wire.Meter, 0x00FFEEDDCCBBAA99, 0xFFFF), SkOk.Plain], items);
    }

    [Fact]
    public void Eport_table_of_A1_with_blank_line_and_tcp_ports()
    {
        // smdn comment for VER 1.2.10: "EPORT␍␊3610␍␊716␍␊0␍␊0␍␊0␍␊0␍␊␍␊3610␍␊0␍␊0␍␊0␍␊OK␍␊".
        var items = Parse.All("EPORT\r\n3610\r\n716\r\n0\r\n0\r\n0\r\n0\r\n\r\n3610\r\n0\r\n0\r\n0\r\nOK\r\n");
        Assert.Equal(new SkTableHeader("EPORT"), items[0]);
        Assert.Equal(["3610", "716", "0", "0", "0", "0"], items.Skip(1).Take(6).Cast<SkTableRow>().Select(r => r.Text));
        Assert.Equal(SkBlankLine.Instance, items[7]);
        Assert.Equal(["3610", "0", "0", "0"], items.Skip(8).Take(4).Cast<SkTableRow>().Select(r => r.Text));
        Assert.Equal(SkOk.Plain, items[12]);
        Assert.Equal(13, items.Count);

        // After OK the table is over: a number is no longer a row.
        Assert.IsType<SkGarbledLine>(Parse.All("EPORT\r\nOK\r\n3610\r\n")[2]);
    }
}
