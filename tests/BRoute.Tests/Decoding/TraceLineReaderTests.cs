using System.Globalization;
using BRoute.Decoding;

namespace BRoute.Tests.Decoding;

/// <summary><see cref="TraceLineReader"/>: ReadLine's splitting, and a bounded memory whatever a line's length.</summary>
public sealed class TraceLineReaderTests
{
    [Fact]
    public void Lines_split_as_ReadLine_splits_them_also_across_block_boundaries()
    {
        // CR LF pairs, lone CRs and LFs, empty lines, an unterminated last line; a CR LF straddles the 16 Ki block edge.
        var text = new string('a', 16_383) + "\r\nb\rc\n\nd\r\n\r\n" + new string('e', 40_000) + "\nlast";
        var expected = new List<string>();
        using (var r = new StringReader(text))
        {
            while (r.ReadLine() is { } line)
            {
                expected.Add(line);
            }
        }

        Assert.Equal(expected, ReadAll(new TraceLineReader(new StringReader(text))));
    }

    [Fact]
    public void A_text_ending_in_a_line_break_has_no_empty_last_line()
    {
        Assert.Equal(["x", "y"], ReadAll(new TraceLineReader(new StringReader("x\r\ny\r\n"))));
        Assert.Empty(ReadAll(new TraceLineReader(new StringReader(string.Empty))));
    }

    [Fact]
    public void The_longest_erxudp_line_fits_and_one_character_more_is_skipped_with_its_length()
    {
        var frame = new byte[0xFFFF];
        frame[0] = 0x10;
        var erxudp = string.Create(CultureInfo.InvariantCulture,
            $"ERXUDP FE80:0000:0000:0000:021D:1290:1234:5678 FE80:0000:0000:0000:021D:1290:1234:5679 0E1A 0E1A 001D129012345678 C8 1 0 FFFF {Convert.ToHexString(frame)}");
        var exact = new string('0', TraceLineReader.MaxLineLength);
        var over = exact + "0";
        var reader = new TraceLineReader(new StringReader($"{erxudp}\n{exact}\n{over}\nnext\n"));

        Assert.True(erxudp.Length < TraceLineReader.MaxLineLength, $"{erxudp.Length}");
        Assert.True(reader.TryReadLine(out var line, out _));
        Assert.Equal(erxudp, line.ToString());
        Assert.True(reader.TryReadLine(out line, out var length));
        Assert.Equal(TraceLineReader.MaxLineLength, line.Length);
        Assert.Equal(TraceLineReader.MaxLineLength, length);
        Assert.True(reader.TryReadLine(out line, out length));
        Assert.Equal(0, line.Length);
        Assert.Equal(TraceLineReader.MaxLineLength + 1, length);
        Assert.Equal(3, reader.LineNumber);
        Assert.True(reader.TryReadLine(out line, out _));
        Assert.Equal("next", line.ToString());
        Assert.False(reader.TryReadLine(out _, out _));
    }

    [Fact]
    public void A_50_MB_line_is_passed_over_in_bounded_memory_and_decoding_carries_on()
    {
        const long huge = 50_000_000;
        var frame = "1081000102880105FF017201E70400000274";
        var input = new GeneratedReader($"{frame}\n", huge, $"\n{frame}\n");
        var reader = new TraceLineReader(input);
        var decoder = new TraceDecoder();
        var results = new List<TraceLine>();

        var before = GC.GetAllocatedBytesForCurrentThread();
        while (reader.TryReadLine(out var line, out var length))
        {
            results.Add(length > TraceLineReader.MaxLineLength ? decoder.TooLong(reader.LineNumber, length) : decoder.Decode(line, reader.LineNumber));
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(huge, input.Served - (2 * frame.Length) - 3); // the whole line went through the reader
        Assert.True(allocated < 2_000_000, $"{allocated:N0} bytes allocated for a {huge:N0}-character line");
        Assert.IsType<TraceLine.Decoded>(results[0]);
        var failed = Assert.IsType<TraceLine.Failed>(results[1]);
        Assert.Equal(2, failed.LineNumber);
        Assert.Equal("the line is 50,000,000 characters long, more than any ERXUDP line (132,094 at most, a 65,535-byte payload in hex); skipped", failed.Problem);
        Assert.IsType<TraceLine.Decoded>(results[2]);
        Assert.Equal((2, 1), (decoder.DecodedCount, decoder.FailedCount));
    }

    private static List<string> ReadAll(TraceLineReader reader)
    {
        var lines = new List<string>();
        while (reader.TryReadLine(out var line, out _))
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>A prefix, then <c>count</c> copies of 'A' made up as they are read (never held), then a suffix.</summary>
    private sealed class GeneratedReader(string prefix, long count, string suffix) : TextReader
    {
        private long _at;

        public long Served => _at;

        public override int Read(char[] buffer, int index, int length) => Read(buffer.AsSpan(index, length));

        public override int Read(Span<char> buffer)
        {
            var n = 0;
            while (n < buffer.Length && _at < prefix.Length + count + suffix.Length)
            {
                buffer[n++] = _at < prefix.Length ? prefix[(int)_at] : _at < prefix.Length + count ? 'A' : suffix[(int)(_at - prefix.Length - count)];
                _at++;
            }

            return n;
        }
    }
}
