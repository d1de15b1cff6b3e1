using CsCheck;

namespace BRoute.Fuzz.Inputs;

/// <summary>
/// Byte-level mutations of a seed input, as generators: overwrite, delete, insert, duplicate a range, flip a bit,
/// put a protocol-significant byte (CR, LF, space, hex digit, 0x00, 0xFF), or splice in part of another seed.
/// </summary>
public static class Mutator
{
    private static readonly byte[] Interesting = "\r\n 0F9AfE:"u8.ToArray().Concat(new byte[] { 0x00, 0x7F, 0x80, 0xFF }).ToArray();

    private enum Kind
    {
        Overwrite,
        Delete,
        Insert,
        Duplicate,
        FlipBit,
        Interesting,
        Splice,
    }

    private static readonly Gen<(Kind Kind, int At, int Length, byte[] Bytes)> OneMutation =
        Gen.Select(
            Gen.Enum<Kind>(),
            Gen.Int[0, int.MaxValue],
            Gen.Frequency((6, Gen.Int[1, 8]), (3, Gen.Int[1, 64]), (1, Gen.Int[1, 4096])),
            Gen.Byte.Array[1, 16]);

    /// <summary>1–<paramref name="maxMutations"/> mutations of one of <paramref name="seeds"/>.</summary>
    public static Gen<byte[]> Of(IReadOnlyList<byte[]> seeds, int maxMutations = 8) =>
        Gen.Select(Gen.Int[0, seeds.Count - 1], Gen.Int[0, seeds.Count - 1], OneMutation.Array[1, maxMutations])
            .Select(t => Apply(seeds[t.Item1], seeds[t.Item2], t.Item3));

    /// <summary>Applies the mutations in order (positions are taken modulo the current length).</summary>
    private static byte[] Apply(byte[] seed, byte[] other, (Kind Kind, int At, int Length, byte[] Bytes)[] mutations)
    {
        var data = new List<byte>(seed);
        foreach (var (kind, at, length, bytes) in mutations)
        {
            var position = data.Count == 0 ? 0 : at % (data.Count + 1);
            var count = Math.Min(length, data.Count - position);
            switch (kind)
            {
                case Kind.Overwrite:
                    for (var i = 0; i < bytes.Length && position + i < data.Count; i++)
                    {
                        data[position + i] = bytes[i];
                    }

                    break;
                case Kind.Delete:
                    data.RemoveRange(position, count);
                    break;
                case Kind.Insert:
                    data.InsertRange(position, bytes);
                    break;
                case Kind.Duplicate:
                    data.InsertRange(position, data.GetRange(position, Math.Min(count, 4096)));
                    break;
                case Kind.FlipBit when position < data.Count:
                    data[position] ^= (byte)(1 << (length & 7));
                    break;
                case Kind.Interesting when position < data.Count:
                    data[position] = Interesting[length % Interesting.Length];
                    break;
                case Kind.Splice:
                    var from = other.Length == 0 ? 0 : at % other.Length;
                    data.InsertRange(position, other.AsSpan(from, Math.Min(length, other.Length - from)).ToArray());
                    break;
            }
        }

        return [.. data];
    }
}
