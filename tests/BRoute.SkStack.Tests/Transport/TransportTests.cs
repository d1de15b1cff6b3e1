using System.Net;
using System.Net.Sockets;
using System.Text;
using BRoute.SkStack.Device;
using BRoute.SkStack.Errors;
using BRoute.SkStack.Tests.Support;
using BRoute.SkStack.Transport;
using static BRoute.SkStack.Tests.Support.DeviceHarness;

namespace BRoute.SkStack.Tests.Transport;

public class TransportTests
{
    [Fact]
    public async Task Missing_serial_device_says_what_to_check()
    {
        var ex = await Assert.ThrowsAsync<SkTransportOpenException>(() => SkDevice.OpenAsync("/dev/ttyUSB-broute-test-missing"));
        Assert.Equal("cannot open /dev/ttyUSB-broute-test-missing: no such device — is the dongle plugged in? (for a simulator, use the pty path it printed)", ex.Message);
        Assert.Equal("/dev/ttyUSB-broute-test-missing", ex.Device);
    }

    [Fact]
    public async Task A_regular_file_is_not_a_serial_device()
    {
        var file = Path.GetTempFileName();
        try
        {
            var ex = await Assert.ThrowsAsync<SkTransportOpenException>(() => SkTransportFactory.OpenAsync(file));
            Assert.StartsWith($"cannot open {file}: ", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("", "no device given")]
    [InlineData("udp://127.0.0.1:5000", "unsupported device 'udp://127.0.0.1:5000'")]
    [InlineData("tcp://127.0.0.1", "malformed device 'tcp://127.0.0.1': expected tcp://host:port")]
    [InlineData("tcp://:5000", "malformed device")]
    [InlineData("tcp://127.0.0.1:5000/path", "malformed device")]
    public async Task Malformed_device_strings(string device, string message)
    {
        var ex = await Assert.ThrowsAsync<SkTransportOpenException>(() => SkTransportFactory.OpenAsync(device));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tcp://127.0.0.1:5000", "127.0.0.1", 5000)]
    [InlineData("tcp://localhost:2001", "localhost", 2001)]
    [InlineData("tcp://[::1]:7000", "::1", 7000)]
    public void Tcp_device_strings(string device, string host, int port) =>
        Assert.Equal((host, port), SkTransportFactory.ParseTcp(device));

    [Fact]
    public async Task Refused_tcp_connection_says_what_to_check()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var ex = await Assert.ThrowsAsync<SkTransportOpenException>(() => SkDevice.OpenAsync($"tcp://127.0.0.1:{port}"));
        Assert.Equal($"cannot connect to tcp://127.0.0.1:{port}: connection refused — is ser2net (or the simulator) listening there?", ex.Message);
    }

    [Fact]
    public async Task Device_over_tcp_and_loss_when_the_server_closes()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var accept = listener.AcceptTcpClientAsync();
            await using var device = await Within(SkDevice.OpenAsync($"tcp://127.0.0.1:{port}"));
            Assert.Equal($"tcp://127.0.0.1:{port}", device.Description);
            using var server = await Within(accept);
            var stream = server.GetStream();

            var version = device.GetVersionAsync();
            var buffer = new byte[7];
            await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(PseudoDongle.Guard);
            Assert.Equal("SKVER\r\n", Encoding.ASCII.GetString(buffer));
            await stream.WriteAsync(Encoding.ASCII.GetBytes("EVER 1.2.10\r\nOK\r\n"));
            Assert.Equal("1.2.10", await Within(version));

            server.Close();
            var lost = await Within(device.Closed);
            Assert.NotNull(lost);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Serial_port_on_a_pseudo_terminal()
    {
        using var pty = PseudoTerminal.Open();
        await using var device = await Within(SkDevice.OpenAsync(pty.SlavePath, new SkDeviceOptions { Family = BRoute.SkStack.Grammar.DongleFamily.Bp35A1 }));
        Assert.Equal(pty.SlavePath, device.Description);

        var version = device.GetVersionAsync();
        Assert.Equal("SKVER\r\n", Encoding.Latin1.GetString(await ReadAsync(pty.Master, 7)));
        await pty.Master.WriteAsync(Encoding.ASCII.GetBytes("EVER 1.2.10\r\nOK\r\n"));
        Assert.Equal("1.2.10", await Within(version));

        // The port is raw: a payload with CR, LF, ^C, XON/XOFF and DEL reaches the dongle unchanged.
        byte[] payload = [0x0D, 0x0A, 0x03, 0x11, 0x13, 0x7F];
        var send = device.SendToAsync(Wire.Meter, payload);
        var expected = Wire.Concat(Wire.Bytes($"SKSENDTO 1 {Wire.MeterText} 0E1A 1 0006 "), payload);
        Assert.Equal(expected, await ReadAsync(pty.Master, expected.Length));
        await pty.Master.WriteAsync(Encoding.ASCII.GetBytes($"EVENT 21 {Wire.MeterText} 00\r\nOK\r\n"));
        Assert.Equal(BRoute.SkStack.Grammar.UdpSendResult.Success, await Within(send));
    }

    private static async Task<byte[]> ReadAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(PseudoDongle.Guard);
        return buffer;
    }
}
