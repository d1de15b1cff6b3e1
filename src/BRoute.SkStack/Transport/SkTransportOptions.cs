namespace BRoute.SkStack.Transport;

/// <summary>How to open a device string.</summary>
public sealed record SkTransportOptions
{
    /// <summary>Serial speed; SKSTACK dongles default to 115200 (8N1).</summary>
    public int BaudRate { get; init; } = 115200;

    /// <summary>
    /// Use RTS/CTS hardware flow control (some modules ship with flow control on: RUART → <c>OK 80</c>). Off by default:
    /// DTR, RTS and handshaking fail on pseudo-terminals.
    /// </summary>
    public bool RtsCts { get; init; }

    /// <summary>Limit for establishing a TCP connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Clock for the connect timeout (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
