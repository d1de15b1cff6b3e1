using BRoute.EchonetLite.Meter;
using System.Globalization;
using BRoute.Authentication;
using BRoute.Daemon.Configuration;
using BRoute.Daemon.Runtime;
using BRoute.Monitoring;
using BRoute.Simulator;
using BRoute.Simulator.Timing;
using Microsoft.Extensions.Logging.Abstractions;

namespace BRoute.Cli.Commands;

/// <summary>
/// The whole product for <c>broute demo</c>: <c>broute run</c> (monitor, SQLite store in the demo's temporary folder,
/// history backfill, dashboard and JSON API on a free 127.0.0.1 port) on the simulated dongle, with a few plain lines
/// on the terminal while it runs. The daemon lives on the simulated meter's calendar (<see cref="SimulatedCalendar"/>):
/// the meter's clock runs faster than the host's, and the daemon's today must be the meter's.
/// </summary>
internal static class DemoDaemon
{
    public static async Task<int> RunAsync(CliConsole console, string device, SimulatorOptions simulator, SimClock meterClock, string folder, int port, TimeSpan? duration, CancellationToken cancellationToken)
    {
        var settings = new DaemonSettings
        {
            Meters = [new MeterSettings("demo", device, Credentials.Create(simulator.Meter.RouteBId, simulator.Meter.Password), simulator.Family)],
            StateDirectory = Path.Combine(folder, "state"),
            Store = new StoreSettings(Path.Combine(folder, "broute.db"), TimeSpan.FromDays(14), TimeSpan.FromDays(730)),
            Timeouts = TimeoutSettings.Defaults,
            Web = new WebSettings(true, "127.0.0.1", port, null),
        };
        await using var daemon = new BRouteDaemon(settings, new DaemonOptions { TimeProvider = new SimulatedCalendar(meterClock, console.Time), LoggerFactory = NullLoggerFactory.Instance });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await daemon.StartAsync(stop.Token).ConfigureAwait(false);
        var error = console.Error;
        await error.WriteLineAsync($"broute demo: the dashboard is on {daemon.WebAddress} — open it in a browser (live power, the half-hour bars of today and yesterday, 31 days, 12 months, link status); the JSON API is under {daemon.WebAddress}api/ and Prometheus metrics at {daemon.WebAddress}metrics").ConfigureAwait(false);
        await error.WriteLineAsync($"broute demo: the store is {settings.Store.Path}; the meter's 100 days of history are being read into it now{(duration is { } d ? string.Create(CultureInfo.InvariantCulture, $"; stopping after {d.TotalSeconds:0} s") : "; Ctrl-C stops")}").ConfigureAwait(false);
        var printing = PrintAsync(console, daemon.Monitors[0].Subscribe());
        if (duration is { } limit)
        {
            _ = Task.Delay(limit, console.Time, stop.Token).ContinueWith(_ => stop.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }

        await daemon.Completion.ConfigureAwait(false);
        var (readings, halfHours) = await printing.ConfigureAwait(false);
        var stored = daemon.Store is { } store ? (await store.HalfHours.RangeAsync(daemon.Monitors[0].Meter?.Id ?? string.Empty, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, CancellationToken.None).ConfigureAwait(false)).Count : 0;
        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"broute demo: {readings} reading(s), {halfHours} live half-hour(s), {stored} half-hour(s) in the store; session closed")).ConfigureAwait(false);
        return cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Success;
    }

    private static async Task<(int Readings, int HalfHours)> PrintAsync(CliConsole console, MonitorSubscription subscription)
    {
        int readings = 0, halfHours = 0, lastBackfillShown = -1;
        using (subscription)
        {
            await foreach (var e in subscription.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                var time = e.At.ToOffset(MeterTimeZone.Offset).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
                switch (e)
                {
                    case StateChangedEvent { State: var s }:
                        await console.Output.WriteLineAsync($"{time}  {s.Reason ?? s.Kind.ToString()}").ConfigureAwait(false);
                        break;
                    case MeasurementsEvent m when m.Measurements.FirstOrDefault(x => x.Quantity == Quantity.Power) is { HasValue: true } power:
                        readings++;
                        await console.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{time}  {power.Value:0} W")).ConfigureAwait(false);
                        break;
                    case HalfHourEvent { HalfHour: { Source: not ValueSource.History } h }:
                        halfHours++;
                        await console.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{time}  half-hour to {h.SlotEnd.ToOffset(MeterTimeZone.Offset):MM-dd HH:mm}: import {h.Import}, export {h.Export}")).ConfigureAwait(false);
                        break;
                    case BackfillProgressEvent b when b.Done == b.Total || b.Done / 20 != lastBackfillShown:
                        lastBackfillShown = b.Done / 20;
                        await console.Output.WriteLineAsync($"{time}  history: {b.Done}/{b.Total} day(s) read").ConfigureAwait(false);
                        break;
                }
            }
        }

        return (readings, halfHours);
    }
}
