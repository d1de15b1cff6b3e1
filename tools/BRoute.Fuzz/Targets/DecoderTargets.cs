using System.Text;
using BRoute.Decoding;
using BRoute.EchonetLite.Frames;
using BRoute.Fuzz.Inputs;
using CsCheck;

namespace BRoute.Fuzz.Targets;

/// <summary>
/// <c>broute decode</c>'s line input: <see cref="TraceDecoder.Decode"/> over mutated golden ERXUDP lines, pasted hex
/// frames, whole mutated serial logs and very long lines. Every line is skipped, failed or decoded — never an
/// exception — memory is linear in the line, and a generated frame pasted as hex or ERXUDP decodes to itself.
/// </summary>
public static class DecoderTargets
{
    private static readonly byte[][] GoldenText = GoldenVectors.ErxudpLines.Select(Encoding.ASCII.GetBytes)
        .Concat(GoldenVectors.Frames.Select(f => Encoding.ASCII.GetBytes(Convert.ToHexString(f))))
        .Concat(GoldenVectors.Frames.Select(f => Encoding.ASCII.GetBytes(string.Join(' ', f.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))))))
        .ToArray();

    private static readonly Gen<string> Line = Gen.Frequency(
        (8, Mutator.Of(GoldenText).Select(b => Encoding.Latin1.GetString(b))),
        (1, Gen.Select(Gen.Int[0, GoldenText.Length - 1], Gen.Int[1, 400]).Select(t => Encoding.ASCII.GetString(GoldenText[t.Item1]) + new string('F', t.Item2 * 250))),
        (1, Gen.String[0, 300]));

    /// <summary>Mutated lines, one decoder across several lines (it learns D3/E1 and "today" as it goes).</summary>
    public static FuzzTarget Mutated { get; } = new FuzzTarget<string[]>(
        "decode-lines",
        "TraceDecoder over mutated golden ERXUDP lines and hex frames (plain and spaced), random text and lines up to 100 k characters: no exception, linear memory",
        Line.Array[1, 6],
        lines =>
        {
            var decoder = new TraceDecoder();
            for (var i = 0; i < lines.Length; i++)
            {
                TraceLine? result = null;
                var line = lines[i];
                var allocated = Expect.Allocated(() => result = decoder.Decode(line, i + 1));
                Expect.That(allocated <= 256 * 1024 + (16L * line.Length), $"a {line.Length}-character line allocated {allocated} bytes");
                Expect.That(result is TraceLine.Skipped or TraceLine.Failed or TraceLine.Decoded, $"line {i + 1}: {result}");
                if (result is TraceLine.Failed failed)
                {
                    Expect.That(failed.Problem.Length < 600, $"a {failed.Problem.Length}-character problem text");
                }
            }

            Expect.That(decoder.DecodedCount + decoder.SkippedCount <= lines.Length, "counted more lines than given");
        });

    /// <summary>
    /// A mutated log read as bytes (<see cref="Utf8TraceLineReader"/> + <see cref="TraceDecoder.DecodeAscii"/>, as
    /// <c>broute decode</c> reads standard input) gives line for line what the text reader and <see cref="TraceDecoder.Decode(ReadOnlySpan{char}, int)"/>
    /// give for the same bytes as UTF-8.
    /// </summary>
    public static FuzzTarget Bytes { get; } = new FuzzTarget<(byte[][] Lines, int[] Ends)>(
        "decode-bytes",
        "mutated golden lines (any byte, UTF-8 or not) joined by LF, CR LF or CR, decoded from bytes and from text: the same results, problems and counts",
        Gen.Select(Mutator.Of(GoldenText).Array[1, 6], Gen.Int[0, 2].Array[6]),
        t =>
        {
            var log = new List<byte>();
            for (var i = 0; i < t.Lines.Length; i++)
            {
                log.AddRange(t.Lines[i]);
                log.AddRange(t.Ends[i] switch { 0 => "\n"u8.ToArray(), 1 => "\r\n"u8.ToArray(), _ => "\r"u8.ToArray() });
            }

            var bytes = log.ToArray();
            var expected = new List<string>();
            var byText = new TraceDecoder();
            var lines = new TraceLineReader(new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), false));
            while (lines.TryReadLine(out var line, out var length))
            {
                expected.Add(Describe(length > TraceLineReader.MaxLineLength ? byText.TooLong(lines.LineNumber, length) : byText.Decode(line, lines.LineNumber)));
            }

            var actual = new List<string>();
            var byBytes = new TraceDecoder();
            var reader = new Utf8TraceLineReader(new MemoryStream(bytes));
            while (reader.TryReadLine(out var ascii, out var text, out var length))
            {
                actual.Add(Describe(length > TraceLineReader.MaxLineLength ? byBytes.TooLong(reader.LineNumber, length)
                    : text.IsEmpty ? byBytes.DecodeAscii(ascii, reader.LineNumber) : byBytes.Decode(text, reader.LineNumber)));
            }

            Expect.That(expected.SequenceEqual(actual), $"text: {string.Join(" | ", expected)}; bytes: {string.Join(" | ", actual)}");
            Expect.That((byText.DecodedCount, byText.SkippedCount, byText.FailedCount) == (byBytes.DecodedCount, byBytes.SkippedCount, byBytes.FailedCount), "counts differ");
        });

    /// <summary>A generated frame pasted as hex, spaced hex or an ERXUDP line decodes to the same frame.</summary>
    public static FuzzTarget RoundTrip { get; } = new FuzzTarget<(SkLine Envelope, int Form)>(
        "decode-roundtrip",
        "generated frames pasted as hex, spaced hex or an ASCII ERXUDP line (9/10/11 tokens): decoded to the same frame",
        Gen.Select(
            SkStreams.Erxudp(CodecTargets.Generated),
            Gen.Int[0, 2]),
        t =>
        {
            var frame = t.Envelope.Payload!;
            var hex = Convert.ToHexString(frame);
            var text = t.Form switch
            {
                0 => hex,
                1 => string.Join(' ', Enumerable.Range(0, frame.Length).Select(i => hex.Substring(2 * i, 2))),
                _ => AsciiErxudp(t.Envelope),
            };
            var result = new TraceDecoder().Decode(text, 1);
            Expect.That(result is TraceLine.Decoded d && FrameCodec.Encode(d.Frame.Frame).AsSpan().SequenceEqual(frame), $"'{text}' gave {result}");
        });

    private static string Describe(TraceLine line) => line switch
    {
        TraceLine.Decoded d => $"{d.LineNumber} {FrameCodec.Encode(d.Frame.Frame).Length} {d.Frame.Transport} {string.Join(",", (d.Frame.Values ?? []).Concat(d.Frame.GetValues ?? []).Select(v => $"{v.Epc:X2}={v.Value}/{v.Error}"))}",
        TraceLine.Failed f => $"{f.LineNumber} failed {f.Problem}",
        _ => $"{line.LineNumber} skipped",
    };

    private static string AsciiErxudp(SkLine line) => line.Header + " " + Convert.ToHexString(line.Payload!);
}
