using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Threading.Channels;
using BRoute.Authentication;
using BRoute.Decoding;
using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.Retry;
using BRoute.Seed;
using BRoute.Session;
using BRoute.Simulator;
using BRoute.Simulator.Hosting;
using BRoute.Simulator.Meter;
using BRoute.SkStack.Device;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;

namespace BRoute.Benchmarks;

/// <summary>
/// Side-by-side comparison (a harness, not a BenchmarkDotNet class: each run takes seconds of radio time):
/// reading the seed's 15 properties from the simulator with its default latency model, in real time, once with a
/// faithful driver of <see cref="SeedClientPlanner"/> over <see cref="SkDevice"/> and once with
/// <see cref="MeterSession"/>, in the same process, for a few rounds with different simulator seeds. Prints frames
/// the meter received (simulator <c>udp_frames_received</c>) and wall time from EVENT 25 to the last value, and
/// their ratios; then the time from process start to the first value with a valid PAN cache, measured in a child
/// process talking to the simulator over TCP.
/// <para>Run: <c>dotnet run -c Release --project bench/BRoute.Benchmarks -- compare [--rounds N]</c>.</para>
/// </summary>
public static class ReadComparisonBenchmark
{
    private const string Id = "00112233445566778899AABBCCDDEEFF";
    private const string Password = "0123456789AB";

    /// <summary>
    /// How long the seed read the serial line for a reply after each SKSENDTO's OK: the pyserial timeout of the
    /// well-known BP35A1 script the seed trace comes from. The trace does not show it (an assumption, printed).
    /// </summary>
    private static readonly TimeSpan SeedReadWindow = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Runs <c>compare [--rounds N]</c> or the child's <c>first-value --device D --cache DIR</c>; returns null for
    /// any other command line (then BenchmarkDotNet's switcher runs).
    /// </summary>
    public static Task<int>? TryRun(string[] args) => args switch
    {
        ["compare", .. var rest] => CompareAsync(rest),
        ["first-value", .. var rest] => FirstValueAsync(rest),
        _ => null,
    };

    private static SimulatorOptions Simulator(int seed) => new()
    {
        Family = DongleFamily.Bp35A1,
        DataMode = ErxudpDataMode.AsciiHex, // the seed trace's mode
        Seed = (ulong)seed,
        LatencyScale = 1, // timing.md "Recommended simulator defaults"
        Meter = new MeterOptions { RouteBId = Id, Password = Password },
    };

    private static MeterSessionOptions SessionOptions(SkDeviceFactory device, string cache, int seed) => new()
    {
        Credentials = Credentials.Create(Id, Password),
        Device = device,
        PanCacheDirectory = cache,
        Seed = seed,
    };

    private static async Task<int> CompareAsync(string[] args)
    {
        var rounds = args is ["--rounds", var n, ..] ? int.Parse(n, CultureInfo.InvariantCulture) : 8;
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var epcs = string.Join(" ", SeedClientPlanner.SeedOrder.Select(e => e.ToString("X2", CultureInfo.InvariantCulture)));
        Console.WriteLine($"Reading the seed's 15 properties ({epcs}) from the simulator (BP35A1, ASCII ERXUDP, default latency model, real time).");
        Console.WriteLine("Frames: SKSENDTO frames the meter received (simulator udp_frames_received). Wall: from EVENT 25 to the last value.");
        Console.WriteLine($"seed:   one Get per EPC, TID 0001, resend on EPC mismatch, first ERXUDP within {SeedReadWindow.TotalSeconds:0} s of each OK decides (read window assumed).");
        Console.WriteLine("broute: MeterSession defaults: adaptive reply timeout (SRTT + 2·RTTVAR in 1.5–10 s; 10 s before the first sample unless the PAN cache remembers the last session's estimate; E2/E4 start from it too), no pause after an early timeout, the last attempt waits 10 s (60 s for E2/E4); round 1: 9F D3 D7 E1 in one Get after the join, the other 12 EPCs in two Gets of 6; later rounds: no Get after the join (capabilities remembered with the PAN), the 15 EPCs and 9F in three Gets of 6, 6 and 4 awaited together (MaxRequestsInFlight = 2).");
        Console.WriteLine("        Each variant has its own PAN cache folder kept across rounds: round 1 scans, later rounds join the cached PAN (adaptive variants also start from the estimate saved by the previous round).");
        Console.WriteLine("fixed:  MeterSession with the fixed timing.md timeouts (reply timeout 10 s, 2 s pause; AdaptiveReplyTimeout = false).");
        Console.WriteLine("serial: MeterSession defaults but one Get at a time (MaxRequestsInFlight = 1): what awaiting two Gets together gains.");
        Console.WriteLine("rfc:    MeterSession defaults but SRTT + 4·RTTVAR (RFC 6298's K): what resending a late Get sooner gains.");
        Console.WriteLine();
        Console.WriteLine("round   seed frames/wall     " + string.Concat(Variants.Select(v => $"{v.Name + " frames/wall",-21}ratio frames/wall    ")).TrimEnd());
        var cache = Path.Combine(Path.GetTempPath(), "broute-bench-" + Guid.NewGuid().ToString("N"));
        // One PAN cache folder per variant, kept across rounds: round 1 of each variant scans, caches the PAN and (adaptive
        // variants) saves its reply-time estimate on close; rounds 2+ join the cached PAN at once and the adaptive ones start
        // from the previous round's SRTT/RTTVAR. Separate folders so no variant seeds another's estimate.
        foreach (var variant in Variants)
        {
            Directory.CreateDirectory(Path.Combine(cache, variant.Name));
        }

        try
        {
            var seedTotal = default(Run);
            var totals = new Run[Variants.Length];
            var defaultsFrames = new List<long>(); // Variants[0]: the defaults
            for (var round = 1; round <= rounds; round++)
            {
                var seed = await SeedAsync(round, stop.Token);
                var runs = new Run[Variants.Length];
                for (var i = 0; i < Variants.Length; i++)
                {
                    runs[i] = await MeterSessionAsync(round, Path.Combine(cache, Variants[i].Name), Variants[i].Configure, stop.Token);
                    totals[i] += runs[i];
                }

                seedTotal += seed;
                defaultsFrames.Add(runs[0].Frames);
                Console.WriteLine(Row(round.ToString(CultureInfo.InvariantCulture), seed, runs));
            }

            Console.WriteLine(Row("total", seedTotal, totals));
            Console.WriteLine();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"broute: wall {totals[0].Wall / seedTotal.Wall:0.00}x the seed's (target <= 0.25); frames per read {string.Join(" ", defaultsFrames)}: {defaultsFrames.Count(f => f <= 3)} of {rounds} reads in 3 frames (3 Gets; a 4th frame is a resend of a late reply's TID)."));
            Console.WriteLine();
            // Three child runs on fresh simulators (seeds after the rounds'), each with its own copy of the defaults' PAN cache
            // (so no run waits out the quiet period after the previous child's SKTERM: that belongs to a real second run).
            var firstValues = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                var copy = Path.Combine(cache, "first-value-" + i.ToString(CultureInfo.InvariantCulture));
                Directory.CreateDirectory(copy);
                foreach (var file in Directory.GetFiles(Path.Combine(cache, "broute")))
                {
                    File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
                }

