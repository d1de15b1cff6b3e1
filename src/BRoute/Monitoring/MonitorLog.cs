using Microsoft.Extensions.Logging;

namespace BRoute.Monitoring;

/// <summary>Log messages of the monitor. None takes credentials (exception messages of the session never hold them).</summary>
internal static partial class MonitorLog
{
    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "monitor: {Kind}: {Reason}")]
    public static partial void State(ILogger logger, string kind, string reason);

    [LoggerMessage(EventId = 901, Level = LogLevel.Debug, Message = "monitor: connecting failed ({Type}): {Message}")]
    public static partial void ConnectFailed(ILogger logger, string type, string message);

    [LoggerMessage(EventId = 902, Level = LogLevel.Debug, Message = "monitor: a read failed ({Type}): {Message}")]
    public static partial void ReadFailed(ILogger logger, string type, string message);

    [LoggerMessage(EventId = 903, Level = LogLevel.Debug, Message = "monitor: the meter's identity could not be read ({Type}): {Message}")]
    public static partial void IdentityFailed(ILogger logger, string type, string message);

    [LoggerMessage(EventId = 904, Level = LogLevel.Debug, Message = "monitor: closing the old session failed ({Type}): {Message}")]
    public static partial void CloseFailed(ILogger logger, string type, string message);

    [LoggerMessage(EventId = 905, Level = LogLevel.Information, Message = "monitor: history: {Slots} half-hour(s) fetched from {Days} day(s) of the meter's history ({Missing} were missing; {Failed} day(s) the meter could not give)")]
    public static partial void HistoryFilled(ILogger logger, int slots, int days, int missing, int failed);

    [LoggerMessage(EventId = 906, Level = LogLevel.Information, Message = "monitor: history fill stopped ({Type}): {Message}; tried again at the next check")]
    public static partial void HistoryFailed(ILogger logger, string type, string message);
}
