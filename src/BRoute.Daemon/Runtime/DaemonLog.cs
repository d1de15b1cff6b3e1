using Microsoft.Extensions.Logging;

namespace BRoute.Daemon.Runtime;

/// <summary>The daemon's log lines (source-generated; journald-friendly plain sentences, never a credential).</summary>
internal static partial class DaemonLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "broute run: {Meters} meter(s), store {Store}, web {Web}, MQTT {Mqtt}")]
    public static partial void Started(ILogger logger, int meters, string store, string web, string mqtt);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "store maintenance failed: {Reason}; tried again in {Interval}")]
    public static partial void MaintenanceFailed(ILogger logger, string reason, TimeSpan interval);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "store maintenance: {Report}")]
    public static partial void Maintenance(ILogger logger, string report);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "broute run: stopping (SKTERM for each meter, then the last writes)")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "broute run: stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "{Part} stopped unexpectedly: {Reason}")]
    public static partial void PartFailed(ILogger logger, string part, string reason);
}
