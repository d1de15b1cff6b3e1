using BRoute.Daemon.Configuration;
using BRoute.Session;
using Microsoft.Extensions.Logging;

namespace BRoute.Daemon.Runtime;

/// <summary>A meter's settings → the session options its monitor connects with (the same mapping as the interactive commands).</summary>
internal static class SessionOptionsFactory
{
    public static MeterSessionOptions Create(MeterSettings meter, DaemonSettings settings, DaemonOptions options)
    {
        var session = new MeterSessionOptions
        {
            Credentials = meter.Credentials,
            Device = options.OpenDevice?.Invoke(meter) ?? SkDeviceFactories.Open(meter.Device),
            TimeProvider = options.TimeProvider,
            Logger = options.LoggerFactory.CreateLogger($"BRoute.Meter.{meter.Name}"),
            Family = meter.Family,
            PanCacheDirectory = settings.StateDirectory,
            Scan = settings.Timeouts.ToScanOptions(),
            Connection = settings.Timeouts.ToConnectionOptions(),
            Retry = settings.Timeouts.ToRetryPolicy(),
            Seed = options.Seed,
        };
        return options.AdjustSession?.Invoke(session) ?? session;
    }
}
