using System.Globalization;
using System.Net;

namespace BRoute.SkStack.Items;

/// <summary><c>EVER &lt;version&gt;</c> (reply to SKVER), e.g. <c>1.2.10</c>.</summary>
public sealed record SkVersionLine(string Version) : SkItem;

/// <summary><c>EAPPVER &lt;version&gt;</c> (reply to SKAPPVER), e.g. <c>rev26e</c>.</summary>
public sealed record SkAppVersionLine(string Version) : SkItem;

/// <summary><c>ESREG &lt;value&gt;</c> (reply to SKSREG read), the value as printed.</summary>
public sealed record SkRegisterValue(string Value) : SkItem;

/// <summary>
/// <c>EINFO &lt;IPADDR&gt; &lt;ADDR64&gt; &lt;CHANNEL&gt; &lt;PANID&gt; &lt;5th&gt;</c>. The 5th token is an ADDR16 on A1
/// (e.g. <c>FFFE</c>) and a single side digit on C0/C2 (skstack.md §3, §10 item 1).
/// </summary>
public sealed record SkInfo(IPAddress Address, ulong Mac, byte Channel, ushort PanId, string Fifth) : SkItem
{
    /// <summary>The 5th token read as ADDR16 when it is 4 hex digits (A1 form).</summary>
    public ushort? Addr16 => Fifth.Length == 4 && ushort.TryParse(Fifth, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>The 5th token read as a side digit when it is one digit (C0/C2 form).</summary>
    public int? Side => Fifth.Length == 1 && char.IsAsciiDigit(Fifth[0]) ? Fifth[0] - '0' : null;
}

/// <summary><c>EPONG &lt;IPADDR&gt;</c> (answer to SKPING); some dual-side firmware may append a side digit.</summary>
public sealed record SkPong(IPAddress Address, int? Side) : SkItem;

/// <summary>A line holding only an IPv6 address: the SKLL64 reply, and each row of an EADDR table.</summary>
public sealed record SkAddressLine(IPAddress Address) : SkItem;

/// <summary>A table header line written by SKTABLE: <c>EADDR</c>, <c>ENEIGHBOR</c>, <c>ENBR</c>, <c>ESEC</c>, <c>EPORT</c>, <c>EHANDLE</c>.</summary>
public sealed record SkTableHeader(string Name) : SkItem;

/// <summary>An ENEIGHBOR row: <c>&lt;IPADDR&gt; &lt;ADDR64&gt; &lt;ADDR16&gt;</c>.</summary>
public sealed record SkNeighborEntry(IPAddress Address, ulong Mac, ushort Addr16) : SkItem;

/// <summary>Any other row inside a table (EPORT ports, EHANDLE, ESEC …), as text.</summary>
public sealed record SkTableRow(string Text) : SkItem;
