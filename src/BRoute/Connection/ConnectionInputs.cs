using BRoute.Scanning;
using BRoute.SkStack.Grammar;

namespace BRoute.Connection;

/// <summary>Something that happened, fed to <see cref="ConnectionMachine.Step"/>.</summary>
internal abstract record ConnectionInput;

/// <summary>Connect: join <paramref name="CachedPan"/> if the cache had one, else scan.</summary>
internal sealed record Start(MeterPan? CachedPan) : ConnectionInput
{
    /// <summary>
    /// What is left of the quiet period after the last SKTERM to <see cref="CachedPan"/> (the session computes it from
    /// the PAN cache and its clock): the first SKJOIN waits this long. Zero or negative: join at once. Ignored without a cached PAN.
    /// </summary>
    public TimeSpan QuietFor { get; init; }

    /// <summary>The dongle reported its transmission limit active when opened (SFB = 1): start paused until EVENT 33.</summary>
    public bool TransmitLimited { get; init; }
}

/// <summary>The scan ladder found the meter.</summary>
internal sealed record ScanSucceeded(MeterPan Pan) : ConnectionInput;

/// <summary>The scan ladder is exhausted; <paramref name="Message"/> from <see cref="ScanPlan.ExhaustedError"/>.</summary>
internal sealed record ScanExhausted(string Message) : ConnectionInput;

/// <summary>An EVENT line from the dongle (only the session-level ones matter: 24–29, 32, 33).</summary>
internal sealed record SkEvent(SkEventCode Code) : ConnectionInput;

/// <summary>A timer armed by <see cref="StartTimer"/> expired.</summary>
internal sealed record TimerFired(TimerKind Kind, int Id) : ConnectionInput;

/// <summary>The serial/TCP link to the dongle broke (read error, EOF, device unplugged).</summary>
internal sealed record TransportLost : ConnectionInput;

/// <summary>A <see cref="ReopenTransport"/> succeeded (device open and initialised).</summary>
internal sealed record TransportReopened : ConnectionInput
{
    /// <summary>The reopened dongle reported its transmission limit active (SFB = 1): paused until its EVENT 33.</summary>
    public bool TransmitLimited { get; init; }
}

/// <summary>A <see cref="ReopenTransport"/> failed.</summary>
internal sealed record TransportReopenFailed : ConnectionInput;

/// <summary>The user stops the session.</summary>
internal sealed record Stop : ConnectionInput;
