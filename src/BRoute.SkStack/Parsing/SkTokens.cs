using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;

namespace BRoute.SkStack.Parsing;

/// <summary>Token-level helpers over ASCII bytes (no allocation on success paths).</summary>
internal static class SkTokens
{
    internal static readonly SearchValues<byte> SpaceOrLineEnd = SearchValues.Create(" \r\n"u8);
    internal static readonly SearchValues<byte> HexDigits = SearchValues.Create("0123456789ABCDEFabcdef"u8);

    internal static bool IsHexDigit(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'F') or (>= (byte)'a' and <= (byte)'f');

    /// <summary>The value of a hex digit (0–15), or -1 for any other byte.</summary>
    internal static int HexValue(byte b) => HexValues[b];

    // HexValue's table: this runs for every digit of every address, port and MAC of a log's ERXUDP lines.
    private static ReadOnlySpan<sbyte> HexValues =>
    [
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -1, -1, -1, -1, -1,
        -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    ];

    internal static bool TryHex(ReadOnlySpan<byte> token, int minDigits, int maxDigits, out ulong value)
    {
        value = 0;
        if (token.Length < minDigits || token.Length > maxDigits)
        {
            return false;
        }

        foreach (var b in token)
        {
            var v = HexValue(b);
            if (v < 0)
            {
                return false;
            }

            value = (value << 4) | (uint)v;
        }

        return true;
    }

    internal static bool TryHexByte(ReadOnlySpan<byte> token, out byte value)
    {
        var ok = TryHex(token, 1, 2, out var v);
        value = (byte)v;
        return ok;
    }

    internal static bool TryHexUInt16(ReadOnlySpan<byte> token, int minDigits, out ushort value)
    {
        var ok = TryHex(token, minDigits, 4, out var v);
        value = (ushort)v;
        return ok;
    }

    internal static bool TryMac(ReadOnlySpan<byte> token, out ulong value) => TryHex(token, 16, 16, out value);

    internal static bool TryDecimal(ReadOnlySpan<byte> token, out int value) =>
        Utf8Parser.TryParse(token, out value, out var consumed) && consumed == token.Length && token.Length > 0;

    /// <summary>A single decimal digit 0–9 (the SIDE token).</summary>
    internal static bool TryDigit(ReadOnlySpan<byte> token, out int value)
    {
        value = token.Length == 1 && token[0] is >= (byte)'0' and <= (byte)'9' ? token[0] - '0' : -1;
        return value >= 0;
    }

    /// <summary>
    /// Parses an IPv6 token: the fixed 8×4-digit form SKSTACK prints (fast path, cached), or any compressed form.
    /// </summary>
    internal static bool TryIPv6(ReadOnlySpan<byte> token, SkAddressCache? cache, out IPAddress? address)
    {
        address = null;
        if (token.Length == SkAddressCache.FullFormLength)
        {
            if (cache is not null && cache.TryGet(token, out address))
            {
                return true;
            }

            Span<byte> bytes = stackalloc byte[16];
            var ok = true;
            for (var group = 0; ok && group < 8; group++)
            {
                var g = token.Slice(group * 5, 4);
                ulong v = 0;
                ok = (group == 7 || token[(group * 5) + 4] == (byte)':') && TryHex(g, 4, 4, out v);
                if (ok)
                {
                    bytes[group * 2] = (byte)(v >> 8);
                    bytes[(group * 2) + 1] = (byte)v;
                }
            }

            if (ok)
            {
                address = cache is null ? new IPAddress(bytes) : cache.Remember(bytes, token);
                return true;
            }
        }

        if (token.Length is < 2 or > 45 || token.IndexOf((byte)':') < 0)
        {
            return false;
        }

        if (IPAddress.TryParse(token, out var parsed) && parsed.AddressFamily == AddressFamily.InterNetworkV6)
        {
            address = parsed;
            return true;
        }

        return false;
    }
}
