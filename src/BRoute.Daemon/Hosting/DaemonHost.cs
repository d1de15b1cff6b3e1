using BRoute.Daemon.Configuration;
using BRoute.Daemon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace BRoute.Daemon.Hosting;

/// <summary>
/// <c>broute run</c> on the generic host: systemd integration (Type=notify readiness, the watchdog, journald log
/// lines with priorities when started by systemd), SIGTERM → SKTERM each meter, finish the writes, exit within the
/// shutdown timeout. Logic lives in <see cref="BRouteDaemon"/>; this only wires.
/// </summary>
public static class DaemonHost
{
    /// <summary>How long stopping may take before the host gives up (systemd's TimeoutStopSec is longer).</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Builds the host; <paramref name="configureLogging"/> may replace the console logging (tests).</summary>
    public static IHost Build(DaemonSettings settings, DaemonOptions options, Action<ILoggingBuilder>? configureLogging = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "broute" });
        builder.Services.AddSystemd();
        builder.Services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>(); // AddSystemd registers it only under systemd
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Logging.ClearProviders();
        if (configureLogging is not null)
        {
            configureLogging(builder.Logging);
        }
        else if (SystemdHelpers.IsSystemdService())
        {
            // AddSystemd's formatter: "<6>category: message", which journald turns into priorities.
            builder.Logging.AddConsole(o => o.FormatterName = ConsoleFormatterNames.Systemd);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
            });
        }

        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None); // a start failure is reported once, by broute run
        builder.Services.AddSingleton(options.TimeProvider);
        builder.Services.AddSingleton(services => new BRouteDaemon(settings, options with { LoggerFactory = services.GetRequiredService<ILoggerFactory>() }));
        builder.Services.AddHostedService<DaemonService>();
        builder.Services.AddHostedService<WatchdogService>();
        return builder.Build();
    }
}
