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

    /// <summary>The length of the full form SKSTACK prints, "FE80:0000:0000:0000:021D:1290:1234:5678".</summary>
    internal const int FullFormLength = 39;

    private readonly UInt128[] _keys = new UInt128[Size];
    private readonly IPAddress?[] _addresses = new IPAddress?[Size];
    private readonly byte[] _texts = new byte[Size * FullFormLength];
    private readonly bool[] _hasText = new bool[Size];
    private int _next;

    /// <summary>
    /// The cached instance for an address in its full form exactly as it was seen before (<see cref="Remember"/>), so a
    /// repeated sender is not parsed again; false when this text was not seen.
    /// </summary>
    internal bool TryGet(ReadOnlySpan<byte> fullForm, out IPAddress? address)
    {
        for (var i = 0; i < Size; i++)
        {
            if (_hasText[i] && _texts.AsSpan(i * FullFormLength, FullFormLength).SequenceEqual(fullForm))
            {
                address = _addresses[i];
                return true;
            }
        }

        address = null;
        return false;
    }

    /// <summary>As <see cref="Get"/>, and remembers the full form it was parsed from for <see cref="TryGet"/>.</summary>
    internal IPAddress Remember(ReadOnlySpan<byte> bytes16, ReadOnlySpan<byte> fullForm)
    {
        var at = Slot(bytes16);
        fullForm.CopyTo(_texts.AsSpan(at * FullFormLength, FullFormLength));
        _hasText[at] = true;
        return _addresses[at]!;
    }

    /// <summary>Returns the cached instance for these 16 bytes, or a new one (then cached).</summary>
    public IPAddress Get(ReadOnlySpan<byte> bytes16) => _addresses[Slot(bytes16)]!;

    private int Slot(ReadOnlySpan<byte> bytes16)
    {
        var key = BinaryPrimitives.ReadUInt128BigEndian(bytes16);
        for (var i = 0; i < Size; i++)
        {
            if (_addresses[i] is not null && _keys[i] == key)
            {
                return i;
            }
        }

        var at = _next;
        _keys[at] = key;
        _addresses[at] = new IPAddress(bytes16);
        _hasText[at] = false;
        _next = (_next + 1) % Size;
        return at;
    }
}
