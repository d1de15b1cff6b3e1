using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;

namespace BRoute.Benchmarks;

/// <summary>
/// <c>decode [--frames N] [--rounds R] [--text] [--bare] [--broute PATH] [--compare PATH]</c>: writes a serial log of N
/// ERXUDP lines (default 300,000; a realistic mix of E7, E7+E8, E0+E3, EA+EB INF and the D3/E1 answer that sets the
/// scale, with the command echoes, OK and EVENT 21 lines a log holds between them, unless <c>--bare</c>: ERXUDP lines
/// only), then, R times (default 3), runs through <c>/bin/sh</c> side by side: <c>cat FILE | cat &gt; /dev/null</c> (what
/// moving the bytes through a pipe costs), and for each broute (<c>--broute</c>: a broute.dll or a published executable,
/// default the built <c>src/BRoute.Cli/bin/Release/net10.0/broute.dll</c>; <c>--compare</c>: a second one, e.g. a build of
/// main) <c>broute decode --json &lt; FILE | cat &gt; /dev/null</c> (into a pipe) and <c>… &gt; /dev/null</c>: wall time,
/// frames/s, user and system CPU time of the whole pipeline. Each broute's output is hashed once (SHA-256): equal hashes
/// are equal bytes. Build the CLI first: <c>dotnet build src/BRoute.Cli -c Release</c>.
/// </summary>
public static class DecodeThroughputBenchmark
{
    private const string Meter = "FE80:0000:0000:0000:021C:6400:00A1:B2C3";
    private const string Dongle = "FE80:0000:0000:0000:021D:1290:1234:5678";

    public static Task<int>? TryRun(string[] args) => args switch
    {
        ["decode", .. var rest] => RunAsync(rest),
        _ => null,
    };

