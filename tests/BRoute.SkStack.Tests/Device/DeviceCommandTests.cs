using System.Net;
using BRoute.SkStack.Device;
using BRoute.SkStack.Errors;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;
using BRoute.SkStack.Tests.Support;
using static BRoute.SkStack.Tests.Support.DeviceHarness;

namespace BRoute.SkStack.Tests.Device;

public class DeviceCommandTests
{
    [Fact]
    public async Task Version_with_echo_off_and_on()
    {
        await using var h = new DeviceHarness();
        var first = h.Device.GetVersionAsync();
        await h.Dongle.ExpectAsync("SKVER\r\n");
        await h.Dongle.SendAsync("EVER 1.2.10\r\nOK\r\n");
        Assert.Equal("1.2.10", await Within(first));

        var second = h.Device.GetVersionAsync();
        await h.Dongle.ExpectAsync("SKVER\r\n");
        await h.Dongle.SendAsync("SKVER\r\nEVER 1.5.2\r\nOK\r\n");
        Assert.Equal("1.5.2", await Within(second));
    }

    [Fact]
    public async Task AppVersion_Info_Register_Reset()
    {
        await using var h = new DeviceHarness();
        var app = h.Device.GetAppVersionAsync();
        await h.Dongle.ExpectAsync("SKAPPVER\r\n");
        await h.Dongle.SendAsync("EAPPVER rev26e\r\nOK\r\n");
        Assert.Equal("rev26e", await Within(app));

        var info = h.Device.GetInfoAsync();
        await h.Dongle.ExpectAsync("SKINFO\r\n");
        await h.Dongle.SendAsync("EINFO FE80:0000:0000:0000:021D:1290:1234:5678 001D129012345678 21 8888 FFFE\r\nOK\r\n");
        Assert.Equal((ushort)0xFFFE, (await Within(info)).Addr16);

        var register = h.Device.ReadRegisterAsync("S16");
        await h.Dongle.ExpectAsync("SKSREG S16\r\n");
        await h.Dongle.SendAsync("ESREG 00000384\r\nOK\r\n");
        Assert.Equal("00000384", await Within(register));

        var write = h.Device.WriteRegisterAsync(SkRegister.Channel, 0x21);
        await h.Dongle.ExpectAsync("SKSREG S2 21\r\n");
        await h.Dongle.SendAsync("OK\r\n");
        await Within(write);

        var writeText = h.Device.WriteRegisterAsync(SkRegister.PanId, "8888");
        await h.Dongle.ExpectAsync("SKSREG S3 8888\r\n");
        await h.Dongle.SendAsync("OK\r\n");
        await Within(writeText);

        var reset = h.Device.ResetAsync();
        await h.Dongle.ExpectAsync("SKRESET\r\n");
        await h.Dongle.SendAsync("OK\r\n");
        await Within(reset);
    }

    [Fact]
    public async Task Credentials_are_written_exactly()
    {
        await using var h = new DeviceHarness();
        var pwd = h.Device.SetPasswordAsync("0123456789AB");
        await h.Dongle.ExpectAsync("SKSETPWD C 0123456789AB\r\n");
        await h.Dongle.SendAsync("OK\r\n");
        await Within(pwd);

        var id = h.Device.SetRouteBIdAsync("00112233445566778899AABBCCDDEEFF");
        await h.Dongle.ExpectAsync("SKSETRBID 00112233445566778899AABBCCDDEEFF\r\n");
        await h.Dongle.SendAsync("OK\r\n");
        await Within(id);
    }

    [Fact]
    public async Task LinkLocal_completes_on_the_address_line_without_OK()
    {
        await using var h = new DeviceHarness();
        var task = h.Device.GetLinkLocalAddressAsync(0x001D129012345678);
        await h.Dongle.ExpectAsync("SKLL64 001D129012345678\r\n");
        await h.Dongle.SendAsync("FE80:0000:0000:0000:021D:1290:1234:5678\r\n");
        Assert.Equal(IPAddress.Parse("fe80::21d:1290:1234:5678"), await Within(task));

        // The next command is not confused by a missing OK.
        var next = h.Device.GetVersionAsync();
        await h.Dongle.ExpectAsync("SKVER\r\n");
        await h.Dongle.SendAsync("EVER 1.2.10\r\nOK\r\n");
        Assert.Equal("1.2.10", await Within(next));
    }

