using BRoute.Scanning;

namespace BRoute.Monitoring;

/// <summary>What a monitor's link to its meter is doing.</summary>
public enum MonitorStateKind
{
    /// <summary>Opening the dongle, scanning or joining (first time or after a failure).</summary>
    Connecting,

    /// <summary>The PANA session is up and readings flow.</summary>
    Connected,

    /// <summary>EVENT 29: the module re-authenticates; readings resume by themselves.</summary>
    Reauthenticating,

    /// <summary>The meter or the dongle cannot be reached since <see cref="MonitorState.Since"/>; the monitor keeps trying.</summary>
    Outage,

    /// <summary>EVENT 32 (or our own budget): no sending until <see cref="MonitorState.Until"/> at the latest.</summary>
    TransmitPaused,

    /// <summary>The meter refused the credentials (EVENT 24 after PANA contact); retried after a long backoff.</summary>
    AuthenticationRefused,

    /// <summary>The monitor was stopped (cancelled or disposed).</summary>
    Stopped,
}

/// <summary>
/// A state of a monitor's link, emitted once per change.
/// </summary>
/// <param name="MeterId">The meter's identity; null before the first PAN is known.</param>
/// <param name="Kind">What the link is doing.</param>
/// <param name="Since">When this state began.</param>
/// <param name="Until">When it ends at the latest, where known (transmit pause, next retry after a refusal).</param>
/// <param name="Pan">The meter's PAN when connected.</param>
/// <param name="DongleFamily">The dongle's family name when known ("bp35a1", …).</param>
/// <param name="Reason">Plain words for a person: what happened and what the monitor does next. Never holds credentials.</param>
public sealed record MonitorState(
    string? MeterId,
    MonitorStateKind Kind,
    DateTimeOffset Since,
    DateTimeOffset? Until = null,
    MeterPan? Pan = null,
    string? DongleFamily = null,
    string? Reason = null);
