using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BRoute.Decoding;
using CsCheck;

namespace BRoute.Tests.Decoding;

/// <summary>
/// <see cref="TraceDecoder.DecodeAscii"/> (a line's bytes, the fast path of <c>broute decode</c> on standard input) gives
/// what <see cref="TraceDecoder.Decode(ReadOnlySpan{char}, int)"/> gives for the same characters: the same kind of
/// result, problem text, counts and JSON, line after line (the scale learned on the way included).
/// </summary>
public sealed class TraceDecoderAsciiTests
{
    private const string Meter = "FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99";
    private const string E7Line = $"ERXUDP {Meter} FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88 0E1A 0E1A 00808700301224EF 1 0012 1081000102880105FF017201E70400000274";

    public static TheoryData<string> Tricky => new()
    {
        E7Line,
        " " + E7Line,
        E7Line + " ",
        E7Line + "\t",
        E7Line.Replace(" 0E1A 0E1A", "  0E1A 0E1A", StringComparison.Ordinal),
        E7Line.Replace(" 0E1A 0E1A", "\t0E1A 0E1A", StringComparison.Ordinal),
        E7Line.Replace(Meter, Meter.ToLowerInvariant(), StringComparison.Ordinal),
        E7Line.Replace(Meter, "FE80::2FF:EEDD:CCBB:AA99", StringComparison.Ordinal),
        E7Line.Replace(" 1 0012 ", " 1 0013 ", StringComparison.Ordinal),
        E7Line.Replace(" 1 0012 ", " 2 0012 ", StringComparison.Ordinal),
        E7Line.Replace(" 1 0012 ", " 1 0 0012 ", StringComparison.Ordinal),
        E7Line.Replace(" 1 0012 ", " C8 1 0 0012 ", StringComparison.Ordinal),
        E7Line.Replace(" 1 0012 ", " C8 1 0 0 0012 ", StringComparison.Ordinal),
        E7Line.Replace(" 00808700301224EF ", " ", StringComparison.Ordinal),
        E7Line.Replace("0274", "027G", StringComparison.Ordinal),
        E7Line.Replace("1081", "1082", StringComparison.Ordinal),
        "SKSENDTO" + E7Line,
        "ERXUDP",
        "ERXUDP ",
        "ERXUDPX " + Meter,
        "1081000102880105FF017201E70400000274",
        "10 81 00 01 02 88 01 05 FF 01 72 01 E7 04 00 00 02 74",
        "0x1081000102880105FF017201E70400000274",
        "OK",
        string.Empty,
        "EVENT 21 " + Meter + " 00",
    };

    [Theory]
    [MemberData(nameof(Tricky))]
    public void A_line_decodes_from_its_bytes_as_from_its_characters(string line)
    {
        AssertSame([line]);
    }

    [Fact]
    public void The_seed_log_decodes_from_its_bytes_as_from_its_characters()
    {
        var lines = File.ReadAllLines(ReferenceFiles.PathOf("seed-trace.log"));

        AssertSame(lines);
    }

    [Fact]
    public void Mutated_lines_decode_from_their_bytes_as_from_their_characters()
    {
        var printable = Gen.Char[" 0123456789ABCDEFabcdef:\tGXZ~"];
        Gen.Int[0, E7Line.Length - 1].SelectMany(i => printable.Select(c => (i, c))).Array[1, 4]
            .Select(edits =>
            {
                var chars = E7Line.ToCharArray();
                foreach (var (i, c) in edits)
                {
                    chars[i] = c;
                }

                return new string(chars);
            })
            .Sample(line => AssertSame([line]));
    }

    [Fact]
    public void A_line_that_is_not_ascii_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new TraceDecoder().DecodeAscii(Encoding.UTF8.GetBytes("0.1 kWh → 1 kWh"), 1));
    }

    private static void AssertSame(IReadOnlyList<string> lines)
    {
        var byChars = new TraceDecoder();
        var byBytes = new TraceDecoder();
        for (var i = 0; i < lines.Count; i++)
        {
            var expected = byChars.Decode(lines[i].AsSpan(), i + 1);
            var actual = byBytes.DecodeAscii(Encoding.ASCII.GetBytes(lines[i]), i + 1);
            Assert.Equal(Describe(expected), Describe(actual));
        }

        Assert.Equal((byChars.DecodedCount, byChars.SkippedCount, byChars.FailedCount), (byBytes.DecodedCount, byBytes.SkippedCount, byBytes.FailedCount));
        Assert.Equal(byChars.Scale, byBytes.Scale);
    }

    private static string Describe(TraceLine line) => line switch
    {
        TraceLine.Decoded d => $"decoded {d.LineNumber} {Json(d.Frame)}",
        TraceLine.Failed f => $"failed {f.LineNumber} {f.Problem}",
        _ => $"{line.GetType().Name} {line.LineNumber}",
    };

    private static string Json(DecodedFrame frame)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            DecodeJsonWriter.Write(writer, frame);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
