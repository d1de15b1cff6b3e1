using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BRoute.Mqtt.Tests.Support;

/// <summary>
/// A real Mosquitto (Debian's <c>mosquitto</c>, installed by test.sh) run as a child process on 127.0.0.1 and a free port,
/// with a generated config: anonymous, or a password file made with mosquitto_passwd, optionally TLS. Stopped (and
/// its folder removed) on dispose; <see cref="StopAsync"/> and <see cref="StartAsync"/> restart it on the same port.
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly string _dir;
    private readonly string _config;
    private readonly List<string> _lines;
    private Process? _process;
    private readonly StringBuilder _output = new();

    private MosquittoBroker(string dir, string config, List<string> lines)
    {
        _dir = dir;
        _config = config;
        _lines = lines;
    }

    public int Port { get; private set; }

    public string Directory => _dir;

    /// <summary>What mosquitto printed (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a broker. <paramref name="user"/>/<paramref name="password"/>: require them; <paramref name="tls"/>: a TLS listener.</summary>
    public static async Task<MosquittoBroker> StartAsync(string? user = null, string? password = null, TestCertificates? tls = null, bool requireClientCertificate = false)
    {
        var exe = Find("mosquitto") ?? throw new InvalidOperationException(
            "mosquitto is not installed: run ./test.sh as root (it installs Debian's mosquitto) or 'apt-get install -y mosquitto'");
        var dir = System.IO.Directory.CreateTempSubdirectory("broute-mqtt-test-").FullName;
        Readable(dir);
        var lines = new List<string>
        {
            "persistence false",
            "log_dest stderr", // unbuffered: the "running" line arrives at once
            "log_type error",
            "log_type warning",
            "log_type notice",
            "log_type information", // the "running" line and client connects
        };
        if (user is not null)
        {
            var passwd = Path.Combine(dir, "passwd");
            await RunAsync(Find("mosquitto_passwd") ?? throw new InvalidOperationException("mosquitto_passwd missing"), "-c", "-b", passwd, user, password!);
            Readable(passwd);
            lines.Add("allow_anonymous false");
            lines.Add($"password_file {passwd}");
        }
        else
        {
            lines.Add("allow_anonymous true");
        }

        if (tls is not null)
        {
            lines.Add($"cafile {tls.CaFile}");
            lines.Add($"certfile {tls.ServerCertificateFile}");
            lines.Add($"keyfile {tls.ServerKeyFile}");
            if (requireClientCertificate)
            {
                lines.Add("require_certificate true");
            }
        }

        var config = Path.Combine(dir, "mosquitto.conf");
        var broker = new MosquittoBroker(dir, config, lines);
        for (var attempt = 1; ; attempt++)
        {
            // Another test (or process) may take the free port before mosquitto binds it: then take another.
            broker.Port = FreePort();
            await File.WriteAllLinesAsync(config, [$"listener {broker.Port} 127.0.0.1", .. lines]);
            Readable(config);
            try
            {
                await broker.StartAsync();
                return broker;
            }
            catch (PortTakenException) when (attempt < 5)
            {
            }
            catch
            {
                await broker.DisposeAsync(); // never leave a broker running behind a failed start
                throw;
            }
        }
    }

    /// <summary>Mosquitto started as root drops to the 'mosquitto' user: it must be able to read our files.</summary>
    private static void Readable(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, System.IO.Directory.Exists(path)
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }

    internal static void MakeReadable(string path) => Readable(path);

    private sealed class PortTakenException(string message) : Exception(message);

    /// <summary>Starts (again) on the same port and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(Find("mosquitto")!, ["-c", _config])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        lock (_output)
        {
            _output.Clear();
        }

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        // Mosquitto prints "mosquitto version X running" once every listener is bound.
        try
        {
            await WaitRunningAsync(process);
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    private async Task WaitRunningAsync(Process process)
    {
        await Wait.UntilAsync(() =>
        {
            var output = Output;
            if (process.HasExited)
            {
                throw output.Contains("Address already in use", StringComparison.Ordinal)
                    ? new PortTakenException(output)
                    : new InvalidOperationException($"mosquitto exited with {process.ExitCode}: {output}");
            }

            return output.Contains(" running", StringComparison.Ordinal);
        }, "mosquitto to start");
    }

    /// <summary>Stops the broker (SIGKILL: the clients see their sockets drop) and waits for its exit.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                process.Kill();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(timeout.Token);
            process.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Find(string name) =>
        new[] { "/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);

    private static async Task RunAsync(string exe, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(exe, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{exe} failed: {await process.StandardError.ReadToEndAsync()}");
        }
    }
}
