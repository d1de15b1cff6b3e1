using BRoute.Daemon.Configuration;
using BRoute.Retry;
using BRoute.Scanning;
using BRoute.Connection;
using BRoute.Session;
using Microsoft.Extensions.Logging;

namespace BRoute.Daemon.Runtime;

/// <summary>A meter's settings → the session options its monitor connects with (the same mapping as the interactive commands).</summary>
internal static class SessionOptionsFactory
{
    public static MeterSessionOptions Create(MeterSettings meter, DaemonSettings settings, DaemonOptions options)
    {
        var defaults = new RetryPolicy();
        var request = settings.Timeouts.Request;
        var first = Math.Min(new ScanOptions().Durations.Min(), settings.Timeouts.ScanMaxDuration);
        var session = new MeterSessionOptions
        {
            Credentials = meter.Credentials,
            Device = options.OpenDevice?.Invoke(meter) ?? SkDeviceFactories.Open(meter.Device),
            TimeProvider = options.TimeProvider,
            Logger = options.LoggerFactory.CreateLogger($"BRoute.Meter.{meter.Name}"),
            Family = meter.Family,
            PanCacheDirectory = settings.StateDirectory,
            Scan = new ScanOptions { Durations = [.. Enumerable.Range(first, settings.Timeouts.ScanMaxDuration - first + 1)] },
            Connection = new ConnectionOptions { JoinTimeout = settings.Timeouts.Join },
            Retry = defaults with { ReplyTimeout = request, LongReplyTimeout = request > defaults.LongReplyTimeout ? request : defaults.LongReplyTimeout },
            Seed = options.Seed,
        };
        return options.AdjustSession?.Invoke(session) ?? session;
    }
}
