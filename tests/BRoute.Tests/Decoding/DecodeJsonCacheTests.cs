using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BRoute.Decoding;

namespace BRoute.Tests.Decoding;

/// <summary><see cref="DecodeJsonCache"/>: <see cref="DecodeJsonWriter"/> writes the same bytes with it as without.</summary>
public sealed class DecodeJsonCacheTests
{
    private const string Frame = "1081000102880105FF017201E70400000274";

    public static TheoryData<bool> Encoders => new() { true, false };

    [Theory]
    [MemberData(nameof(Encoders))]
    public void The_seed_log_and_changing_envelopes_write_the_same_bytes_with_the_cache(bool relaxed)
    {
        var encoder = relaxed ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : null;
        var a = "FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99";
        var b = "FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88";
        // Envelopes that differ in one field each, in turn, more of them than the cache holds, then the first again.
        string[] envelopes =
        [
            $"ERXUDP {a} {b} 0E1A 0E1A 00808700301224EF 1 0012 {Frame}",
            $"ERXUDP {b} {a} 0E1A 0E1A 00808700301224EF 1 0012 {Frame}",
            $"ERXUDP {a} {b} 0E1B 0E1A 00808700301224EF 1 0012 {Frame}",
            $"ERXUDP {a} {b} 0E1A 0E1B 00808700301224EF 1 0012 {Frame}",
            $"ERXUDP {a} {b} 0E1A 0E1A 00808700301224EE 1 0012 {Frame}",
            $"ERXUDP {a} {b} 0E1A 0E1A 00808700301224EF 0 0012 {Frame}",
            $"ERXUDP {a} {b} 0E1A 0E1A 00808700301224EF 1 1 0012 {Frame}",
            $"ERXUDP {a} {b} 0E1A 0E1A 00808700301224EF C8 1 0 0012 {Frame}",
            $"ERXUDP {a} {b} 0E1A 0E1A 00808700301224EF C9 1 0 0012 {Frame}",
            $"ERXUDP {a} {b} 0E1A 0E1A 00808700301224EF 1 0012 {Frame}",
            Frame,
        ];
        var lines = File.ReadAllLines(ReferenceFiles.PathOf("seed-trace.log")).Concat(envelopes).Concat(envelopes);
        var decoder = new TraceDecoder();
        var cache = new DecodeJsonCache(encoder);
        var frames = 0;
        foreach (var line in lines)
        {
            if (decoder.Decode(line, 1) is TraceLine.Decoded d)
            {
                Assert.Equal(Json(w => DecodeJsonWriter.Write(w, d.Frame), encoder), Json(w => DecodeJsonWriter.Write(w, d.Frame, cache), encoder));
                frames++;
            }
        }

        Assert.True(frames > 2 * envelopes.Length, $"{frames}");
    }

    private static string Json(Action<Utf8JsonWriter> write, JavaScriptEncoder? encoder)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
