using System.CommandLine;
using BRoute.Daemon.Configuration;
using BRoute.Daemon.Hosting;
using BRoute.Daemon.Runtime;
using BRoute.Simulator.Hosting;
using BRoute.Storage;
using BRoute.Web;
using Microsoft.Extensions.Hosting;

namespace BRoute.Cli.Commands;

/// <summary><c>broute run</c>: the unattended service (store, metrics, web; MQTT when configured) until SIGTERM or Ctrl-C.</summary>
internal static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var config = new Option<string?>("--config") { Description = "The config file (default: $BROUTE_CONFIG, ~/.config/broute/broute.json, /etc/broute/broute.json). 'broute config sample' prints one.", HelpName = "FILE" };
        var device = new Option<string?>("--device") { Description = "The dongle (one meter): a serial port such as /dev/ttyUSB0, or tcp://host:port. Beats BROUTE_DEVICE and the config file.", HelpName = "DEV" };
        var stateDir = new Option<string?>("--state-dir") { Description = "Folder of the store and the PAN cache (default $STATE_DIRECTORY, else $XDG_STATE_HOME/broute).", HelpName = "DIR" };
        var store = new Option<string?>("--store") { Description = "The SQLite store file (default broute.db in the state folder).", HelpName = "FILE" };
        var listen = new Option<string?>("--listen") { Description = "Address of the dashboard, API and /metrics (default 127.0.0.1:8765; another address needs web.token_file).", HelpName = "HOST:PORT" };

        // For tests and demos against a time-scaled 'broute simulate --state FILE' in another process: the daemon then
        // lives on the simulated meter's calendar (as it does on a real meter's), not hours behind it.
        var simulatedClock = new Option<string?>("--simulated-clock") { Description = "Run on the clock of the simulated meter whose 'broute simulate --state' file this is.", HelpName = "STATE", Hidden = true };
        var command = new Command("run", "Run the service: keep every configured meter's session alive for months, store each reading and every half-hour the meter holds (SQLite), serve /metrics and the dashboard, publish to MQTT when configured. Stops cleanly on SIGTERM or Ctrl-C (SKTERM, last writes) with exit 0.")
        {
            config, device, stateDir, store, listen, simulatedClock,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
            {
                ["device"] = parse.GetValue(device),
                ["state_dir"] = parse.GetValue(stateDir),
                ["store:path"] = parse.GetValue(store),
                ["web:listen"] = parse.GetValue(listen),
            };
            return await RunAsync(console, parse.GetValue(config), options, parse.GetValue(simulatedClock), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string? configPath, Dictionary<string, string?> options, string? simulatedClock, CancellationToken cancellationToken)
    {
        var time = console.Time;
        if (simulatedClock is not null)
        {
            try
            {
                time = SimulatorStateFile.ReadClock(simulatedClock, console.Time);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                await console.Error.WriteLineAsync($"broute run: --simulated-clock: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrInput;
            }
        }

        DaemonSettings settings;
        try
        {
            settings = DaemonSettingsLoader.Load(console.Environment.ToConfigInputs(configPath, options));
        }
        catch (ConfigException ex)
        {
            foreach (var problem in ex.Problems)
            {
                await console.Error.WriteLineAsync($"broute run: {problem}").ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync("broute run: fix the configuration ('broute config check' shows what is in effect)").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }

        foreach (var warning in settings.Warnings)
        {
            await console.Error.WriteLineAsync($"broute run: warning: {warning}").ConfigureAwait(false);
        }

        using var host = DaemonHost.Build(settings, new DaemonOptions { TimeProvider = time });
        try
        {
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is StoreException or WebServerException)
        {
            await console.Error.WriteLineAsync($"broute run: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }
    }
}
