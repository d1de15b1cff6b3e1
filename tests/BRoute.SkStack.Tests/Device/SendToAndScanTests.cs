using BRoute.SkStack.Commands;
using BRoute.SkStack.Device;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;
using BRoute.SkStack.Tests.Support;
using static BRoute.SkStack.Tests.Support.DeviceHarness;

namespace BRoute.SkStack.Tests.Device;

/// <summary>The SIDE-dependent commands in each dialect, exact bytes on the wire.</summary>
public class SendToAndScanTests
{
    public static TheoryData<DongleFamily> SingleSide() => new([DongleFamily.Bp35A1, DongleFamily.Wsr35A1]);

    public static TheoryData<DongleFamily> DualSide() => new([DongleFamily.Bp35C0, DongleFamily.Bp35C2, DongleFamily.RsWsuha, DongleFamily.Rl7023Dss]);

    [Theory]
    [MemberData(nameof(SingleSide))]
    public async Task Single_side_forms(DongleFamily family)
    {
        await using var h = new DeviceHarness(family);
        var scan = h.Device.StartScanAsync(SkScanMode.ActiveWithPairingId, 6);
        await h.Dongle.ExpectAsync("SKSCAN 2 FFFFFFFF 6\r\n");
        await h.Dongle.SendAsync("OK\r\n");
        await Within(scan);

        var send = h.Device.SendToAsync(Wire.Meter, Wire.GetE7);
        await h.Dongle.ExpectAsync(Wire.Concat(Wire.Bytes($"SKSENDTO 1 {Wire.MeterText} 0E1A 1 000E "), Wire.GetE7));
        await h.Dongle.SendAsync($"\r\nEVENT 21 {Wire.MeterText} 00\r\nOK\r\n");
        Assert.Equal(UdpSendResult.Success, await Within(send));

        // No terminator followed the payload: the next bytes on the wire are the next command.
        var version = h.Device.GetVersionAsync();
        await h.Dongle.ExpectAsync("SKVER\r\n");
        await h.Dongle.SendAsync("EVER 1.2.10\r\nOK\r\n");
        await Within(version);
    }

    [Theory]
    [MemberData(nameof(DualSide))]
    public async Task Dual_side_forms(DongleFamily family)
    {
        await using var h = new DeviceHarness(family);
        var scan = h.Device.StartScanAsync(SkScanMode.ActiveWithPairingId, 6);
        await h.Dongle.ExpectAsync("SKSCAN 2 FFFFFFFF 6 0\r\n");
        await h.Dongle.SendAsync("OK\r\n");
        await Within(scan);

        var send = h.Device.SendToAsync(Wire.Meter, Wire.GetE7);
        await h.Dongle.ExpectAsync(Wire.Concat(Wire.Bytes($"SKSENDTO 1 {Wire.MeterText} 0E1A 1 0 000E "), Wire.GetE7));
        await h.Dongle.SendAsync($"EVENT 21 {Wire.MeterText} 0 00\r\nOK\r\n");
        Assert.Equal(UdpSendResult.Success, await Within(send));

        var version = h.Device.GetVersionAsync();
        await h.Dongle.ExpectAsync("SKVER\r\n");
        await h.Dongle.SendAsync("EVER 1.5.2\r\nOK\r\n");
        await Within(version);
    }

    [Fact]
    public async Task Send_options_are_written()
    {
        await using var h = new DeviceHarness(DongleFamily.Bp35C2);
        var send = h.Device.SendToAsync(Wire.Meter, new byte[] { 0x0D, 0x0A }, new SkSendOptions { Handle = 3, Port = 0x02CC, Security = SkSendSecurity.EncryptedIfPossible, Side = 1 });
        await h.Dongle.ExpectAsync(Wire.Concat(Wire.Bytes($"SKSENDTO 3 {Wire.MeterText} 02CC 2 1 0002 "), [0x0D, 0x0A]));
        await h.Dongle.SendAsync($"EVENT 21 {Wire.MeterText} 1 00\r\nOK\r\n");
        Assert.Equal(UdpSendResult.Success, await Within(send));
    }

