using BRoute.Fuzz.Inputs;
using BRoute.SkStack.Items;
using BRoute.SkStack.Reading;
using CsCheck;

namespace BRoute.Fuzz.Targets;

/// <summary>
/// The SKSTACK reader (<see cref="SkReader"/>) over byte streams in arbitrary chunks, every chunk its own buffer
/// segment. Properties: no exception, every read completes without waiting on a pipe that never waits, at most one
/// item per byte (+1), the bytes held while waiting stay under the caps, and valid output reads back exactly.
/// </summary>
public static class ReaderTargets
{
    /// <summary>The reader's default caps: 4096-byte lines, 2048-byte ERXUDP data.</summary>
    private static readonly SkReaderOptions Caps = new();

    /// <summary>A capped line, an ASCII payload at the cap and nine header tokens of at most 48 bytes each.</summary>
    private static readonly long BufferBound = Caps.MaxLineLength + (2L * Caps.MaxPayloadLength) + (9 * 49) + 16;

    /// <summary>Generated valid output, any layout and data mode, any chunking: the items come back exactly.</summary>
    public static FuzzTarget RoundTrip { get; } = new FuzzTarget<(SkLine[] Lines, int[] Chunks)>(
        "reader-roundtrip",
        "generated ERXUDP (9/10/11 tokens, ASCII and binary with CR/LF in the data), OK and FAIL lines, random chunking: exact items back",
        Gen.Select(SkStreams.Valid, SkStreams.Chunking),
        t =>
        {
            var data = t.Lines.SelectMany(l => l.Bytes).ToArray();
            var items = ReadAll(data, t.Chunks, out _);
            Expect.That(items.Count == t.Lines.Length, $"{t.Lines.Length} lines gave {items.Count} items: {string.Join(", ", items.Take(5))}");
            for (var i = 0; i < items.Count; i++)
            {
                var line = t.Lines[i];
                var ok = (items[i], line.Payload) switch
                {
                    (Erxudp e, byte[] payload) => e.Data.Span.SequenceEqual(payload),
                    (SkFail, null) => line.Fail,
                    (SkOk, null) => !line.Fail,
                    _ => false,
                };
                Expect.That(ok, $"item {i} is {items[i]}, expected {(line.Payload is { } p ? $"ERXUDP with {p.Length} data bytes" : line.Fail ? "FAIL" : "OK")}");
            }
        });

    /// <summary>Mutated golden streams plus hostile lines, any chunking: no exception, no hang, bounded memory.</summary>
    public static FuzzTarget Mutated { get; } = new FuzzTarget<(byte[] Data, int[] Chunks)>(
        "reader-mutated",
        "mutations of seed-trace.log and the golden ERXUDP lines (ASCII and binary), plus over-long/unterminated lines and DATALEN at the cap: no exception, bounded",
        Gen.Select(
            Gen.Frequency(
                (8, Mutator.Of(SkStreams.Seeds)),
                (2, Gen.Select(Mutator.Of(SkStreams.Seeds, 3), SkStreams.Hostile(Caps.MaxLineLength, Caps.MaxPayloadLength), Mutator.Of(SkStreams.Seeds, 2))
                    .Select(p => (byte[])[.. p.Item1, .. p.Item2, .. p.Item3]))),
            SkStreams.Chunking),
        t => Robust(t.Data, t.Chunks));

    /// <summary>Random bytes and random token soup, any chunking.</summary>
    public static FuzzTarget Random { get; } = new FuzzTarget<(byte[] Data, int[] Chunks)>(
        "reader-random",
        "random bytes, any chunking: no exception, bounded",
        Gen.Select(Gen.Byte.Array[0, 2000], SkStreams.Chunking),
        t => Robust(t.Data, t.Chunks));

    private static void Robust(byte[] data, int[] chunks)
    {
        var items = ReadAll(data, chunks, out var reader);
        Expect.That(items.Count <= data.Length + 1, $"{items.Count} items from {data.Length} bytes");
        Expect.That(reader.Statistics.MaxBufferedBytes <= BufferBound, $"held {reader.Statistics.MaxBufferedBytes} bytes (bound {BufferBound})");
        foreach (var item in items)
        {
            switch (item)
            {
                case Erxudp e:
                    Expect.That(e.Data.Length <= Caps.MaxPayloadLength, $"ERXUDP with {e.Data.Length} data bytes past the cap");
                    break;
                case SkGarbledLine g:
                    Expect.That(g.Preview.Length <= 200, $"garbled preview of {g.Preview.Length} characters");
                    break;
            }
        }

        Expect.That(items.Count == reader.Statistics.Items, "item counter differs from the items read");
    }

    private static List<SkItem> ReadAll(byte[] data, int[] chunks, out SkReader reader)
    {
        var pipe = ChunkedPipeReader.InPattern(data, chunks);
        reader = new SkReader(pipe, Caps);
        var items = new List<SkItem>();
        while (true)
        {
            var pending = reader.ReadAsync(CancellationToken.None);
            Expect.That(pending.IsCompleted, "the reader waited on a pipe that never waits");
            if (pending.Result is not { } item)
            {
                break;
            }

            items.Add(item);
            Expect.That(items.Count <= data.Length + 1, $"runaway reader: {items.Count} items from {data.Length} bytes");
        }

        Expect.That(pipe.MaxShown <= BufferBound + chunks.Max(), $"the pipe showed {pipe.MaxShown} bytes at once");
        return items;
    }
}
