using System.IO.Pipelines;
using BRoute.SkStack.Items;
using BRoute.SkStack.Reading;
using BRoute.SkStack.Tests.Support;
using CsCheck;

namespace BRoute.SkStack.Tests.Properties;

/// <summary>
/// Whatever bytes arrive, in whatever chunks: no exception leaves the reader, it always finishes (every read is
/// synchronous on the scripted pipe and every item consumes input), and memory stays within the caps.
/// </summary>
public class ReaderPropertyTests
{
    private static readonly SkReaderOptions Caps = new() { MaxLineLength = 256, MaxPayloadLength = 64 };

    /// <summary>Header tokens (≤ 9 × 49 bytes) on top of a line and an ASCII payload.</summary>
    private static readonly long BufferBound = Caps.MaxLineLength + (2L * Caps.MaxPayloadLength) + 600;

    private static readonly string[] Fragments =
    [
        "ERXUDP ", "EVENT ", "EPANDESC", "EEDSCAN", "  Channel:", "  Channel Page:", "  Pan ID:", "  Addr:", "  LQI:", "  Side:", "  PairID:",
        "OK", "OK 01", "FAIL ER04", "EVER ", "EINFO ", "ESREG ", "EPONG ", "EADDR", "ENEIGHBOR", "EPORT", "SKSENDTO", "SKSETPWD C ", "ROPT",
        Wire.MeterText, Wire.OwnText, "FE80::1", "0E1A", "02CC", "00808700301224EF", "0012", "000F", "0000", "0040", "FFFF", "21", "E1", "1", "0", "4A",
        "1081000102880105FF017201E70400000274", " ", " ", " ", "\r\n", "\r\n", "\r", "\n", "\u0000", "\u00FF",
    ];

    private static readonly Gen<byte[]> TokenSoup =
        Gen.OneOf(
                Gen.Int[0, Fragments.Length - 1].Select(i => Wire.Bytes(Fragments[i])),
                Gen.Byte.Array[1, 8])
            .Array[0, 200]
            .Select(parts => parts.SelectMany(p => p).ToArray());

    private static readonly byte[] Corpus = Wire.Concat(
        ReferenceFiles.ReadBytes("seed-trace.log"),
        Wire.Bytes($"EVENT 20 {Wire.OwnText} 0\r\nEPANDESC\r\n  Channel:21\r\n  Channel Page:09\r\n  Pan ID:8888\r\n  Addr:12345678ABCDEF01\r\n  LQI:E1\r\n  Side:0\r\n  PairID:AABBCCDD\r\n"),
        Wire.Bytes($"ERXUDP {Wire.MeterText} {Wire.OwnText} 0E1A 0E1A 00808700301224EF 1 0 0006 "), [0x0D, 0x0A, 0x20, 0x0D, 0x0A, 0x20], Wire.Bytes("\r\nOK 01\r"));

    [Fact]
    public void Random_bytes_in_random_chunks() =>
        Gen.Select(Gen.Byte.Array[0, 3000], Gen.Int[1, 300]).Sample((data, chunk) => ReadAll(data, chunk), iter: 300);

    [Fact]
    public void Token_soup_in_random_chunks() =>
        Gen.Select(TokenSoup, Gen.Int[1, 64]).Sample((data, chunk) => ReadAll(data, chunk), iter: 500);

    [Fact]
    public void Mutated_real_streams_in_random_chunks()
    {
        var mutation = Gen.Select(Gen.Int[0, 3], Gen.Int[0, Corpus.Length - 1], Gen.Int[1, 40], Gen.Byte.Array[1, 40]);
        Gen.Select(mutation.Array[1, 12], Gen.Int[1, 500])
            .Sample((mutations, chunk) => ReadAll(Mutate(Corpus, mutations), chunk), iter: 200);
    }

    [Fact]
    public void Real_pipe_with_a_concurrent_writer_always_ends() =>
        Gen.Select(TokenSoup, Gen.Int[1, 97]).SampleAsync(
            async (data, chunk) =>
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 4096, resumeWriterThreshold: 2048, useSynchronizationContext: false));
                var writer = Task.Run(
                    async () =>
                    {
                        for (var i = 0; i < data.Length; i += chunk)
                        {
                            await pipe.Writer.WriteAsync(data.AsMemory(i, Math.Min(chunk, data.Length - i)), timeout.Token);
                        }

                        await pipe.Writer.CompleteAsync();
                    },
                    timeout.Token);
                var reader = new SkReader(pipe.Reader, Caps);
                var count = 0;
                while (await reader.ReadAsync(timeout.Token) is not null)
                {
                    count++;
                }

                await writer;
                Assert.True(count <= data.Length + 1);
                Assert.True(reader.Statistics.MaxBufferedBytes <= BufferBound + chunk + 4096, $"buffered {reader.Statistics.MaxBufferedBytes}");
            },
            iter: 60,
            threads: 1);

    private static void ReadAll(byte[] data, int chunk)
    {
        var pipe = ScriptedPipeReader.InChunksOf(data, chunk);
        var items = Parse.Run(pipe, Caps, out var reader);

        // Progress: every item but a final truncated one consumed at least one byte.
        Assert.True(items.Count <= data.Length + 1, $"{items.Count} items from {data.Length} bytes");

        // Bounded memory: the reader never held more than a capped line (plus the chunk that just arrived).
        Assert.True(reader.Statistics.MaxBufferedBytes <= BufferBound, $"buffered {reader.Statistics.MaxBufferedBytes}");
        Assert.True(pipe.MaxShown <= BufferBound + chunk, $"shown {pipe.MaxShown}");
        foreach (var item in items)
        {
            switch (item)
            {
                case Erxudp e:
                    Assert.True(e.Data.Length <= Caps.MaxPayloadLength);
                    break;
                case SkGarbledLine g:
                    Assert.True(g.Preview.Length <= 200, g.Preview);
                    break;
                case SkEchoLine echo:
                    Assert.True(echo.Text.Length <= Caps.MaxLineLength * 4);
                    break;
            }
        }

        Assert.Equal(items.Count, reader.Statistics.Items);
        Assert.Equal(items.Count(i => i is SkGarbledLine), reader.Statistics.GarbledLines);
    }

    private static byte[] Mutate(byte[] source, (int Kind, int At, int Length, byte[] Bytes)[] mutations)
    {
        var data = source.ToList();
        foreach (var (kind, at, length, bytes) in mutations)
        {
            var position = Math.Min(at, data.Count);
            var count = Math.Min(length, data.Count - position);
            switch (kind)
            {
                case 0: // overwrite
                    for (var i = 0; i < Math.Min(bytes.Length, data.Count - position); i++)
                    {
                        data[position + i] = bytes[i];
                    }

                    break;
                case 1: // delete
                    data.RemoveRange(position, count);
                    break;
                case 2: // insert
                    data.InsertRange(position, bytes);
                    break;
                default: // duplicate a range
                    data.InsertRange(position, data.GetRange(position, count));
                    break;
            }
        }

        return data.ToArray();
    }
}