    [Fact]
    public async Task Erxudp_and_events_arriving_during_SKSENDTO_go_to_the_event_channel()
    {
        await using var h = new DeviceHarness(DongleFamily.Bp35A1);
        var send = h.Device.SendToAsync(Wire.Meter, Wire.GetE7);
        await h.Dongle.ExpectAsync(Wire.Concat(Wire.Bytes($"SKSENDTO 1 {Wire.MeterText} 0E1A 1 000E "), Wire.GetE7));

        // An INF arrives before the echo (Qiita), the echo with echo on, then EVENT 21 02 + OK; the real 00 comes later.
        await h.Dongle.SendAsync(
            $"ERXUDP {Wire.MeterText} FF02:0000:0000:0000:0000:0000:0000:0001 0E1A 0E1A 00808700301224EF 1 0012 108100000EF0010EF0017301D50401028801\r\n" +
            $"SKSENDTO 1 {Wire.MeterText} 0E1A 1 000E \r\n" +
            $"EVENT 21 {Wire.MeterText} 02\r\nOK\r\n" +
            $"EVENT 21 {Wire.MeterText} 00\r\n" +
            $"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 0012 1081000102880105FF017201E70400000274\r\n");
        Assert.Equal(UdpSendResult.NeighborSolicitation, await Within(send));

        var inf = Assert.IsType<Erxudp>(await Within(h.Device.Events.ReadAsync().AsTask()));
        Assert.Equal(SkAddress.AllNodes, inf.Destination);
        var late = Assert.IsType<SkEvent>(await Within(h.Device.Events.ReadAsync().AsTask()));
        Assert.Equal(UdpSendResult.Success, late.SendResult);
        var reply = Assert.IsType<Erxudp>(await Within(h.Device.Events.ReadAsync().AsTask()));
        Assert.Equal(Convert.FromHexString("1081000102880105FF017201E70400000274"), reply.Data.ToArray());
    }

    [Fact]
    public async Task Event21_for_another_address_is_not_the_send_result()
    {
        await using var h = new DeviceHarness(DongleFamily.Bp35A1);
        var send = h.Device.SendToAsync(Wire.Meter, Wire.GetE7);
        await h.Dongle.ExpectAsync(Wire.Concat(Wire.Bytes($"SKSENDTO 1 {Wire.MeterText} 0E1A 1 000E "), Wire.GetE7));
        await h.Dongle.SendAsync($"EVENT 21 {Wire.OwnText} 01\r\nOK\r\n");
        Assert.Null(await Within(send));
        Assert.Equal(Wire.Own, ((SkEvent)await Within(h.Device.Events.ReadAsync().AsTask())).Address);
    }

    [Fact]
    public async Task Scan_events_and_descriptions_go_to_the_event_channel()
    {
        await using var h = new DeviceHarness(DongleFamily.Bp35C2);
        var scan = h.Device.StartScanAsync(SkScanMode.ActiveWithPairingId, 4);
        await h.Dongle.ExpectAsync("SKSCAN 2 FFFFFFFF 4 0\r\n");
        await h.Dongle.SendAsync(
            $"OK\r\nEVENT 20 {Wire.OwnText} 0\r\nEPANDESC\r\n  Channel:31\r\n  Channel Page:09\r\n  Pan ID:9E08\r\n  Addr:C0F9450040580B5F\r\n  LQI:6B\r\n  Side:0\r\n  PairID:0123ABCD\r\nEVENT 22 {Wire.OwnText} 0\r\n");
        await Within(scan);
        Assert.IsType<SkEvent>(await Within(h.Device.Events.ReadAsync().AsTask()));
        var pan = Assert.IsType<SkPanDescription>(await Within(h.Device.Events.ReadAsync().AsTask()));
        Assert.Equal("0123ABCD", pan.PairId);
        Assert.Equal(SkEventCode.ActiveScanFinished, Assert.IsType<SkEvent>(await Within(h.Device.Events.ReadAsync().AsTask())).Code);
    }

    [Fact]
    public async Task Binary_mode_reply_with_CRLF_in_the_payload_reaches_the_channel_intact()
    {
        await using var h = new DeviceHarness(DongleFamily.Bp35C2);
        var ropt = h.Device.ReadDataModeAsync();
        await h.Dongle.ExpectAsync("ROPT\r");
        await h.Dongle.SendAsync("OK 00\r");
        Assert.Equal(ErxudpDataMode.Binary, await Within(ropt));

        byte[] payload = [0x10, 0x81, 0x00, 0x01, 0x02, 0x88, 0x01, 0x05, 0xFF, 0x01, 0x72, 0x01, 0xE7, 0x04, 0x00, 0x00, 0x0D, 0x0A];
        await h.Dongle.SendAsync(Wire.Concat(Wire.Bytes($"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 0 0012 "), payload, Wire.Bytes("\r\n")));
        var e = Assert.IsType<Erxudp>(await Within(h.Device.Events.ReadAsync().AsTask()));
        Assert.Equal(payload, e.Data.ToArray());
        Assert.Equal(ErxudpDataMode.Binary, e.DataMode);
    }
}
