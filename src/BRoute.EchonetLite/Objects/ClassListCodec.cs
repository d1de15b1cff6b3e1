using System.Diagnostics.CodeAnalysis;
using BRoute.EchonetLite.Frames;

namespace BRoute.EchonetLite.Objects;

/// <summary>
/// Node-profile self-node class list S (0xD7): count n (0–8), then n two-byte class codes
/// (class group, class), not including the node profile class (echonet-lite.md §8).
/// </summary>
public static class ClassListCodec
{
    /// <summary>Most classes the list carries (17 bytes in all).</summary>
    public const int MaxClasses = 8;

    /// <summary>Encodes a class list; each entry is a class code such as 0x0288.</summary>
    /// <exception cref="ArgumentException">More than 8 classes.</exception>
    public static byte[] Encode(IReadOnlyList<ushort> classCodes)
    {
        ArgumentNullException.ThrowIfNull(classCodes);
        if (classCodes.Count > MaxClasses)
        {
            throw new ArgumentException($"a class list holds at most {MaxClasses} classes, got {classCodes.Count}", nameof(classCodes));
        }

        var bytes = new byte[1 + (2 * classCodes.Count)];
        bytes[0] = (byte)classCodes.Count;
        for (var i = 0; i < classCodes.Count; i++)
        {
            bytes[1 + (2 * i)] = (byte)(classCodes[i] >> 8);
            bytes[2 + (2 * i)] = (byte)classCodes[i];
        }

        return bytes;
    }

    /// <summary>Decodes a class list.</summary>
    /// <exception cref="EchonetFormatException">Not a valid class list; the offset is within the EDT.</exception>
    public static ushort[] Decode(ReadOnlySpan<byte> edt) =>
        TryDecode(edt, out var classes, out var error) ? classes : throw error;

    /// <summary>Decodes a class list; rejects an empty EDT, a count above 8 and a length other than 1 + 2 × count.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> edt, [NotNullWhen(true)] out ushort[]? classCodes, [NotNullWhen(false)] out EchonetFormatException? error)
    {
        classCodes = null;
        if (edt.IsEmpty)
        {
            error = new EchonetFormatException("class list is empty; it needs at least the count byte", 0);
            return false;
        }

        int count = edt[0];
        if (count > MaxClasses)
        {
            error = new EchonetFormatException($"class list count is {count}; at most {MaxClasses} classes fit", 0);
            return false;
        }

        if (edt.Length != 1 + (2 * count))
        {
            error = new EchonetFormatException(
                $"class list counts {count} class(es), so it must be {1 + (2 * count)} byte(s) long, but it is {edt.Length}", 0);
            return false;
        }

        classCodes = count == 0 ? [] : new ushort[count];
        for (var i = 0; i < count; i++)
        {
            classCodes[i] = (ushort)((edt[1 + (2 * i)] << 8) | edt[2 + (2 * i)]);
        }

        error = null;
        return true;
    }
}
