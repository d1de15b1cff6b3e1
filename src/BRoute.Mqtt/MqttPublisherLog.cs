using Microsoft.Extensions.Logging;

namespace BRoute.Mqtt;

/// <summary>The publisher's log lines. None holds the password.</summary>
internal static partial class MqttPublisherLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "MQTT: connected to {Broker}")]
    public static partial void Connected(ILogger logger, string broker);

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning, Message = "MQTT: {Problem}; retrying in {Delay}")]
    public static partial void ConnectFailed(ILogger logger, string problem, TimeSpan delay);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning, Message = "MQTT: lost the broker: {Problem}")]
    public static partial void Lost(ILogger logger, string problem);

    [LoggerMessage(EventId = 603, Level = LogLevel.Warning, Message = "MQTT: publishing failed, will retry: {Problem}")]
    public static partial void PublishFailed(ILogger logger, string problem);

    [LoggerMessage(EventId = 604, Level = LogLevel.Information, Message = "MQTT: Home Assistant came online; discovery and states sent again")]
    public static partial void HomeAssistantOnline(ILogger logger);

    [LoggerMessage(EventId = 605, Level = LogLevel.Information, Message = "MQTT: cleared discovery and retained topics of meter {MeterId}")]
    public static partial void Cleared(ILogger logger, string meterId);

    [LoggerMessage(EventId = 606, Level = LogLevel.Debug, Message = "MQTT: skipped an event ({Reason})")]
    public static partial void Skipped(ILogger logger, string reason);
}
