namespace BRoute.SkStack.Items;

/// <summary>
/// The <c>EPANDESC</c> block (skstack.md §6): Channel, Channel Page, Pan ID, Addr, LQI, then Side (C0/C2) and PairID
/// (only for scan mode 2). Channel and PAN ID are as printed (hex on the wire: <c>Channel:21</c> is channel 33).
/// </summary>
public sealed record SkPanDescription(byte Channel, byte ChannelPage, ushort PanId, ulong Mac, byte Lqi, int? Side, string? PairId) : SkItem
{
    /// <summary>RSSI in dBm from LQI: 0.275 × LQI − 104.27 (skstack.md §6).</summary>
    public double Rssi => (0.275 * Lqi) - 104.27;
}

/// <summary>One channel of an <c>EEDSCAN</c> block.</summary>
public readonly record struct SkChannelLqi(byte Channel, byte Lqi);

/// <summary>The <c>EEDSCAN</c> block: one <c>&lt;CH&gt; &lt;LQI&gt;</c> pair per scanned channel.</summary>
public sealed record SkEnergyScan(IReadOnlyList<SkChannelLqi> Channels) : SkItem
{
    /// <summary>Equality compares the pairs.</summary>
    public bool Equals(SkEnergyScan? other) => other is not null && Channels.SequenceEqual(other.Channels);

    /// <inheritdoc />
    public override int GetHashCode() => Channels.Count;

    /// <inheritdoc />
    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Channels = [").AppendJoin(' ', Channels.Select(c => $"{c.Channel:X2}:{c.Lqi:X2}")).Append(']');
        return true;
    }
}
