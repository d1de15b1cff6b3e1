using BRoute.SkStack.Commands;

namespace BRoute.SkStack.Device;

/// <summary>SKSENDTO arguments other than destination and payload; defaults are the B-route ones.</summary>
public sealed record SkSendOptions
{
    /// <summary>The defaults: handle 1, port 3610 (0E1A), encrypted, side 0 (B-route).</summary>
    public static SkSendOptions Default { get; } = new();

    /// <summary>UDP handle 1–6 (1 is bound to 3610).</summary>
    public int Handle { get; init; } = 1;

    /// <summary>Destination port.</summary>
    public ushort Port { get; init; } = 0x0E1A;

    /// <summary>SEC argument.</summary>
    public SkSendSecurity Security { get; init; } = SkSendSecurity.Encrypted;

    /// <summary>SIDE value used when the dialect takes the argument (0 = B-route).</summary>
    public int Side { get; init; }
}
