using BRoute.EchonetLite.Meter;
using System.CommandLine;
using System.Globalization;
using System.Net;
using BRoute.Cli.Running;
using BRoute.Cli.Settings;
using BRoute.Cli.Watch;
using BRoute.Simulator;
using BRoute.Simulator.Faults;
using BRoute.Simulator.Hosting;
using BRoute.SkStack.Grammar;

namespace BRoute.Cli.Commands;

/// <summary>
/// <c>broute demo</c>: no hardware needed. Starts the simulated dongle and meter in this process behind a
/// pseudo-terminal in a temporary folder (realistic radio latency, the simulator's demo ID and password), and runs
/// <c>broute watch</c> against it through the real serial path: driver, session, scan, join, Gets, notifications.
/// <c>--time-scale 60</c> makes the 30-minute notifications come every 30 s; <c>--duration</c> bounds the run.
/// Where pseudo-terminals are not available (not Linux) it serves the simulator on 127.0.0.1 over TCP instead.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var timeScale = new Option<double?>("--time-scale")
        {
            Description = "Simulated seconds per real second for the meter (60: a half-hour every 30 s). Default: 60, or 1 with --watch.",
            HelpName = "X",
        };
        var watchOnly = new Option<bool>("--watch") { Description = "Only watch the simulated meter's power in the terminal (the serial path as 'broute watch' uses it), without the store and dashboard." };
        var port = new Option<int>("--port")
        {
            Description = "Port of the dashboard on 127.0.0.1 (default: a free one, printed at the start).",
            DefaultValueFactory = _ => 0,
            HelpName = "N",
        };
        var latencyScale = new Option<double?>("--latency-scale")
        {
            Description = "Multiplier of the simulated radio delays (1 = realistic, 0 = instant). Default: 0.1 (the 100 days of history in well under a minute), or 1 with --watch.",
            HelpName = "X",
        };
        var family = new Option<string?>("--family")
        {
            Description = "Simulated dongle: bp35a1 (default), wsr35a1, bp35c0, bp35c2, rs-wsuha, rl7023-ips, rl7023-dss.",
            HelpName = "NAME",
        };
        var faults = new Option<string?>("--faults")
        {
            Description = "Simulator faults, e.g. meter-terminate=600 (every fault: 'broute help faults').",
            HelpName = "LIST",
        };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show the dongle dialogue on standard error." };
        var watch = new WatchOptions();
        var command = new Command("demo", "The whole product with no hardware: a simulated dongle and meter on a pseudo-terminal, 'broute run' on it (store, 100 days of history read in, dashboard on a local port). --watch: only watch its power in the terminal.")
        {
            timeScale, latencyScale, family, faults, verbose, watchOnly, port,
        };
        watch.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            SimulatorOptions options;
            var dashboard = !parse.GetValue(watchOnly);
            try
            {
                options = Simulator(parse.GetValue(family), parse.GetValue(timeScale) ?? (dashboard ? 60 : 1), parse.GetValue(latencyScale) ?? (dashboard ? 0.1 : 1), parse.GetValue(faults));
                if (dashboard)
                {
                    // Solar panels, so the dashboard shows export too.
                    options = options with { Meter = options.Meter with { SolarPeakW = 3000 } };
                }
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                await console.Error.WriteLineAsync($"broute demo: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            }

            var demoPort = parse.GetValue(port);
            if (demoPort is < 0 or > 65535)
            {
                await console.Error.WriteLineAsync($"broute demo: --port {demoPort} is not a port; give 1–65535, or 0 for a free one").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            }

            return await RunAsync(console, parse, options, watch, parse.GetValue(verbose), dashboard ? demoPort : null, ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>
    /// The demo's simulator: the default household meter, with the simulator's default B-route ID and password (printed
    /// by <c>broute simulate</c>; not anyone's real ones).
    /// </summary>
    internal static SimulatorOptions Simulator(string? family, double timeScale, double latencyScale, string? faults)
    {
        var options = new SimulatorOptions
        {
            Family = family is null ? DongleFamily.Bp35A1 : SimulateOptions.ParseFamily(family),
            TimeScale = timeScale,
            LatencyScale = latencyScale,
            Faults = FaultOptions.Parse(faults),
        };
        options.Validate();
        return options;
    }

    /// <summary>
    /// Where the dashboard demo's meter clock starts: 08:00 JST of today. The daemon lives on the meter's calendar, and a
    /// meter clock 60 times faster than the host's reaches midnight in at most 24 minutes; starting in the morning
    /// gives every demo the same picture (today's bars from history up to 08:00, then live) and 16 minutes before the
    /// midnight pause of history reads (which waits in host time).
    /// </summary>
    internal static DateTimeOffset MeterMorning(TimeProvider time)
    {
        var today = time.GetUtcNow().ToOffset(MeterTimeZone.Offset).Date;
        return new DateTimeOffset(today.AddHours(8), MeterTimeZone.Offset);
    }

    private static async Task<int> RunAsync(CliConsole console, ParseResult parse, SimulatorOptions options, WatchOptions watch, bool verbose, int? dashboardPort, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("broute-demo-");
        if (dashboardPort is not null)
        {
            options = options with { Start = MeterMorning(console.Time) };
        }

        using var host = new SimulatorHost(options, console.Time);
        using var stopSimulator = new CancellationTokenSource();
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var simulator = Serve(host, Path.Combine(folder.FullName, "ttyBROUTE"), ready, stopSimulator.Token);
        try
        {
            string device;
            try
            {
                device = await ready.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
            {
                await console.Error.WriteLineAsync($"broute demo: cannot start the simulator: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.DeviceNotFound;
            }

            if (dashboardPort is { } webPort)
            {
                await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"broute demo: simulated {FamilyNames.NameOf(options.Family)} dongle and smart meter with solar panels on {device} (meter clock x{options.TimeScale}, radio latency x{options.LatencyScale})")).ConfigureAwait(false);
                try
                {
                    return await DemoDaemon.RunAsync(console, device, options, host.Clock, folder.FullName, webPort, watch.Read(parse).Duration, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is BRoute.Web.WebServerException or BRoute.Storage.StoreException)
                {
                    await console.Error.WriteLineAsync($"broute demo: {ex.Message}").ConfigureAwait(false);
                    return ExitCodes.UsageOrInput;
                }
            }

            await console.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"broute demo: simulated {FamilyNames.NameOf(options.Family)} dongle and smart meter on {device} (meter clock x{options.TimeScale}, radio latency x{options.LatencyScale}); the same as 'broute watch --device {device}' with the simulator's demo ID and password")).ConfigureAwait(false);
            var inputs = new SettingsInputs
            {
                Device = device,
                Id = options.Meter.RouteBId,
                Password = options.Meter.Password,
                StateDir = Path.Combine(folder.FullName, "state"),
                Verbose = verbose,
            };
            return await CommandRunner.RunAsync("demo", parse, console, inputs, CliEnvironment.Empty, CredentialsRequirement.Required, (ctx, ct) => WatchRunner.RunAsync(ctx, watch.Read(ctx.Parse), ct), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stopSimulator.CancelAsync().ConfigureAwait(false);
            try
            {
                await simulator.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
            {
                // it failed to start: already reported through `ready`
            }

            folder.Delete(recursive: true);
        }
    }

    /// <summary>A pseudo-terminal behind <paramref name="link"/> on Linux; elsewhere TCP on 127.0.0.1 (a free port).</summary>
    private static async Task Serve(SimulatorHost host, string link, TaskCompletionSource<string> ready, CancellationToken cancellationToken)
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                await PtyHost.RunAsync(host, link, _ => ready.TrySetResult(link), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                using var server = new TcpSerialServer(host, new IPEndPoint(IPAddress.Loopback, 0));
                ready.TrySetResult($"tcp://127.0.0.1:{server.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture)}");
                await server.RunAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            ready.TrySetException(ex);
            throw;
        }
    }
}
