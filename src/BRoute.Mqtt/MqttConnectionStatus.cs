namespace BRoute.Mqtt;

/// <summary>What the publisher's link to the broker is doing.</summary>
public enum MqttConnectionState
{
    /// <summary>Not started yet, or connecting for the first time.</summary>
    Connecting,

    /// <summary>Connected; values and half-hours are published.</summary>
    Connected,

    /// <summary>The broker cannot be reached or refused us; retrying at <see cref="MqttConnectionStatus.NextAttemptAt"/>. Values coalesce, half-hours wait in the outbox.</summary>
    Disconnected,

    /// <summary>Stopped by the caller.</summary>
    Stopped,
}

/// <summary>The publisher's link to the broker, for logs, <c>broute status</c> and tests. Never holds the password.</summary>
/// <param name="State">What the link is doing.</param>
/// <param name="Since">When this state began.</param>
/// <param name="Problem">Plain words for a person when disconnected: what failed and what to check; null otherwise.</param>
/// <param name="Failures">Failed attempts in a row.</param>
/// <param name="NextAttemptAt">When the next connect attempt is due, while disconnected.</param>
public sealed record MqttConnectionStatus(
    MqttConnectionState State,
    DateTimeOffset Since,
    string? Problem = null,
    int Failures = 0,
    DateTimeOffset? NextAttemptAt = null);