    private static async Task<int> RunAsync(string[] args)
    {
        var frames = Option(args, "--frames", 300_000);
        var rounds = Option(args, "--rounds", 3);
        var mode = args.Contains("--text") ? string.Empty : " --json";
        var bare = args.Contains("--bare");
        var broutes = new List<string>();
        if ((TextOption(args, "--broute") ?? FindBrouteDll()) is not { } main)
        {
            await Console.Error.WriteLineAsync("broute.dll not found: build it first with 'dotnet build src/BRoute.Cli -c Release' or give --broute PATH").ConfigureAwait(false);
            return 1;
        }

        broutes.Add(main);
        if (TextOption(args, "--compare") is { } other)
        {
            broutes.Add(other);
        }

        var file = Path.Combine(Path.GetTempPath(), $"broute-decode-{frames}{(bare ? "-bare" : string.Empty)}.log");
        var lines = WriteLog(file, frames, bare);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{file}: {frames:N0} ERXUDP frames in {lines:N0} lines, {new FileInfo(file).Length / 1e6:0.0} MB; broute decode{mode}"));
        Console.WriteLine($"load average {LoadAverage()} on {Environment.ProcessorCount} cores (wall time suffers when the machine is busy; CPU time much less)");
        foreach (var broute in broutes)
        {
            var (bytes, hash) = await HashAsync($"{Command(broute)} decode{mode} < \"$1\"", file).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{broute}: {bytes / 1e6:0.0} MB out, sha256 {hash}"));
        }

        var runs = new List<(string Name, string Command)> { ("cat FILE | cat", "cat \"$1\" | cat > /dev/null") };
        foreach (var broute in broutes)
        {
            var name = broute == main ? "broute" : "compare";
            runs.Add(($"{name} | cat", $"{Command(broute)} decode{mode} < \"$1\" | cat > /dev/null"));
            runs.Add(($"{name} > /dev/null", $"{Command(broute)} decode{mode} < \"$1\" > /dev/null"));
        }

        var rates = runs.ToDictionary(r => r.Name, _ => new List<double>());
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (name, command) in runs)
            {
                var (wall, user, system, exit) = await RunShellAsync(command, file).ConfigureAwait(false);
                var rate = frames / wall.TotalSeconds;
                rates[name].Add(rate);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round} {name,-20} {wall.TotalSeconds,6:0.000} s wall {rate,12:N0} frames/s  CPU user {user.TotalSeconds:0.000} s sys {system.TotalSeconds:0.000} s = {frames / (user + system).TotalSeconds:N0} frames per CPU-second{(exit == 0 ? string.Empty : $", exit {exit}")}"));
            }
        }

        foreach (var (name, list) in rates)
        {
            list.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-20} median {list[list.Count / 2],12:N0} frames/s, best {list[^1],12:N0} frames/s"));
        }

        return 0;
    }

    // A broute.dll runs under the dotnet host; anything else (a published executable) runs as it is.
    private static string Command(string broute) =>
        broute.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? $"dotnet '{broute}'" : $"'{broute}'";

    private static async Task<(long Bytes, string Hash)> HashAsync(string command, string file)
    {
        var start = Shell(command, file);
        start.RedirectStandardOutput = true;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long total = 0;
        var output = process.StandardOutput.BaseStream;
        int n;
        while ((n = await output.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            sha.AppendData(buffer, 0, n);
            total += n;
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
        _ = await error.ConfigureAwait(false);
        return (total, Convert.ToHexString(sha.GetHashAndReset()));
    }

    private static async Task<(TimeSpan Wall, TimeSpan User, TimeSpan System, int Exit)> RunShellAsync(string command, string file)
    {
        var start = Shell(command, file);
        var (user0, system0) = ChildrenCpu();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        clock.Stop();
        _ = await error.ConfigureAwait(false);
        var (user1, system1) = ChildrenCpu();
        return (clock.Elapsed, user1 - user0, system1 - system0, process.ExitCode);
    }

    // The shell opens the file as standard input, as a user's "broute decode --json < log | …" does.
    private static ProcessStartInfo Shell(string command, string file)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(file);
        return start;
    }

    /// <summary>Writes the log; returns its line count.</summary>
    internal static int WriteLog(string path, int frames, bool bare)
    {
        var random = new Random(1);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\r\n" };
        var lines = 0;
        var seoj = new Eoj(0x02, 0x88, 0x01);
        var deoj = new Eoj(0x05, 0xFF, 0x01);
        var scale = new EchonetProperty[] { new(0xD3, MeterValueEncoder.Coefficient(1)), new(0xE1, MeterValueEncoder.Unit(0x01)) };
        var slot = new DateTime(2026, 1, 15, 0, 0, 0);
        uint energy = 80_000;
        for (var i = 0; i < frames; i++)
        {
            var tid = (ushort)i;
            EchonetProperty[] props;
            var esv = Esv.GetRes;
            switch (i == 0 ? -1 : random.Next(10))
            {
                case -1:
                    props = scale;
                    break;
                case < 5:
                    props = [new(0xE7, MeterValueEncoder.InstantaneousPower(random.Next(-500, 6000)))];
                    break;
                case < 8:
                    props = [new(0xE7, MeterValueEncoder.InstantaneousPower(random.Next(0, 6000))), new(0xE8, MeterValueEncoder.InstantaneousCurrent(random.Next(0, 300) / 10m, random.Next(0, 300) / 10m))];
                    break;
                case 8:
                    energy += (uint)random.Next(0, 20);
                    props = [new(0xE0, MeterValueEncoder.CumulativeEnergy(energy)), new(0xE3, MeterValueEncoder.CumulativeEnergy(1200))];
                    break;
                default:
                    slot = slot.AddMinutes(30);
                    esv = Esv.Inf;
                    props = [new(0xEA, MeterValueEncoder.FixedTimeEnergy(slot, energy)), new(0xEB, MeterValueEncoder.FixedTimeEnergy(slot, 1200))];
                    break;
            }

            var frame = FrameCodec.Encode(new EchonetFrame(tid, seoj, deoj, esv, props));
            if (esv == Esv.GetRes && !bare)
            {
                writer.WriteLine($"SKSENDTO 1 {Meter} 0E1A 1 000E");
                writer.WriteLine($"EVENT 21 {Meter} 00");
                writer.WriteLine("OK");
                lines += 3;
            }

            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ERXUDP {Meter} {Dongle} 0E1A 0E1A 001C640000A1B2C3 1 {frame.Length:X4} {Convert.ToHexString(frame)}"));
            lines++;
        }

        return lines;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    // User and system time of the waited-for children (the shell and, through it, everything it ran).
    private static (TimeSpan User, TimeSpan System) ChildrenCpu()
    {
        if (GetRusage(-1, out var usage) != 0)
        {
            return (TimeSpan.Zero, TimeSpan.Zero);
        }

        return (TimeSpan.FromMicroseconds((usage.UserSec * 1e6) + usage.UserUsec), TimeSpan.FromMicroseconds((usage.SystemSec * 1e6) + usage.SystemUsec));
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, out Rusage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSec;
        public long UserUsec;
        public long SystemSec;
        public long SystemUsec;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)]
        public long[] Rest;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string? TextOption(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? Path.GetFullPath(args[at + 1]) : null;
    }

    private static string? FindBrouteDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BRoute.slnx")))
            {
                var dll = Path.Combine(dir.FullName, "src", "BRoute.Cli", "bin", "Release", "net10.0", "broute.dll");
                return File.Exists(dll) ? dll : null;
            }
        }

        return null;
    }
}
