using System.Globalization;
using System.Net;
using System.Text;
using BRoute.SkStack.Grammar;

namespace BRoute.SkStack.Items;

/// <summary>
/// A received UDP datagram: <c>ERXUDP</c> in any of the 9-, 10- or 11-token layouts (skstack.md §7), its data read by
/// the DATALEN field in ASCII-hex or binary mode. Addresses may be shared instances from the reader's small cache.
/// </summary>
public sealed record Erxudp(
    IPAddress Sender,
    IPAddress Destination,
    ushort SenderPort,
    ushort DestinationPort,
    ulong SenderMac,
    bool Secured,
    int? Side,
    byte? Rssi,
    ReadOnlyMemory<byte> Data,
    ErxudpLayout Layout,
    ErxudpDataMode DataMode) : SkItem
{
    /// <summary>The sender MAC as 16 upper-case hex digits, as printed on the wire.</summary>
    public string SenderMacText => SenderMac.ToString("X16", CultureInfo.InvariantCulture);

    /// <summary>Equality compares the data bytes, not the buffer identity.</summary>
    public bool Equals(Erxudp? other) =>
        other is not null
        && Sender.Equals(other.Sender) && Destination.Equals(other.Destination)
        && SenderPort == other.SenderPort && DestinationPort == other.DestinationPort
        && SenderMac == other.SenderMac && Secured == other.Secured && Side == other.Side && Rssi == other.Rssi
        && Layout == other.Layout && DataMode == other.DataMode
        && Data.Span.SequenceEqual(other.Data.Span);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Sender, SenderPort, DestinationPort, SenderMac, Data.Length);

    /// <inheritdoc />
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Sender = ").Append(Sender).Append(", Destination = ").Append(Destination)
            .Append(", SenderPort = ").Append(SenderPort).Append(", DestinationPort = ").Append(DestinationPort)
            .Append(", SenderMac = ").Append(SenderMacText).Append(", Secured = ").Append(Secured)
            .Append(", Side = ").Append(Side).Append(", Rssi = ").Append(Rssi)
            .Append(", Layout = ").Append(Layout).Append(", DataMode = ").Append(DataMode)
            .Append(", Data = ").Append(Convert.ToHexString(Data.Span));
        return true;
    }
}
