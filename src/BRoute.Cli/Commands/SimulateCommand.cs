using System.CommandLine;
using System.Net;
using BRoute.Simulator;
using BRoute.Simulator.Dongle;
using BRoute.Simulator.Hosting;
using BRoute.Simulator.Meter;
using BRoute.Simulator.Stats;
using BRoute.Simulator.Truth;

namespace BRoute.Cli.Commands;

/// <summary><c>broute simulate</c>: a behavioural dongle + smart meter on a pseudo-terminal or TCP.</summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var command = new Command("simulate", "Behavioural SKSTACK IP dongle + smart meter on a pseudo-terminal or TCP.");
        var simulate = new SimulateOptions();
        simulate.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(simulate, parse, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(SimulateOptions simulate, ParseResult parse, CancellationToken cancellationToken)
    {
        SimulatorOptions options;
        var continued = false;
        try
        {
            options = simulate.Build(parse);
            options.Validate();
            if (parse.GetValue(simulate.State) is { } statePath)
            {
                options = SimulatorStateFile.LoadOrCreate(statePath, options, TimeProvider.System.GetUtcNow(), out continued);
            }
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            await Console.Error.WriteLineAsync($"broute simulate: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }

        var pty = parse.GetValue(simulate.Pty);
        var tcp = parse.GetValue(simulate.Tcp);
        if ((pty is null) == (tcp is null))
        {
            await Console.Error.WriteLineAsync("broute simulate: give exactly one of --pty PATH or --tcp HOST:PORT").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }

        IPEndPoint? endPoint = null;
        if (tcp is not null && !IPEndPoint.TryParse(tcp, out endPoint))
        {
            await Console.Error.WriteLineAsync($"broute simulate: --tcp wants HOST:PORT with a numeric address, got '{tcp}'").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }

        // Ctrl-C/SIGTERM cancel cancellationToken (Program.Main's TerminationSignals, like every command); stop also ends the stats writer.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        SerialLog? log = null;
        var logPath = parse.GetValue(simulate.Log);
        if (logPath is not null)
        {
            log = new SerialLog(new StreamWriter(logPath, append: false), TimeProvider.System);
        }

        using var logScope = log;
        using var host = new SimulatorHost(options, TimeProvider.System, log);
        PrintBanner(options, host);
        if (continued)
        {
            Console.WriteLine($"  continuing the meter of {parse.GetValue(simulate.State)}: its clock reads {host.Clock.Now:yyyy-MM-dd HH:mm:ss zzz}");
        }
        var statsPath = parse.GetValue(simulate.Stats);
        var statsTask = statsPath is null ? Task.CompletedTask : StatsFileWriter.RunAsync(host, statsPath, TimeProvider.System, stop.Token);
        var truthPath = parse.GetValue(simulate.Truth);
        var truthTask = truthPath is null ? Task.CompletedTask : TruthFile.RunAsync(host, truthPath, TimeProvider.System, continued, stop.Token);
        try
        {
            if (pty is not null)
            {
                await PtyHost.RunAsync(host, pty, path => Console.WriteLine($"pty: {pty} -> {path}"), stop.Token).ConfigureAwait(false);
            }
            else
            {
                using var server = new TcpSerialServer(host, endPoint!);
                Console.WriteLine($"tcp: listening on {server.LocalEndPoint}");
                await server.RunAsync(stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"broute simulate: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.DeviceNotFound;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await statsTask.ConfigureAwait(false);
            await truthTask.ConfigureAwait(false);
        }

        Console.WriteLine("simulator stopped");
        return ExitCodes.Interrupted; // it only ever stops on a signal
    }

    private static void PrintBanner(SimulatorOptions o, SimulatorHost host)
    {
        var profile = FamilyProfile.For(o.Family);
        var defaults = new MeterOptions(); // the documented demo credentials are shown, given ones never
        var id = o.Meter.RouteBId == defaults.RouteBId ? o.Meter.RouteBId : "(given; not shown)";
        var password = o.Meter.Password == defaults.Password ? o.Meter.Password : "(given; not shown)";
        Console.WriteLine($"broute simulate: {o.Family} (EVER {profile.Version}), ERXUDP {(o.DataMode ?? profile.FactoryMode)}{(o.ShowRssi && profile.DualSide ? " with the LQI token (SA2 1)" : string.Empty)}, seed {o.Seed}");
        Console.WriteLine($"  meter: channel {o.Meter.Channel} (0x{o.Meter.Channel:X2}), PAN {o.Meter.PanId:X4}, MAC {o.Meter.Mac:X16}, IPv6 {BRoute.SkStack.Grammar.SkAddress.FormatIPv6(host.MeterAddress)}");
        Console.WriteLine($"  B-route ID {id}, password {password}");
        Console.WriteLine($"  clock {host.Clock.Start:yyyy-MM-dd HH:mm:ss zzz} x{o.TimeScale}, latency x{o.LatencyScale}, faults {(o.Faults.Any ? "on" : "none")}");
    }
}
