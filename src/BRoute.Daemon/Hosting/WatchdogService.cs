using BRoute.Daemon.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;

namespace BRoute.Daemon.Hosting;

/// <summary>
/// systemd's watchdog (WatchdogSec=): pings WATCHDOG=1 at half the interval systemd gives in $WATCHDOG_USEC, only while
/// every loop of the daemon runs, so a hung daemon is restarted. Does nothing when systemd asked for no watchdog.
/// </summary>
internal sealed class WatchdogService(BRouteDaemon daemon, ISystemdNotifier notifier, TimeProvider time) : BackgroundService
{
    /// <summary>The ping interval systemd asks for, or null.</summary>
    public static TimeSpan? Interval(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return long.TryParse(environment("WATCHDOG_USEC"), System.Globalization.CultureInfo.InvariantCulture, out var usec) && usec > 0
            ? TimeSpan.FromMicroseconds(usec / 2.0)
            : null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!notifier.IsEnabled || Interval(Environment.GetEnvironmentVariable) is not { } interval)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            if (daemon.IsHealthy)
            {
                notifier.Notify(new ServiceState("WATCHDOG=1"));
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
