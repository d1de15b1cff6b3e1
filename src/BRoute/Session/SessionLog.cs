using Microsoft.Extensions.Logging;

namespace BRoute.Session;

/// <summary>
/// Log messages of the session. No message takes the credentials: PANs print without their pairing ID, the
/// B-route ID appears only as its hash prefix, and the driver masks SKSETPWD/SKSETRBID itself.
/// </summary>
internal static partial class SessionLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "opening the dongle ({Device})")]
    public static partial void OpeningDevice(ILogger logger, string device);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "dongle ready: {Dialect}")]
    public static partial void DongleReady(ILogger logger, string dialect);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "using the cached PAN for B-route ID sha256 {IdHash}: {Pan}")]
    public static partial void CachedPan(ILogger logger, string idHash, string pan);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "no usable cached PAN ({Status}): {Reason}")]
    public static partial void NoCachedPan(ILogger logger, string status, string? reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "{Progress}")]
    public static partial void Progress(ILogger logger, string progress);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "found the meter: {Pan}, LQI {Lqi:X2} ({Others} other PAN(s) answered)")]
    public static partial void MeterFound(ILogger logger, string pan, byte lqi, int others);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information, Message = "PANA session up with {Pan}")]
    public static partial void Connected(ILogger logger, string pan);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "EVENT {Code:X2} ({Meaning}) in phase {Phase}")]
    public static partial void SessionEvent(ILogger logger, byte code, string meaning, string phase);

    // The driver already warns "connection to the dongle lost" (SkLog event 5) through the same logger: this says what the session does about it.
    [LoggerMessage(EventId = 108, Level = LogLevel.Information, Message = "the dongle is gone ({Reason}): reopening it with backoff")]
    public static partial void TransportLost(ILogger logger, string reason);

    [LoggerMessage(EventId = 109, Level = LogLevel.Warning, Message = "reopening the dongle failed: {Reason}")]
    public static partial void ReopenFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 110, Level = LogLevel.Error, Message = "connection given up: {Message}")]
    public static partial void ConnectionFailed(ILogger logger, string message);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "{Action} failed: {Reason}")]
    public static partial void ActionFailed(ILogger logger, string action, string reason);

    [LoggerMessage(EventId = 112, Level = LogLevel.Debug, Message = "dropped a frame from {Source} port {Port}: {Reason}")]
    public static partial void Dropped(ILogger logger, string source, ushort port, string reason);

    [LoggerMessage(EventId = 113, Level = LogLevel.Debug, Message = "{Esv} TID {Tid:X4} attempt {Attempt}: {Epcs}")]
    public static partial void Sending(ILogger logger, string esv, ushort tid, int attempt, string epcs);

    [LoggerMessage(EventId = 114, Level = LogLevel.Information, Message = "TID {Tid:X4}: {What}; resending the same frame in {Seconds:0.#} s")]
    public static partial void Resend(ILogger logger, ushort tid, string what, double seconds);

    [LoggerMessage(EventId = 115, Level = LogLevel.Warning, Message = "TID {Tid:X4} given up after {Attempts} attempt(s) ({Reason})")]
    public static partial void GivenUp(ILogger logger, ushort tid, int attempts, string reason);

    [LoggerMessage(EventId = 116, Level = LogLevel.Warning, Message = "send held back ({Reason}) for {Seconds:0.#} s")]
    public static partial void Held(ILogger logger, string reason, double seconds);

    [LoggerMessage(EventId = 117, Level = LogLevel.Information, Message = "meter: {Info}")]
    public static partial void MeterInfo(ILogger logger, string info);

    [LoggerMessage(EventId = 118, Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void MeterWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = 119, Level = LogLevel.Information, Message = "history {Day}: {Problem}; repeating")]
    public static partial void HistoryRepeat(ILogger logger, string day, string problem);

    [LoggerMessage(EventId = 120, Level = LogLevel.Debug, Message = "INFC TID {Tid:X4} answered with INFC_Res")]
    public static partial void InfcAnswered(ILogger logger, ushort tid);

    [LoggerMessage(EventId = 121, Level = LogLevel.Information, Message = "closing the session{Terminate}")]
    public static partial void Closing(ILogger logger, string terminate);

    [LoggerMessage(EventId = 122, Level = LogLevel.Debug, Message = "notification {Esv} TID {Tid:X4} from {Source}: {Properties}")]
    public static partial void Notification(ILogger logger, string esv, ushort tid, string source, string properties);

    [LoggerMessage(EventId = 123, Level = LogLevel.Warning, Message = "the dongle was in the middle of a command (an SKSENDTO a previous program did not finish?): brought back to its prompt")]
    public static partial void PromptRecovered(ILogger logger);

    [LoggerMessage(EventId = 124, Level = LogLevel.Information, Message = "the dongle says its transmission limit is active (SFB = 1): nothing is sent until EVENT 33")]
    public static partial void TransmitLimitActiveAtOpen(ILogger logger);

    [LoggerMessage(EventId = 125, Level = LogLevel.Information, Message = "TID {Tid:X4}: no reply to a Get of {Count} EPCs within {Seconds:0.#} s, more than the meter ever answered in full: halving it")]
    public static partial void ProbeSilent(ILogger logger, ushort tid, int count, double seconds);

    [LoggerMessage(EventId = 126, Level = LogLevel.Debug, Message = "using the meter capabilities remembered with its PAN: {Capabilities}; checked against its answers")]
    public static partial void CapabilitiesRemembered(ILogger logger, string capabilities);

    [LoggerMessage(EventId = 127, Level = LogLevel.Debug, Message = "the remembered meter capabilities disagree with the meter ({Reason}): dropped, relearning")]
    public static partial void CapabilitiesDropped(ILogger logger, string reason);
}
