using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using BRoute.Simulator.Hosting;
using BRoute.Simulator.Stats;
using BRoute.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BRoute.Simulator.Tests;

/// <summary>TCP (ser2net-like) host, stats file, serial log.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task Tcp_serves_one_client_at_a_time_and_keeps_the_dongle_state_between_clients()
    {
        using var host = new SimulatorHost(Sim.Options());
        using var server = new TcpSerialServer(host, new IPEndPoint(IPAddress.Loopback, 0));
        using var stop = new CancellationTokenSource();
        var run = server.RunAsync(stop.Token);

        using (var first = new TcpClient())
        {
            await first.ConnectAsync(IPAddress.Loopback, server.LocalEndPoint.Port);
            var probe = new SerialProbe(first.GetStream());
            probe.Write("SKSREG SFE 0\r\n");
            await probe.ExpectAsync("SKSREG SFE 0\r\nOK\r\n");

            using var second = new TcpClient();
            await second.ConnectAsync(IPAddress.Loopback, server.LocalEndPoint.Port);
            using var cts = new CancellationTokenSource(SerialProbe.Timeout);
            Assert.Equal(0, await second.GetStream().ReadAsync(new byte[16], cts.Token)); // closed at once
            Assert.Equal(1, server.Refused);
        }

        // The first client left; the next one finds the dongle as it was (echo still off).
        var connected = false;
        using var retry = new CancellationTokenSource(SerialProbe.Timeout);
        while (!connected)
        {
            using var attempt = new TcpClient();
            await attempt.ConnectAsync(IPAddress.Loopback, server.LocalEndPoint.Port, retry.Token);
            var p = new SerialProbe(attempt.GetStream());
            try
            {
                p.Write("SKVER\r\n");
                await p.ExpectAsync("EVER 1.2.10\r\nOK\r\n");
                connected = true;
            }
            catch (Exception ex) when (ex is EndOfStreamException or IOException)
            {
                // the server had not noticed the first client's departure yet: refused, try again
            }
        }

        await stop.CancelAsync();
        await run.WaitAsync(SerialProbe.Timeout);
    }

    [Fact]
    public async Task Stats_file_is_json_with_the_documented_keys()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var host = new SimulatorHost(Sim.Options(), time);
        using (var probe = new SerialProbe(host.ConnectInMemory()))
        {
            await Sim.JoinAsync(probe);
            probe.SendTo(Sim.MeterIp, Sim.Get(0xE7, 0xE8));
            await probe.ReadUntilAsync("OK\r\n");
            await probe.ReadLineAsync();
        }

        var dir = Directory.CreateTempSubdirectory("broute-stats-");
        try
        {
            var path = Path.Combine(dir.FullName, "stats.json");
            await StatsFileWriter.WriteAsync(host, path, CancellationToken.None);
            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path));
            var root = doc.RootElement;
            Assert.Equal(1, root.GetProperty("udp_frames_received").GetInt64());
            Assert.True(root.GetProperty("udp_frames_sent").GetInt64() >= 6); // 4 PANA + D5 + reply
            Assert.Equal(1, root.GetProperty("gets_by_epc").GetProperty("E7").GetInt64());
            Assert.Equal(1, root.GetProperty("gets_by_epc").GetProperty("E8").GetInt64());
            Assert.Equal(0, root.GetProperty("scans").GetInt64());
            Assert.Equal(1, root.GetProperty("joins").GetInt64());
            Assert.True(root.GetProperty("air_time_ms").GetInt64() > 0);
            Assert.Equal(JsonValueKind.Object, root.GetProperty("faults").ValueKind);
            Assert.Equal("2026-01-15T10:10:00+09:00", root.GetProperty("simulated_time").GetString());
            Assert.Single(Directory.GetFiles(dir.FullName)); // the temporary file was renamed away
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Stats_writer_rewrites_every_second_and_on_stop()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var host = new SimulatorHost(Sim.Options(), time);
        var dir = Directory.CreateTempSubdirectory("broute-stats-");
        try
        {
            var path = Path.Combine(dir.FullName, "stats.json");
            using var stop = new CancellationTokenSource();
            var writer = StatsFileWriter.RunAsync(host, path, time, stop.Token);
            using var probe = new SerialProbe(host.ConnectInMemory());
            probe.Write("SKSCAN 2 FFFFFFFF 2\r\n");
            await probe.ReadUntilAsync("EVENT 22");
            time.Advance(TimeSpan.FromSeconds(1));
            using var wait = new CancellationTokenSource(SerialProbe.Timeout);
            while (!File.Exists(path) || !(await File.ReadAllTextAsync(path, wait.Token)).Contains("\"scans\": 1", StringComparison.Ordinal))
            {
                await Task.Delay(10, wait.Token); // polling a file another task writes; bounded by the timeout
            }

            probe.Write("SKSCAN 2 FFFFFFFF 2\r\n");
            await probe.ReadUntilAsync("EVENT 22");
            await stop.CancelAsync();
            await writer.WaitAsync(SerialProbe.Timeout);
            Assert.Contains("\"scans\": 2", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Serial_log_masks_the_credentials_everywhere()
    {
        var writer = new StringWriter();
        var time = new FakeTimeProvider();
        using var log = new SerialLog(writer, time);
        using var host = new SimulatorHost(Sim.Options(), time, log);
        using var probe = new SerialProbe(host.ConnectInMemory());
        probe.Write($"SKSETPWD C {Sim.Password}\r\n"); // echo on: the password is echoed on the line
        await probe.ExpectAsync($"SKSETPWD C {Sim.Password}\r\nOK\r\n");
        await Sim.JoinAsync(probe);
        var text = writer.ToString();
        Assert.DoesNotContain(Sim.Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Sim.Id, text, StringComparison.Ordinal);
        Assert.Contains("< SKSETPWD C ********", text, StringComparison.Ordinal);
        Assert.Contains("> SKSETPWD C ********", text, StringComparison.Ordinal);
        Assert.Contains("< SKSETRBID ********", text, StringComparison.Ordinal);
        Assert.Contains("> EVENT 25 ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Serial_log_masks_the_pair_id_of_a_scan_result()
    {
        var writer = new StringWriter();
        using var log = new SerialLog(writer, new FakeTimeProvider());
        var pairId = Sim.Id[^8..];
        log.Output(System.Text.Encoding.ASCII.GetBytes($"EPANDESC\r\n  Pan ID:8888\r\n  PairID:{pairId}\r\n"));
        var text = writer.ToString();
        Assert.DoesNotContain(pairId, text, StringComparison.Ordinal);
        Assert.Contains(">   PairID:********", text, StringComparison.Ordinal);
        Assert.Contains(">   Pan ID:8888", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_one_in_memory_client_at_a_time()
    {
        using var host = new SimulatorHost(Sim.Options());
        var first = host.ConnectInMemory();
        Assert.Throws<InvalidOperationException>(() => host.ConnectInMemory());
        first.Dispose();
        using var second = host.ConnectInMemory();
        Assert.True(second.CanWrite);
    }

    [Fact]
    public void Invalid_options_are_refused_with_the_setting_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SimulatorHost(Sim.Options(BRoute.SkStack.Grammar.DongleFamily.Rl7023Ips) with { DataMode = BRoute.SkStack.Grammar.ErxudpDataMode.Binary }));
        Assert.Contains("ASCII", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SimulatorHost(Sim.Options() with { Meter = new Meter.MeterOptions { RouteBId = "short" } }));
        Assert.Throws<ArgumentException>(() => new SimulatorHost(Sim.Options() with { Meter = new Meter.MeterOptions { Unit = 0x07 } }));
        var maker = Assert.Throws<ArgumentException>(() => new SimulatorHost(Sim.Options() with { Meter = new Meter.MeterOptions { ManufacturerCode = 0x0100_0000 } }));
        Assert.Equal(nameof(Meter.MeterOptions.ManufacturerCode), maker.ParamName);
    }
}
