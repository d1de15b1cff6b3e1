using System.Diagnostics.CodeAnalysis;
using BRoute.EchonetLite.Frames;

namespace BRoute.EchonetLite.Objects;

/// <summary>
/// Node-profile instance lists: 0xD5 (instance list notification) and 0xD6 (self-node instance list S).
/// Layout: count n (0–84), then n EOJs of 3 bytes (echonet-lite.md §8).
/// </summary>
public static class InstanceListCodec
{
    /// <summary>Most instances one list can carry: 1 + 84 × 3 = 253 bytes.</summary>
    public const int MaxInstances = 84;

    /// <summary>Encodes an instance list.</summary>
    /// <exception cref="ArgumentException">More than 84 instances.</exception>
    public static byte[] Encode(IReadOnlyList<Eoj> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        if (instances.Count > MaxInstances)
        {
            throw new ArgumentException($"an instance list holds at most {MaxInstances} EOJs, got {instances.Count}", nameof(instances));
        }

        var bytes = new byte[1 + (3 * instances.Count)];
        bytes[0] = (byte)instances.Count;
        for (var i = 0; i < instances.Count; i++)
        {
            bytes[1 + (3 * i)] = instances[i].ClassGroup;
            bytes[2 + (3 * i)] = instances[i].Class;
            bytes[3 + (3 * i)] = instances[i].Instance;
        }

        return bytes;
    }

    /// <summary>Decodes an instance list.</summary>
    /// <exception cref="EchonetFormatException">Not a valid instance list; the offset is within the EDT.</exception>
    public static Eoj[] Decode(ReadOnlySpan<byte> edt) =>
        TryDecode(edt, out var instances, out var error) ? instances : throw error;

    /// <summary>Decodes an instance list; rejects an empty EDT, a count above 84 and a length other than 1 + 3 × count.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> edt, [NotNullWhen(true)] out Eoj[]? instances, [NotNullWhen(false)] out EchonetFormatException? error)
    {
        instances = null;
        if (edt.IsEmpty)
        {
            error = new EchonetFormatException("instance list is empty; it needs at least the count byte", 0);
            return false;
        }

        int count = edt[0];
        if (count > MaxInstances)
        {
            error = new EchonetFormatException($"instance list count is {count}; at most {MaxInstances} instances fit", 0);
            return false;
        }

        if (edt.Length != 1 + (3 * count))
        {
            error = new EchonetFormatException(
                $"instance list counts {count} EOJ(s), so it must be {1 + (3 * count)} byte(s) long, but it is {edt.Length}", 0);
            return false;
        }

        instances = count == 0 ? [] : new Eoj[count];
        for (var i = 0; i < count; i++)
        {
            instances[i] = new Eoj(edt[1 + (3 * i)], edt[2 + (3 * i)], edt[3 + (3 * i)]);
        }

        error = null;
        return true;
    }
}
