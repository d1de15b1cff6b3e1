using System.Diagnostics;
using System.IO.Ports;
using System.Text;
using BRoute.Cli.Tests.Support;

namespace BRoute.Cli.Tests;

/// <summary>
/// Runs the built <c>broute simulate --pty</c> in its own process and talks to it with System.IO.Ports, exactly as
/// a serial client would talk to /dev/ttyUSB0: scan, join, Get E7. Then SIGTERM, and the symlink must be gone.
/// </summary>
public sealed class SimulatePtyProcessTests
{
    private const string Id = "00112233445566778899AABBCCDDEEFF";
    private const string Password = "0123456789AB";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Serial_client_scans_joins_and_reads_e7_through_the_pty_then_sigterm_removes_the_link()
    {
        Assert.True(OperatingSystem.IsLinux(), "pseudo-terminals are tested on Linux");
        var dir = Directory.CreateTempSubdirectory("broute-pty-");
        var link = Path.Combine(dir.FullName, "ttyBROUTE");
        var stats = Path.Combine(dir.FullName, "stats.json");
        using var process = BrouteProcess.Start("simulate", "--pty", link, "--latency-scale", "0", "--constant-load", "628", "--stats", stats, "--seed", "3");
        try
        {
            await process.WaitForLineAsync("pty: ");
            Assert.NotNull(new FileInfo(link).LinkTarget);

            using (var port = new SerialPort(link, 115200, Parity.None, 8, StopBits.One))
            {
                port.ReadTimeout = (int)Timeout.TotalMilliseconds;
                port.Open();
                var line = new SerialLine(port);
                line.Write("SKSREG SFE 0\r\n");
                line.ReadUntil("OK\r\n");
                line.Write($"SKSETPWD C {Password}\r\nSKSETRBID {Id}\r\n");
                line.ReadUntil("OK\r\nOK\r\n");
                line.Write("SKSCAN 2 FFFFFFFF 6\r\n");
                var scan = line.ReadUntil("EVENT 22 ");
                var channel = Field(scan, "Channel");
                var pan = Field(scan, "Pan ID");
                var addr = Field(scan, "Addr");
                line.ReadUntil("\r\n");
                line.Write($"SKSREG S2 {channel}\r\nSKSREG S3 {pan}\r\nSKLL64 {addr}\r\n");
                line.ReadUntil("OK\r\nOK\r\n");
                var ip = line.ReadUntil("\r\n").Trim();
                line.Write($"SKJOIN {ip}\r\n");
                line.ReadUntil($"EVENT 25 {ip}\r\n");
                line.ReadUntil("\r\n"); // the instance-list INF

                var get = Convert.FromHexString("1081000105FF010288016201E700");
                byte[] sendto = [.. Encoding.ASCII.GetBytes($"SKSENDTO 1 {ip} 0E1A 1 000E "), .. get];
                port.Write(sendto, 0, sendto.Length);
                var reply = line.ReadUntil("\r\nOK\r\n") + line.ReadUntil("\r\n");
                Assert.Contains($"EVENT 21 {ip} 00", reply, StringComparison.Ordinal);
                // BP35A1 factory mode is binary: DATALEN 0012, then 18 raw bytes.
                var at = reply.IndexOf(" 0012 ", StringComparison.Ordinal);
                Assert.True(at > 0, reply);
                var payload = Encoding.Latin1.GetBytes(reply.Substring(at + 6, 18));
                Assert.Equal("1081000102880105FF017201E70400000274", Convert.ToHexString(payload));
            }

            process.Terminate();
            var code = await process.WaitForExitAsync();
            Assert.True(code == BrouteProcess.Interrupted, $"exit code {code}, output:\n{process.Output}");
            Assert.False(File.Exists(link) || new FileInfo(link).LinkTarget is not null, "the symlink must be removed on SIGTERM");
            Assert.Contains("\"udp_frames_received\": 1", await File.ReadAllTextAsync(stats), StringComparison.Ordinal);
            Assert.DoesNotContain(Password, process.Output.Replace($"password {Password}", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string Field(string block, string name)
    {
        var start = block.IndexOf($"  {name}:", StringComparison.Ordinal) + name.Length + 3;
        return block[start..block.IndexOf('\r', start)];
    }

    /// <summary>Reads a serial port until a marker, with the port's read timeout.</summary>
    private sealed class SerialLine(SerialPort port)
    {
        private readonly StringBuilder _buffer = new();

        public void Write(string text)
        {
            var bytes = Encoding.ASCII.GetBytes(text);
            port.Write(bytes, 0, bytes.Length);
        }

        public string ReadUntil(string marker)
        {
            var buf = new byte[4096];
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                var text = _buffer.ToString();
                var at = text.IndexOf(marker, StringComparison.Ordinal);
                if (at >= 0)
                {
                    _buffer.Remove(0, at + marker.Length);
                    return text[..(at + marker.Length)];
                }

                Assert.True(deadline.Elapsed < Timeout, $"waiting for {marker.Replace("\r\n", "\\r\\n", StringComparison.Ordinal)}; have {text}");
                var n = port.Read(buf, 0, buf.Length);
                _buffer.Append(Encoding.Latin1.GetString(buf, 0, n));
            }
        }
    }
}
