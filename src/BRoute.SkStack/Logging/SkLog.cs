using Microsoft.Extensions.Logging;

namespace BRoute.SkStack.Logging;

/// <summary>Log messages of the driver. Wire text is always rendered through <see cref="SkWireText"/> (secrets masked).</summary>
internal static partial class SkLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Trace, Message = ">> {Text}")]
    internal static partial void Sent(ILogger logger, string text);

    [LoggerMessage(EventId = 2, Level = LogLevel.Trace, Message = "<< {Text}")]
    internal static partial void Received(ILogger logger, string text);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "garbled line skipped ({Reason}, {Length} bytes): {Preview}")]
    internal static partial void Garbled(ILogger logger, string reason, long length, string preview);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "unsolicited {Item} ignored (no command waiting for it)")]
    internal static partial void Unsolicited(ILogger logger, string item);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "connection to the dongle lost: {Reason}")]
    internal static partial void TransportLost(ILogger logger, string reason, Exception? exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "event queue full: dropped the oldest {Item}")]
    internal static partial void EventDropped(ILogger logger, string item);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "dongle dialect: {Dialect}")]
    internal static partial void DialectDetected(ILogger logger, string dialect);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "dialect corrected at run time: {Reason}")]
    internal static partial void DialectCorrected(ILogger logger, string reason);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "{Command} timed out after {Seconds} s")]
    internal static partial void CommandTimedOut(ILogger logger, string command, double seconds);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "the dongle answered no command (left in the middle of an SKSENDTO by a previous program?): writing {Bytes} bytes of CRLF to complete its payload")]
    internal static partial void FillingPayload(ILogger logger, int bytes);
}