    [Fact]
    public async Task Neighbor_ping_join_rejoin_terminate()
    {
        await using var h = new DeviceHarness();
        var add = h.Device.AddNeighborAsync(Wire.Meter, 0x00FFEEDDCCBBAA99);
        await h.Dongle.ExpectAsync($"SKADDNBR {Wire.MeterText} 00FFEEDDCCBBAA99\r\n");
        await h.Dongle.SendAsync("OK\r\n");
        await Within(add);

        var ping = h.Device.PingAsync(Wire.Meter);
        await h.Dongle.ExpectAsync($"SKPING {Wire.MeterText}\r\n");
        await h.Dongle.SendAsync($"OK\r\nEPONG {Wire.MeterText}\r\n");
        await Within(ping);
        Assert.Equal(new SkPong(Wire.Meter, null), await Within(h.Device.Events.ReadAsync().AsTask()));

        var join = h.Device.JoinAsync(Wire.Meter);
        await h.Dongle.ExpectAsync($"SKJOIN {Wire.MeterText}\r\n");
        await h.Dongle.SendAsync($"OK\r\nEVENT 21 {Wire.MeterText} 02\r\nEVENT 02 {Wire.MeterText}\r\nEVENT 25 {Wire.MeterText}\r\n");
        await Within(join);
        var events = new List<SkItem>();
        for (var i = 0; i < 3; i++)
        {
            events.Add(await Within(h.Device.Events.ReadAsync().AsTask()));
        }

        Assert.Equal(
            [SkEventCode.UdpSendFinished, SkEventCode.NeighborAdvertisementReceived, SkEventCode.PanaConnectionSucceeded],
            events.Cast<SkEvent>().Select(e => e.Code));

        var rejoin = h.Device.RejoinAsync();
        await h.Dongle.ExpectAsync("SKREJOIN\r\n");
        await h.Dongle.SendAsync("FAIL ER10\r\n");
        var failed = await Assert.ThrowsAsync<SkCommandFailedException>(() => Within(rejoin));
        Assert.Equal(SkErrorCode.ER10, failed.Code);
        Assert.Equal("SKREJOIN", failed.Command);
        Assert.Contains("no PANA session", failed.Meaning, StringComparison.Ordinal);
        Assert.Equal("SKREJOIN failed: FAIL ER10 (command accepted but execution failed (e.g. no PANA session))", failed.Message);

        var term = h.Device.TerminateAsync();
        await h.Dongle.ExpectAsync("SKTERM\r\n");
        await h.Dongle.SendAsync($"OK\r\nEVENT 27 {Wire.MeterText}\r\n");
        await Within(term);
        Assert.Equal(SkEventCode.SessionTerminationCompleted, ((SkEvent)await Within(h.Device.Events.ReadAsync().AsTask())).Code);
    }

    [Fact]
    public async Task Tables()
    {
        await using var h = new DeviceHarness();
        var addresses = h.Device.GetAddressesAsync();
        await h.Dongle.ExpectAsync("SKTABLE 1\r\n");
        await h.Dongle.SendAsync("EADDR\r\nFE80:0000:0000:0000:021D:1290:1234:5678\r\nOK\r\n");
        Assert.Equal([IPAddress.Parse("fe80::21d:1290:1234:5678")], await Within(addresses));

        var neighbors = h.Device.GetNeighborsAsync();
        await h.Dongle.ExpectAsync("SKTABLE 2\r\n");
        await h.Dongle.SendAsync($"ENEIGHBOR\r\n{Wire.MeterText} 00FFEEDDCCBBAA99 FFFF\r\nOK\r\n");
        Assert.Equal([new SkNeighborEntry(Wire.Meter, 0x00FFEEDDCCBBAA99, 0xFFFF)], await Within(neighbors));

        var ports = h.Device.GetTableAsync(BRoute.SkStack.Commands.SkTableMode.Ports);
        await h.Dongle.ExpectAsync("SKTABLE E\r\n");
        await h.Dongle.SendAsync("EPORT\r\n3610\r\n716\r\n0\r\n0\r\n0\r\n0\r\n\r\n3610\r\n0\r\n0\r\n0\r\nOK\r\n");
        Assert.Equal(["3610", "716", "0", "0", "0", "0", "3610", "0", "0", "0"], (await Within(ports)).OfType<SkTableRow>().Select(r => r.Text));
    }

