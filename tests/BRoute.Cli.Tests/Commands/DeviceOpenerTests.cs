using System.Diagnostics;
using System.Net.Sockets;
using BRoute.Cli.Sessions;
using BRoute.Cli.Tests.Support;
using BRoute.SkStack.Device;
using BRoute.SkStack.Errors;

namespace BRoute.Cli.Tests.Commands;

/// <summary>A ser2net-like server that still serves the previous client drops the next one: the opener retries.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class DeviceOpenerTests
{
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "condition not reached in 20 s");
            await Task.Delay(10);
        }
    }

    /// <summary>Asks SKVER on a raw connection and reads until its OK: the server serves this client.</summary>
    private static async Task ServedAsync(TcpClient client)
    {
        var stream = client.GetStream();
        await stream.WriteAsync("SKVER\r\n"u8.ToArray());
        var text = string.Empty;
        var buffer = new byte[256];
        while (!text.Contains("OK\r\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.True(n > 0, "the server closed the first connection");
            text += System.Text.Encoding.ASCII.GetString(buffer, 0, n);
        }

        Assert.Contains("EVER 1.2.10", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_dropped_while_the_previous_client_leaves_is_retried()
    {
        await using var sim = new TcpSimulator(TimeProvider.System);
        var previous = new TcpClient();
        await previous.ConnectAsync("127.0.0.1", sim.Port);
        await ServedAsync(previous); // the server is serving it

        var opening = DeviceOpener.For(sim.Device)(new SkDeviceOptions(), CancellationToken.None).AsTask();
        await WaitUntilAsync(() => sim.Refused >= 1); // the first attempt was dropped
        previous.Dispose();                           // the previous client leaves
        await using var device = await opening.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("1.2.10", await device.GetVersionAsync());
        Assert.InRange(sim.Refused, 1, DeviceOpener.Attempts - 1);
    }

    [Fact]
    public async Task A_server_that_keeps_dropping_is_a_lost_dongle_after_three_attempts()
    {
        await using var sim = new TcpSimulator(TimeProvider.System);
        using var previous = new TcpClient();
        await previous.ConnectAsync("127.0.0.1", sim.Port);
        await ServedAsync(previous);

        await Assert.ThrowsAsync<SkTransportLostException>(() => DeviceOpener.For(sim.Device)(new SkDeviceOptions(), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(20)));

        await WaitUntilAsync(() => sim.Refused >= DeviceOpener.Attempts);
        Assert.Equal(DeviceOpener.Attempts, sim.Refused);
    }
}
