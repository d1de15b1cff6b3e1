using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BRoute.SkStack.Grammar;

/// <summary>Address formats used on the SKSTACK serial line.</summary>
public static class SkAddress
{
    /// <summary>The IPv6 link-local all-nodes multicast address FF02::1.</summary>
    public static readonly IPAddress AllNodes = IPAddress.Parse("ff02::1");

    /// <summary>Formats an IPv6 address in SKSTACK's full form: 8 groups of 4 upper-case hex digits.</summary>
    public static string FormatIPv6(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException("an IPv6 address is required", nameof(address));
        }

        var bytes = address.GetAddressBytes();
        var chars = new char[39];
        var c = 0;
        for (var i = 0; i < 16; i++)
        {
            if (i > 0 && i % 2 == 0)
            {
                chars[c++] = ':';
            }

            bytes[i].TryFormat(chars.AsSpan(c), out _, "X2", CultureInfo.InvariantCulture);
            c += 2;
        }

        return new string(chars);
    }

    /// <summary>Parses an IPv6 address in any textual form (the full form on the wire, or compressed).</summary>
    public static bool TryParseIPv6(ReadOnlySpan<char> text, out IPAddress? address)
    {
        if (IPAddress.TryParse(text, out address) && address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return true;
        }

        address = null;
        return false;
    }

    /// <summary>
    /// True when both are IPv6 addresses with the same 16 bytes. Unlike <see cref="IPAddress.Equals(object)"/> the
    /// scope ID is ignored: SKSTACK prints link-local addresses without one, and a parsed or built address may carry one.
    /// </summary>
    public static bool SameIPv6(IPAddress? a, IPAddress? b)
    {
        if (a is null || b is null || a.AddressFamily != AddressFamily.InterNetworkV6 || b.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        Span<byte> x = stackalloc byte[16];
        Span<byte> y = stackalloc byte[16];
        return a.TryWriteBytes(x, out _) && b.TryWriteBytes(y, out _) && x.SequenceEqual(y);
    }

    /// <summary>
    /// The link-local address SKLL64 derives from a 64-bit MAC: FE80::, then the MAC with bit 0x02 of
    /// its first byte flipped (skstack.md §3).
    /// </summary>
    public static IPAddress LinkLocalFromMac(ulong mac)
    {
        Span<byte> bytes = stackalloc byte[16];
        bytes[0] = 0xFE;
        bytes[1] = 0x80;
        for (var i = 0; i < 8; i++)
        {
            bytes[8 + i] = (byte)(mac >> (56 - (8 * i)));
        }

        bytes[8] ^= 0x02;
        return new IPAddress(bytes);
    }
}