    [Fact]
    public async Task Ropt_and_explicit_Wopt_end_with_CR_only()
    {
        await using var h = new DeviceHarness();
        var read = h.Device.ReadDataModeAsync();
        await h.Dongle.ExpectAsync("ROPT\r");
        await h.Dongle.SendAsync("OK 00\r");
        Assert.Equal(ErxudpDataMode.Binary, await Within(read));
        Assert.Equal(ErxudpDataMode.Binary, h.Device.Dialect.DataMode);

        var write = h.Device.WriteDataModeAsync(ErxudpDataMode.AsciiHex);
        await h.Dongle.ExpectAsync("WOPT 01\r");
        await h.Dongle.SendAsync("OK\r");
        await Within(write);
        Assert.Equal(ErxudpDataMode.AsciiHex, h.Device.Dialect.DataMode);

        var unsupported = h.Device.ReadDataModeAsync();
        await h.Dongle.ExpectAsync("ROPT\r");
        await h.Dongle.SendAsync("FAIL ER04\r\n");
        Assert.Null(await Within(unsupported));

        var uart = h.Device.ReadUartSettingAsync();
        await h.Dongle.ExpectAsync("RUART\r");
        await h.Dongle.SendAsync("OK 80\r");
        Assert.Equal((byte)0x80, await Within(uart));
    }

    [Fact]
    public async Task Ok_without_the_reply_line_is_an_unexpected_response()
    {
        await using var h = new DeviceHarness();
        var task = h.Device.GetVersionAsync();
        await h.Dongle.ExpectAsync("SKVER\r\n");
        await h.Dongle.SendAsync("OK\r\n");
        var ex = await Assert.ThrowsAsync<SkUnexpectedResponseException>(() => Within(task));
        Assert.Equal("SKVER", ex.Command);
        Assert.Contains("EVER", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_run_one_at_a_time()
    {
        await using var h = new DeviceHarness();
        var first = h.Device.GetVersionAsync();
        await h.Dongle.ExpectAsync("SKVER\r\n");
        var second = h.Device.GetAppVersionAsync(); // its synchronous part has run: it now waits for the first
        Assert.Equal(7, h.Dongle.HostCounter.Written);
        Assert.False(second.IsCompleted);
        await h.Dongle.SendAsync("EVER 1.2.10\r\nOK\r\n");
        await Within(first);
        await h.Dongle.ExpectAsync("SKAPPVER\r\n");
        await h.Dongle.SendAsync("EAPPVER rev26e\r\nOK\r\n");
        Assert.Equal("rev26e", await Within(second));
    }

    [Fact]
    public async Task Unsolicited_status_lines_are_counted_not_delivered()
    {
        await using var h = new DeviceHarness();
        await h.Dongle.SendAsync("OK\r\nFAIL ER09\r\nEVER 9.9\r\n");
        await Eventually.True(() => h.Device.UnsolicitedItems == 3, "three unsolicited lines read");
        var version = h.Device.GetVersionAsync();
        await h.Dongle.ExpectAsync("SKVER\r\n");
        await h.Dongle.SendAsync("EVER 1.2.10\r\nOK\r\n");
        Assert.Equal("1.2.10", await Within(version));
        Assert.Equal(3, h.Device.UnsolicitedItems);
        Assert.False(h.Device.Events.TryRead(out _));
    }

    [Fact]
    public async Task Garbled_lines_between_reply_lines_are_skipped()
    {
        await using var h = new DeviceHarness();
        var version = h.Device.GetVersionAsync();
        await h.Dongle.ExpectAsync("SKVER\r\n");
        await h.Dongle.SendAsync("\u00ff\u00fegarbage\r\nEVER 1.2.10\r\nEVENT ZZ\r\nOK\r\n");
        Assert.Equal("1.2.10", await Within(version));
        Assert.Equal(2, h.Device.ReaderStatistics.GarbledLines);
    }
}
