using System.Text;

namespace BRoute.Decoding;

/// <summary>
/// <see cref="TraceLineReader"/> over a byte stream of UTF-8 (standard input as bytes): the same lines (split at LF,
/// CR LF or CR), the same characters and the same cap of <see cref="TraceLineReader.MaxLineLength"/> characters, without
/// turning the whole input into characters. An ASCII line — every line of a serial log — comes back as its bytes, read in
/// large blocks and handed out in place; any other line is decoded on its own (a line break never falls inside a UTF-8
/// sequence, so this gives the characters a reader of the whole text would). Memory stays bounded: at most 3 ×
/// <see cref="TraceLineReader.MaxLineLength"/> bytes of one line are held (no line of more bytes fits the cap), and the
/// characters of a longer line are only counted.
/// </summary>
public sealed class Utf8TraceLineReader
{
    private const int BlockSize = 1 << 17;

    // UTF-8 takes at most 3 bytes per UTF-16 character (4 for a pair), and a decoder turns at most 3 bad bytes into one
    // replacement character: a line of more bytes than this has more characters than the cap.
    private const int HoldLimit = 3 * TraceLineReader.MaxLineLength;
    private static readonly Encoding Utf8 = new UTF8Encoding(false);
    private readonly Stream _input;
    private readonly byte[] _block = new byte[BlockSize];
    private readonly Decoder _counter = Utf8.GetDecoder();
    private byte[] _line = [];
    private char[] _chars = [];
    private int _start;
    private int _end;
    private bool _skipLineFeed;
    private bool _ended;

    public Utf8TraceLineReader(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
    }

    /// <summary>Called before a read that may wait for input (e.g. to flush output a person or a pipe is waiting for).</summary>
    public Action? BeforeRead { get; set; }

    /// <summary>The 1-based number of the line returned last.</summary>
    public int LineNumber { get; private set; }

    /// <summary>
    /// The next line: true with the line in <paramref name="ascii"/> (its bytes, when all are ASCII) or else in
    /// <paramref name="text"/> (its characters), valid until the next call, and its length in characters; a line longer
    /// than <see cref="TraceLineReader.MaxLineLength"/> characters comes back with both empty (skipped). False at the end.
    /// </summary>
    public bool TryReadLine(out ReadOnlySpan<byte> ascii, out ReadOnlySpan<char> text, out long length)
    {
        var held = 0;
        long bytes = 0;
        long counted = 0;
        var any = false;
        while (true)
        {
            if (_start == _end && !Fill())
            {
                if (!any)
                {
                    ascii = default;
                    text = default;
                    length = 0;
                    return false;
                }

                return Complete(_line.AsSpan(0, held), bytes, counted, out ascii, out text, out length);
            }

            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (_block[_start] == '\n')
                {
                    _start++;
                    continue;
                }
            }

            any = true;
            var span = _block.AsSpan(_start, _end - _start);
            var at = span.IndexOfAny((byte)'\r', (byte)'\n');
            var take = at < 0 ? span.Length : at;
            if (at >= 0 && bytes == 0)
            {
                // The whole line lies in this block: no copy.
                _start += at + 1;
                _skipLineFeed = span[at] == '\r';
                return Complete(span[..take], take, 0, out ascii, out text, out length);
            }

            if (bytes + take <= HoldLimit)
            {
                if (_line.Length < held + take)
                {
                    Array.Resize(ref _line, Math.Min(HoldLimit, Math.Max(held + take, _line.Length * 2)));
                }

                span[..take].CopyTo(_line.AsSpan(held));
                held += take;
            }
            else
            {
                // Too long to hold: only its characters are counted from here on.
                if (held > 0)
                {
                    counted += CountChars(_line.AsSpan(0, held), flush: false);
                    held = 0;
                }

                counted += CountChars(span[..take], flush: false);
            }

            bytes += take;
            if (at < 0)
            {
                _start = _end;
                continue;
            }

            _start += at + 1;
            _skipLineFeed = span[at] == '\r';
            return Complete(_line.AsSpan(0, held), bytes, counted, out ascii, out text, out length);
        }
    }

    private bool Complete(ReadOnlySpan<byte> line, long bytes, long counted, out ReadOnlySpan<byte> ascii, out ReadOnlySpan<char> text, out long length)
    {
        LineNumber++;
        ascii = default;
        text = default;
        if (bytes > HoldLimit)
        {
            length = counted + CountChars([], flush: true);
            _counter.Reset();
            return true;
        }

        if (System.Text.Ascii.IsValid(line))
        {
            length = line.Length;
            ascii = length <= TraceLineReader.MaxLineLength ? line : default;
            return true;
        }

        var count = Utf8.GetCharCount(line);
        if (_chars.Length < count)
        {
            _chars = new char[Math.Max(count, Math.Min(HoldLimit, _chars.Length * 2))];
        }

        length = Utf8.GetChars(line, _chars);
        text = length <= TraceLineReader.MaxLineLength ? _chars.AsSpan(0, (int)length) : default;
        return true;
    }

    // Through the decoder's state, so a character split between two blocks counts once.
    private long CountChars(ReadOnlySpan<byte> bytes, bool flush)
    {
        Span<char> scratch = stackalloc char[1024];
        long count = 0;
        while (true)
        {
            _counter.Convert(bytes, scratch, flush, out var used, out var produced, out var completed);
            count += produced;
            bytes = bytes[used..];
            if (bytes.IsEmpty && (completed || !flush))
            {
                return count;
            }
        }
    }

    private bool Fill()
    {
        if (_ended)
        {
            return false;
        }

        BeforeRead?.Invoke();
        _start = 0;
        _end = _input.Read(_block, 0, _block.Length);
        _ended = _end == 0;
        return !_ended;
    }
}
