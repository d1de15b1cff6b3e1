using System.Buffers.Binary;
using System.Net;

namespace BRoute.SkStack.Parsing;

/// <summary>
/// A few recently seen IPv6 addresses, so that parsing the meter's and the dongle's addresses on every line does not
/// allocate a new <see cref="IPAddress"/>. One per reader; not thread-safe.
/// </summary>
public sealed class SkAddressCache
{
    private const int Size = 4;
    private readonly UInt128[] _keys = new UInt128[Size];
    private readonly IPAddress?[] _addresses = new IPAddress?[Size];
    private int _next;

    /// <summary>Returns the cached instance for these 16 bytes, or a new one (then cached).</summary>
    public IPAddress Get(ReadOnlySpan<byte> bytes16)
    {
        var key = BinaryPrimitives.ReadUInt128BigEndian(bytes16);
        for (var i = 0; i < Size; i++)
        {
            if (_addresses[i] is { } cached && _keys[i] == key)
            {
                return cached;
            }
        }

        var address = new IPAddress(bytes16);
        _keys[_next] = key;
        _addresses[_next] = address;
        _next = (_next + 1) % Size;
        return address;
    }
}
