using System.Net;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;
using BRoute.SkStack.Tests.Support;

namespace BRoute.SkStack.Tests.Parsing;

public class EventLineTests
{
    /// <summary>Every EVENT number of skstack.md §5 (01–33, the HAN key events 40–57).</summary>
    public static TheoryData<byte> Numbers() =>
        new([0x01, 0x02, 0x05, 0x1F, 0x20, 0x21, 0x22, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x32, 0x33, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57]);

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Single_side_event_without_param(byte number) =>
        Assert.Equal(new SkEvent((SkEventCode)number, Wire.Meter, null, null), Parse.Single($"EVENT {number:X2} {Wire.MeterText}\r\n"));

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Dual_side_event_with_side(byte number) =>
        Assert.Equal(new SkEvent((SkEventCode)number, Wire.Meter, 0, null), Parse.Single($"EVENT {number:X2} {Wire.MeterText} 0\r\n"));

    [Theory]
    [InlineData(0x00, UdpSendResult.Success)]
    [InlineData(0x01, UdpSendResult.Failure)]
    [InlineData(0x02, UdpSendResult.NeighborSolicitation)]
    public void Event21_A1_with_param(byte param, UdpSendResult result)
    {
        var e = Assert.IsType<SkEvent>(Parse.Single($"EVENT 21 {Wire.MeterText} {param:X2}\r\n"));
        Assert.Equal(new SkEvent(SkEventCode.UdpSendFinished, Wire.Meter, null, param), e);
        Assert.Equal(result, e.SendResult);
    }

    [Fact]
    public void Event21_C2_with_side_and_param() =>
        Assert.Equal(new SkEvent(SkEventCode.UdpSendFinished, Wire.Meter, 1, 0x02), Parse.Single($"EVENT 21 {Wire.MeterText} 1 02\r\n"));

    [Fact]
    public void Event45_on_C0_carries_a_param() =>
        Assert.Equal(new SkEvent((SkEventCode)0x45, Wire.Meter, 0, 0x01), Parse.Single($"EVENT 45 {Wire.MeterText} 0 01\r\n"));

    [Fact]
    public void EventC0_has_no_address() => Assert.Equal(new SkEvent(SkEventCode.WokeUp, null, null, null), Parse.Single("EVENT C0\r\n"));

    [Fact]
    public void EventC0_with_side_on_dual_side_firmware() => Assert.Equal(new SkEvent(SkEventCode.WokeUp, null, 0, null), Parse.Single("EVENT C0 0\r\n"));

    [Fact]
    public void Momonga_compressed_address_with_side() =>
        Assert.Equal(new SkEvent(SkEventCode.SessionLifetimeExpired, IPAddress.Parse("fe80::1"), 0, null), Parse.Single("EVENT 29 FE80::1 0\r\n"));

    [Fact]
    public void Qiita_scan_and_join_events_carry_side()
    {
        var items = Parse.All("EVENT 20 FE80:0000:0000:0000:021D:1291:0004:E578 0\r\nEVENT 22 FE80:0000:0000:0000:021D:1291:0004:E578 0\r\nEVENT 25 FE80:0000:0000:0000:C2F9:4500:4058:B5FB 0\r\n");
        Assert.Equal(
            [
                new SkEvent(SkEventCode.BeaconReceived, IPAddress.Parse("fe80::21d:1291:4:e578"), 0, null),
                new SkEvent(SkEventCode.ActiveScanFinished, IPAddress.Parse("fe80::21d:1291:4:e578"), 0, null),
                new SkEvent(SkEventCode.PanaConnectionSucceeded, IPAddress.Parse("fe80::c2f9:4500:4058:b5fb"), 0, null),
            ],
            items);
    }

    [Theory]
    [InlineData("EVENT")]
    [InlineData("EVENT 2")]
    [InlineData("EVENT ZZ FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99")]
    [InlineData("EVENT 21")]
    [InlineData("EVENT 21 FE80:ZZZZ:0000:0000:02FF:EEDD:CCBB:AA99 00")]
    [InlineData("EVENT 21 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 000")]
    [InlineData("EVENT 21 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 0 00 00")]
    [InlineData("EVENT 21 FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99 X")]
    public void Malformed_events_are_garbled(string line)
    {
        var garbled = Assert.IsType<SkGarbledLine>(Parse.Single(line + "\r\n"));
        Assert.NotEqual(SkLineError.UnknownLine, garbled.Error);
    }
}
