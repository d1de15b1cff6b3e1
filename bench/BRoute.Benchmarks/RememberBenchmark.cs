using System.Diagnostics;
using System.Globalization;
using BRoute.Authentication;
using BRoute.Decoding;
using BRoute.EchonetLite.Meter;
using BRoute.Seed;
using BRoute.Session;
using BRoute.Simulator;
using BRoute.Simulator.Hosting;
using BRoute.Simulator.Meter;
using BRoute.SkStack.Device;
using BRoute.SkStack.Grammar;

namespace BRoute.Benchmarks;

/// <summary>
/// <c>remember [--runs N]</c>: the seed's 15 properties from a meter that drops Gets above 4 EPCs (the simulator's
/// <c>--max-opc 4 --over-opc drop</c>, default latency model, real time), N runs sharing one PAN cache folder (run 1
/// scans and learns; later runs start from the remembered PAN and capabilities); then one more connect that reads E7
/// only: the Gets between the join and the first value. Prints frames the meter received and wall time per run.
/// </summary>
public static class RememberBenchmark
{
    private const string Id = "00112233445566778899AABBCCDDEEFF";
    private const string Password = "0123456789AB";

    public static Task<int>? TryRun(string[] args) => args is ["remember", .. var rest] ? RunAsync(rest) : null;

    private static SimulatorHost Simulator(int seed) => new(new SimulatorOptions
    {
        Family = DongleFamily.Bp35A1,
        Seed = (ulong)seed,
        LatencyScale = 1,
        Meter = new MeterOptions { RouteBId = Id, Password = Password, MaxGetOpc = 4, OverOpc = OverOpcBehavior.Drop },
    });

    private static MeterSessionOptions Options(SimulatorHost sim, string cache, int seed) => new()
    {
        Credentials = Credentials.Create(Id, Password),
        Device = SkDeviceFactories.FromStream(_ => ValueTask.FromResult(sim.ConnectInMemory())),
        PanCacheDirectory = cache,
        Seed = seed,
    };

    private static async Task<int> RunAsync(string[] args)
    {
        var runs = args is ["--runs", var n, ..] ? int.Parse(n, CultureInfo.InvariantCulture) : 3;
        var cache = Path.Combine(Path.GetTempPath(), "broute-remember-" + Guid.NewGuid().ToString("N"));
        Console.WriteLine("Meter dropping Gets above 4 EPCs (simulator --max-opc 4 --over-opc drop), default latency model, real time; one PAN cache folder for every run.");
        Console.WriteLine("Frames: SKSENDTO frames the meter received (connect + read). Wall: from the session's start to the last value (join included).");
        try
        {
            for (var run = 1; run <= runs; run++)
            {
                using var sim = Simulator(run);
                var clock = Stopwatch.StartNew();
                var session = await MeterSession.ConnectAsync(Options(sim, cache, run));
                await using (session.ConfigureAwait(false))
                {
                    var joined = clock.Elapsed;
                    var reading = await session.ReadAsync(SeedClientPlanner.SeedOrder);
                    var wall = clock.Elapsed;
                    var bad = reading.Properties.Count(p => p.IsError || p.Status == ValueStatus.NotSupported) + reading.Unanswered.Count;
                    Console.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"run {run}: {sim.Stats.UdpFramesReceived,2} frames ({session.Statistics.Requests} Gets, {session.Statistics.Retries} resends of a TID: a late reply or a probe's hedge), {wall.TotalSeconds,6:0.00} s ({(wall - joined).TotalSeconds:0.00} s after the join; scans {session.Statistics.Scans}; max OPC {session.Statistics.MaxOpc}; {15 - bad}/15 values)"));
                }

                await Task.Delay(TimeSpan.FromSeconds(11)); // the quiet period after SKTERM (ConnectionOptions.QuietPeriod) belongs to a real next run
            }

            using (var sim = Simulator(runs + 1))
            {
                var session = await MeterSession.ConnectAsync(Options(sim, cache, runs + 1));
                await using (session.ConfigureAwait(false))
                {
                    var atJoin = sim.Stats.UdpFramesReceived;
                    var e7 = await session.ReadPropertyAsync(MeterEpc.InstantaneousPower);
                    Console.WriteLine($"first value with the PAN and capabilities remembered: join + {atJoin} frame(s) at connect + {sim.Stats.UdpFramesReceived - atJoin} frame(s) ({session.Statistics.Requests} Get) for E7 = {e7.ToDisplayString()}");
                }
            }

            return 0;
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }
}
