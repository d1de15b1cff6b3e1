using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Text;
using BRoute.EchonetLite.Frames;

namespace BRoute.EchonetLite.Objects;

/// <summary>
/// A property map (EPC 0x9D, 0x9E, 0x9F; also 0x9B/0x9C): a set of EPCs in 0x80–0xFF
/// (echonet-lite.md §7). Value type, allocation-free; equality is set equality.
/// </summary>
/// <remarks>
/// Wire forms: fewer than 16 EPCs → count byte + the EPCs (ascending when we encode);
/// 16 or more → count byte + 16-byte bitmap where byte i bit j ⇔ EPC 0x80 + 0x10·j + i.
/// </remarks>
public readonly struct PropertyMap : IEquatable<PropertyMap>
{
    /// <summary>Count at and above which the bitmap form is used.</summary>
    public const int BitmapThreshold = 16;

    /// <summary>Length of the bitmap form: count byte + 16 bytes.</summary>
    public const int BitmapFormLength = 17;

    /// <summary>Bit k set ⇔ EPC 0x80 + k is present (k 0–63 in low, 64–127 in high).</summary>
    private readonly ulong low;
    private readonly ulong high;

    private PropertyMap(ulong low, ulong high)
    {
        this.low = low;
        this.high = high;
    }

    /// <summary>The empty map.</summary>
    public static PropertyMap Empty => default;

    /// <summary>Number of EPCs in the map (0–128).</summary>
    public int Count => BitOperations.PopCount(low) + BitOperations.PopCount(high);

    /// <summary>Builds a map from EPCs; duplicates collapse.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An EPC is below 0x80.</exception>
    public static PropertyMap Create(params ReadOnlySpan<byte> epcs)
    {
        var map = default(PropertyMap);
        foreach (var epc in epcs)
        {
            map = map.Add(epc);
        }

        return map;
    }

    /// <summary>Builds a map from EPCs; duplicates collapse.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An EPC is below 0x80.</exception>
    public static PropertyMap Create(IEnumerable<byte> epcs)
    {
        ArgumentNullException.ThrowIfNull(epcs);
        var map = default(PropertyMap);
        foreach (var epc in epcs)
        {
            map = map.Add(epc);
        }

        return map;
    }

    /// <summary>A copy of this map with <paramref name="epc"/> added.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epc"/> is below 0x80.</exception>
    public PropertyMap Add(byte epc)
    {
        if (epc < 0x80)
        {
            throw new ArgumentOutOfRangeException(nameof(epc), $"EPC 0x{epc:X2} is outside 0x80–0xFF and cannot be in a property map");
        }

        var k = epc - 0x80;
        return k < 64 ? new PropertyMap(low | (1UL << k), high) : new PropertyMap(low, high | (1UL << (k - 64)));
    }

    /// <summary>True if the map lists <paramref name="epc"/>.</summary>
    public bool Contains(byte epc)
    {
        if (epc < 0x80)
        {
            return false;
        }

        var k = epc - 0x80;
        return k < 64 ? (low & (1UL << k)) != 0 : (high & (1UL << (k - 64))) != 0;
    }

    /// <summary>The EPCs in ascending order.</summary>
    public byte[] ToArray()
    {
        var result = new byte[Count];
        var n = 0;
        for (var epc = 0x80; epc <= 0xFF; epc++)
        {
            if (Contains((byte)epc))
            {
                result[n++] = (byte)epc;
            }
        }

        return result;
    }

    /// <summary>Bytes <see cref="Encode(Span{byte})"/> writes: 1 + count, or 17 in bitmap form.</summary>
    public int EncodedLength => Count < BitmapThreshold ? 1 + Count : BitmapFormLength;

    /// <summary>Encodes the map into a new array (the EDT of 0x9D/0x9E/0x9F).</summary>
    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        Encode(bytes);
        return bytes;
    }

    /// <summary>Encodes the map; returns the number of bytes written.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="EncodedLength"/>.</exception>
    public int Encode(Span<byte> destination)
    {
        var length = EncodedLength;
        if (destination.Length < length)
        {
            throw new ArgumentException($"property map needs {length} bytes, destination has {destination.Length}", nameof(destination));
        }

        var count = Count;
        destination[0] = (byte)count;
        if (count < BitmapThreshold)
        {
            var n = 1;
            for (var epc = 0x80; epc <= 0xFF; epc++)
            {
                if (Contains((byte)epc))
                {
                    destination[n++] = (byte)epc;
                }
            }
        }
        else
        {
            destination.Slice(1, 16).Clear();
            for (var epc = 0x80; epc <= 0xFF; epc++)
            {
                if (Contains((byte)epc))
                {
                    var i = epc & 0x0F;
                    var j = (epc - 0x80) >> 4;
                    destination[1 + i] |= (byte)(1 << j);
                }
            }
        }

        return length;
    }

    /// <summary>Decodes a property-map EDT.</summary>
    /// <exception cref="EchonetFormatException">The EDT is not a valid property map; the offset is within the EDT.</exception>
    public static PropertyMap Decode(ReadOnlySpan<byte> edt) =>
        TryDecode(edt, out var map, out var error) ? map : throw error;

    /// <summary>
    /// Decodes a property-map EDT. Rejects: empty EDT; a length that does not fit the count
    /// (1 + count for count &lt; 16, exactly 17 for 16 or more); EPCs below 0x80 or listed twice;
    /// a bitmap whose number of set bits differs from the count byte.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> edt, out PropertyMap map, [NotNullWhen(false)] out EchonetFormatException? error)
    {
        map = default;
        if (edt.IsEmpty)
        {
            error = new EchonetFormatException("property map is empty; it needs at least the count byte", 0);
            return false;
        }

        int count = edt[0];
        if (count < BitmapThreshold)
        {
            if (edt.Length != 1 + count)
            {
                error = new EchonetFormatException(
                    $"property map lists {count} EPC(s), so it must be {1 + count} byte(s) long, but it is {edt.Length}", 0);
                return false;
            }

            for (var n = 1; n < edt.Length; n++)
            {
                var epc = edt[n];
                if (epc < 0x80)
                {
                    error = new EchonetFormatException($"property map lists EPC 0x{epc:X2}, outside 0x80–0xFF", n);
                    return false;
                }

                if (map.Contains(epc))
                {
                    error = new EchonetFormatException($"property map lists EPC 0x{epc:X2} twice", n);
                    return false;
                }

                map = map.Add(epc);
            }

            error = null;
            return true;
        }

        if (edt.Length != BitmapFormLength)
        {
            error = new EchonetFormatException(
                $"property map counts {count} EPCs (bitmap form), so it must be {BitmapFormLength} bytes long, but it is {edt.Length}", 0);
            return false;
        }

        ulong lo = 0, hi = 0;
        for (var i = 0; i < 16; i++)
        {
            var bits = edt[1 + i];
            for (var j = 0; j < 8; j++)
            {
                if ((bits & (1 << j)) != 0)
                {
                    var k = (j << 4) | i;
                    if (k < 64)
                    {
                        lo |= 1UL << k;
                    }
                    else
                    {
                        hi |= 1UL << (k - 64);
                    }
                }
            }
        }

        var decoded = new PropertyMap(lo, hi);
        if (decoded.Count != count)
        {
            error = new EchonetFormatException($"property map count byte says {count} but the bitmap has {decoded.Count} bit(s) set", 0);
            return false;
        }

        map = decoded;
        error = null;
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(PropertyMap other) => low == other.low && high == other.high;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PropertyMap other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(low, high);

    public static bool operator ==(PropertyMap left, PropertyMap right) => left.Equals(right);

    public static bool operator !=(PropertyMap left, PropertyMap right) => !left.Equals(right);

    /// <summary>E.g. "[0x80, 0xE7]".</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("[");
        foreach (var epc in ToArray())
        {
            if (sb.Length > 1)
            {
                sb.Append(", ");
            }

            sb.Append("0x").Append(epc.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.Append(']').ToString();
    }
}
