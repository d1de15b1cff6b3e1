using System.Globalization;
using System.Net;
using System.Text;
using BRoute.SkStack.Grammar;

namespace BRoute.SkStack.Items;

/// <summary>
/// <c>EVENT &lt;NUM&gt; &lt;IPADDR&gt; [&lt;SIDE&gt;] [&lt;PARAM&gt;]</c> (skstack.md §5). <see cref="Side"/> is present on C0/C2
/// firmware; <see cref="Address"/> is null for EVENT C0.
/// </summary>
public sealed record SkEvent(SkEventCode Code, IPAddress? Address, int? Side, byte? Parameter) : SkItem
{
    /// <summary>For EVENT 21: the send result carried in PARAM.</summary>
    public UdpSendResult? SendResult => Code == SkEventCode.UdpSendFinished && Parameter is { } p ? (UdpSendResult)p : null;

    /// <inheritdoc />
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Code = ").Append(((byte)Code).ToString("X2", CultureInfo.InvariantCulture)).Append(' ').Append(Code);
        builder.Append(", Address = ").Append(Address).Append(", Side = ").Append(Side).Append(", Parameter = ").Append(Parameter);
        return true;
    }
}