                var (ms, line) = await ChildFirstValueAsync(rounds + 1 + i, copy, stop.Token);
                firstValues.Add(ms);
                Console.WriteLine($"First value with a valid PAN cache (child process, tcp://127.0.0.1, simulator seed {rounds + 1 + i}): {line}; {ms:0} ms from Process.Start to the value in the parent.");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"First value with a valid PAN cache: median {firstValues.Order().ElementAt(1):0} ms of 3 runs (the simulator's SKJOIN takes lognormal(3 s, 8 s))."));
            return 0;
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    /// <summary>The <see cref="MeterSession"/> variants, the defaults first (named "broute" in the table).</summary>
    private static readonly (string Name, Func<MeterSessionOptions, MeterSessionOptions> Configure)[] Variants =
    [
        ("broute", o => o),
        ("fixed", o => o with { Retry = new RetryPolicy { AdaptiveReplyTimeout = false } }),
        ("serial", o => o with { MaxRequestsInFlight = 1 }),
        ("rfc", o => o with { Retry = new RetryPolicy { ReplyTimeoutDeviations = 4 } }),
    ];

    /// <summary>Frames the meter received and wall time of one read, or a sum of them.</summary>
    private readonly record struct Run(long Frames, TimeSpan Wall)
    {
        public static Run operator +(Run a, Run b) => new(a.Frames + b.Frames, a.Wall + b.Wall);
    }

    private static string Row(string label, Run seed, Run[] sessions) =>
        string.Create(CultureInfo.InvariantCulture, $"{label,-7} {seed.Frames,4} {seed.Wall.TotalSeconds,7:0.00} s     ")
        + string.Join(
            "        ",
            sessions.Select(x => string.Create(
                CultureInfo.InvariantCulture,
                $"{x.Frames,4} {x.Wall.TotalSeconds,7:0.00} s    {(double)x.Frames / seed.Frames,6:0.00} {x.Wall / seed.Wall,6:0.00}")));

    /// <summary>The seed client's algorithm over the driver, as in seed-trace.log: echo on, PAN known, SKPING, SKJOIN.</summary>
    private static async Task<Run> SeedAsync(int seed, CancellationToken ct)
    {
        using var sim = new SimulatorHost(Simulator(seed));
        var device = new SkDevice(sim.ConnectInMemory(), new SkDeviceOptions());
        await using (device.ConfigureAwait(false))
        {
            var received = Channel.CreateUnbounded<ReadOnlyMemory<byte>>();
            var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var pump = Task.Run(
                async () =>
                {
                    await foreach (var item in device.Events.ReadAllAsync(ct))
                    {
                        if (item is SkEvent { Code: SkEventCode.PanaConnectionSucceeded })
                        {
                            joined.TrySetResult();
                        }
                        else if (item is Erxudp { SenderPort: 3610 } datagram && joined.Task.IsCompleted)
                        {
                            received.Writer.TryWrite(datagram.Data);
                        }
                    }
                },
                ct);
            await device.SetPasswordAsync(Password, ct);
            await device.SetRouteBIdAsync(Id, ct);
            await device.WriteRegisterAsync(SkRegister.Channel, 0x21, ct);
            await device.WriteRegisterAsync(SkRegister.PanId, 0x8888, ct);
            var meter = await device.GetLinkLocalAddressAsync(sim.Options.Meter.Mac, ct);
            await device.PingAsync(meter, ct);
            await device.JoinAsync(meter, ct);
            await joined.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);

            var start = Stopwatch.GetTimestamp();
            var before = sim.Stats.UdpFramesReceived;
            var planner = new SeedClientPlanner(SeedClientPlanner.SeedOrder);
            while (!planner.IsComplete)
            {
                await device.SendToAsync(meter, FrameCodec.Encode(planner.Send()), null, ct);
                var payloads = new List<ReadOnlyMemory<byte>>();
                using (var window = CancellationTokenSource.CreateLinkedTokenSource(ct))
                {
                    window.CancelAfter(SeedReadWindow);
                    try
                    {
                        payloads.Add(await received.Reader.ReadAsync(window.Token));
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        // nothing within the read window
                    }
                }

                while (received.Reader.TryRead(out var more))
                {
                    payloads.Add(more);
                }

                planner.Resolve(payloads);
            }

            var wall = Stopwatch.GetElapsedTime(start);
            var frames = sim.Stats.UdpFramesReceived - before;
            if (planner.GaveUp.Count > 0)
            {
                Console.WriteLine($"  (seed gave up {planner.GaveUp.Count} EPC(s) after {planner.MaxSendsPerEpc} sends)");
            }

            await device.DisposeAsync();
            await pump.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            return new Run(frames, wall);
        }
    }

    private static async Task<Run> MeterSessionAsync(int seed, string cache, Func<MeterSessionOptions, MeterSessionOptions> variant, CancellationToken ct)
    {
        using var sim = new SimulatorHost(Simulator(seed));
        var options = SessionOptions(SkDeviceFactories.FromStream(_ => ValueTask.FromResult(sim.ConnectInMemory())), cache, seed);
        var session = await MeterSession.ConnectAsync(variant(options), null, ct);
        await using (session.ConfigureAwait(false))
        {
            var reading = await session.ReadAsync(SeedClientPlanner.SeedOrder, ct);
            var end = TimeProvider.System.GetUtcNow();
            if (!reading.IsComplete || reading.Properties.Any(p => p.IsError || p.Status == ValueStatus.NotSupported))
            {
                throw new InvalidOperationException("MeterSession did not read all 15 properties: " + string.Join(", ", reading.Properties));
            }

            return new Run(sim.Stats.UdpFramesReceived, end - session.Statistics.ConnectedAt!.Value);
        }
    }

    /// <summary>Serves a simulator over TCP and runs <c>first-value</c> in a child process with the PAN cache just written.</summary>
    private static async Task<(double Ms, string Line)> ChildFirstValueAsync(int seed, string cache, CancellationToken ct)
    {
        using var sim = new SimulatorHost(Simulator(seed));
        using var server = new TcpSerialServer(sim, new IPEndPoint(IPAddress.Loopback, 0));
        using var serving = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = server.RunAsync(serving.Token);
        var entry = Assembly.GetEntryAssembly()!.Location;
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(entry);
        }

        foreach (var a in new[] { "first-value", "--device", $"tcp://127.0.0.1:{server.LocalEndPoint.Port}", "--cache", cache })
        {
            start.ArgumentList.Add(a);
        }

        var clock = Stopwatch.StartNew();
        using var child = Process.Start(start)!;
        var line = await child.StandardOutput.ReadLineAsync(ct) ?? "(no output)";
        var ms = clock.Elapsed.TotalMilliseconds;
        await child.WaitForExitAsync(ct);
        await serving.CancelAsync();
        await run;
        return (ms, line);
    }

    /// <summary>The child: connect with the cached PAN over TCP, read E7, print the time since this process started.</summary>
    private static async Task<int> FirstValueAsync(string[] args)
    {
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        var device = args[Array.IndexOf(args, "--device") + 1];
        var cache = args[Array.IndexOf(args, "--cache") + 1];
        var session = await MeterSession.ConnectAsync(SessionOptions(SkDeviceFactories.Open(device), cache, 99));
        await using (session.ConfigureAwait(false))
        {
            var e7 = await session.ReadPropertyAsync(MeterEpc.InstantaneousPower);
            var ms = (DateTime.UtcNow - started).TotalMilliseconds;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{ms:0} ms from process start to E7 = {e7.ToDisplayString()} (scans {session.Statistics.Scans}, frames {session.Statistics.FramesSent}, join took {(session.Statistics.ConnectedAt!.Value.UtcDateTime - started).TotalMilliseconds:0} ms after start)"));
        }

        return 0;
    }
}
