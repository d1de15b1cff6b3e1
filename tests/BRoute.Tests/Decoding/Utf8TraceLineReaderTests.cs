using System.Text;
using BRoute.Decoding;

namespace BRoute.Tests.Decoding;

/// <summary>
/// <see cref="Utf8TraceLineReader"/>: the lines and characters a <see cref="StreamReader"/> over the same UTF-8 bytes gives,
/// the same cap as <see cref="TraceLineReader"/> in characters, and bounded memory whatever a line's length.
/// </summary>
public sealed class Utf8TraceLineReaderTests
{
    private const int Block = 1 << 17;

    [Fact]
    public void Lines_split_as_ReadLine_splits_them_also_across_block_boundaries()
    {
        // CR LF pairs, lone CRs and LFs, empty lines, non-ASCII text, an unterminated last line; a CR LF straddles the
        // 128 KiB block edge, and a 3-byte character straddles the next one.
        var text = new string('a', Block - 1) + "\r\nb\rc\n\nd\r\n\r\n" + new string('e', Block - 20) + "電力量 kWh\n" +
            "ERXUDP \uFEFFx\r\nlast";
        Assert.Equal(ReadLines(Encoding.UTF8.GetBytes(text)), ReadAll(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Ascii_lines_come_back_as_bytes_and_others_as_characters()
    {
        var reader = new Utf8TraceLineReader(new MemoryStream(Encoding.UTF8.GetBytes("OK\n0.1 kWh → 1 kWh\n\n")));

        Assert.True(reader.TryReadLine(out var ascii, out var text, out var length));
        Assert.Equal(("OK", 0, 2L), (Encoding.ASCII.GetString(ascii), text.Length, length));
        Assert.True(reader.TryReadLine(out ascii, out text, out length));
        Assert.Equal((0, "0.1 kWh → 1 kWh", 15L), (ascii.Length, text.ToString(), length));
        Assert.True(reader.TryReadLine(out ascii, out text, out length));
        Assert.Equal((0, 0, 0L, 3), (ascii.Length, text.Length, length, reader.LineNumber));
        Assert.False(reader.TryReadLine(out _, out _, out _));
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_become_the_replacement_characters_a_StreamReader_gives()
    {
        byte[] bytes = [(byte)'A', 0xFF, (byte)'B', 0xE9, 0x9B, (byte)'\n', 0xEF, 0xBB, 0xBF, (byte)'C', 0xE9, (byte)'\r', (byte)'D'];

        Assert.Equal(ReadLines(bytes), ReadAll(bytes));
    }

    [Fact]
    public void The_cap_counts_characters_not_bytes()
    {
        // At the cap in characters (3 bytes each), then one more: the first is held, the second skipped with its length.
        var atCap = new string('電', TraceLineReader.MaxLineLength);
        var reader = new Utf8TraceLineReader(new MemoryStream(Encoding.UTF8.GetBytes($"{atCap}\n{atCap}x\n{new string('A', TraceLineReader.MaxLineLength + 1)}\nnext")));

        Assert.True(reader.TryReadLine(out _, out var text, out var length));
        Assert.Equal((TraceLineReader.MaxLineLength, (long)TraceLineReader.MaxLineLength), (text.Length, length));
        Assert.True(text.SequenceEqual(atCap));
        Assert.True(reader.TryReadLine(out var ascii, out text, out length));
        Assert.Equal((0, 0, TraceLineReader.MaxLineLength + 1L), (ascii.Length, text.Length, length));
        Assert.True(reader.TryReadLine(out ascii, out text, out length));
        Assert.Equal((0, 0, TraceLineReader.MaxLineLength + 1L), (ascii.Length, text.Length, length));
        Assert.True(reader.TryReadLine(out ascii, out _, out _));
        Assert.Equal(("next", 4), (Encoding.ASCII.GetString(ascii), reader.LineNumber));
    }

    [Fact]
    public void A_too_long_line_counts_a_character_split_between_blocks_once()
    {
        // 140,000 three-byte characters: 420,000 bytes, over what is held, so counted; blocks split some characters.
        var line = new string('電', 140_000);
        var reader = new Utf8TraceLineReader(new MemoryStream(Encoding.UTF8.GetBytes($"{line}\nnext")));

        Assert.True(reader.TryReadLine(out _, out _, out var length));
        Assert.Equal(140_000, length);
        Assert.True(reader.TryReadLine(out var ascii, out _, out _));
        Assert.Equal("next", Encoding.ASCII.GetString(ascii));
    }

    [Fact]
    public void A_50_MB_line_is_passed_over_in_bounded_memory_and_its_characters_counted()
    {
        const long huge = 50_000_000;
        var frame = "1081000102880105FF017201E70400000274";
        // A multi-byte character at each end of the long line: counted as one character each.
        using var input = new GeneratedStream($"{frame}\n€", huge, $"€\n{frame}\n");
        var reader = new Utf8TraceLineReader(input);
        var decoder = new TraceDecoder();
        var results = new List<TraceLine>();

        var before = GC.GetAllocatedBytesForCurrentThread();
        while (reader.TryReadLine(out var ascii, out var text, out var length))
        {
            results.Add(length > TraceLineReader.MaxLineLength ? decoder.TooLong(reader.LineNumber, length)
                : text.IsEmpty ? decoder.DecodeAscii(ascii, reader.LineNumber) : decoder.Decode(text, reader.LineNumber));
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 3_000_000, $"{allocated:N0} bytes allocated for a {huge:N0}-byte line");
        Assert.IsType<TraceLine.Decoded>(results[0]);
        var failed = Assert.IsType<TraceLine.Failed>(results[1]);
        Assert.Equal("the line is 50,000,002 characters long, more than any ERXUDP line (132,094 at most, a 65,535-byte payload in hex); skipped", failed.Problem);
        Assert.IsType<TraceLine.Decoded>(results[2]);
        Assert.Equal((2, 1), (decoder.DecodedCount, decoder.FailedCount));
    }

    [Fact]
    public void Before_each_read_the_caller_is_told_so_it_can_flush()
    {
        var reads = 0;
        var reader = new Utf8TraceLineReader(new MemoryStream(new byte[(Block * 2) + 1])) { BeforeRead = () => reads++ };

        while (reader.TryReadLine(out _, out _, out _))
        {
        }

        Assert.Equal(4, reads); // three blocks of data, then the read that finds the end
    }

    private static List<string> ReadAll(byte[] bytes)
    {
        var reader = new Utf8TraceLineReader(new MemoryStream(bytes));
        var lines = new List<string>();
        while (reader.TryReadLine(out var ascii, out var text, out _))
        {
            lines.Add(text.IsEmpty ? Encoding.ASCII.GetString(ascii) : text.ToString());
        }

        return lines;
    }

    // As the console reads standard input: UTF-8 without skipping a BOM.
    private static List<string> ReadLines(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>A prefix, then <c>count</c> bytes 'A' made up as they are read (never held), then a suffix.</summary>
    private sealed class GeneratedStream(string prefix, long count, string suffix) : Stream
    {
        private readonly byte[] _prefix = Encoding.UTF8.GetBytes(prefix);
        private readonly byte[] _suffix = Encoding.UTF8.GetBytes(suffix);
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count1)
        {
            var n = 0;
            while (n < count1)
            {
                var at = _position;
                if (at < _prefix.Length)
                {
                    buffer[offset + n] = _prefix[at];
                }
                else if (at < _prefix.Length + count)
                {
                    var run = (int)Math.Min(count1 - n, _prefix.Length + count - at);
                    buffer.AsSpan(offset + n, run).Fill((byte)'A');
                    n += run;
                    _position += run;
                    continue;
                }
                else if (at < _prefix.Length + count + _suffix.Length)
                {
                    buffer[offset + n] = _suffix[at - _prefix.Length - count];
                }
                else
                {
                    break;
                }

                n++;
                _position++;
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count1) => throw new NotSupportedException();
    }
}
