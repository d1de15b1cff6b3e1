namespace BRoute.Decoding;

/// <summary>
/// Reads the lines of a serial log for <see cref="TraceDecoder"/> in blocks, as <see cref="TextReader.ReadLine"/> splits
/// them (LF, CR LF or CR), but never holds more than <see cref="MaxLineLength"/> characters of one line: a longer line
/// cannot be an ERXUDP line or a frame, so its characters are passed over as they arrive and only its length is
/// reported. Memory stays bounded whatever the input's shape (one 100 MB line costs no more than a short one).
/// </summary>
public sealed class TraceLineReader
{
    /// <summary>
    /// The longest line worth reading: an ERXUDP line in the widest layout (11 tokens) carrying a 0xFFFF-byte payload in
    /// hex is 131,186 characters; 1 KiB more leaves room for a command echo glued in front of it.
    /// </summary>
    public const int MaxLineLength = (2 * 0xFFFF) + 1024;

    private const int BlockSize = 1 << 14;
    private readonly TextReader _input;
    private readonly char[] _block = new char[BlockSize];
    private char[] _line = [];
    private int _start;
    private int _end;
    private bool _skipLineFeed;
    private bool _ended;

    public TraceLineReader(TextReader input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
    }

    /// <summary>Called before a read that may wait for input (e.g. to flush output a person or a pipe is waiting for).</summary>
    public Action? BeforeRead { get; set; }

    /// <summary>The 1-based number of the line returned last.</summary>
    public int LineNumber { get; private set; }

    /// <summary>
    /// The next line: true with <paramref name="line"/> set (valid until the next call), or true with <paramref name="line"/>
    /// empty and <paramref name="length"/> above <see cref="MaxLineLength"/> when the line was too long (skipped); false at
    /// the end.
    /// </summary>
    public bool TryReadLine(out ReadOnlySpan<char> line, out long length)
    {
        var held = 0;
        length = 0;
        var any = false;
        while (true)
        {
            if (_start == _end && !Fill())
            {
                if (!any)
                {
                    line = default;
                    return false;
                }

                return Complete(held, length, out line);
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
            var at = span.IndexOfAny('\r', '\n');
            var take = at < 0 ? span.Length : at;
            if (at >= 0 && length == 0 && take <= MaxLineLength)
            {
                // The whole line lies in this block: no copy.
                _start += at + 1;
                _skipLineFeed = span[at] == '\r';
                LineNumber++;
                line = span[..take];
                length = take;
                return true;
            }

            if (length + take <= MaxLineLength)
            {
                if (_line.Length < held + take)
                {
                    Array.Resize(ref _line, Math.Min(MaxLineLength, Math.Max(held + take, _line.Length * 2)));
                }

                span[..take].CopyTo(_line.AsSpan(held));
                held += take;
            }

            length += take;
            if (at < 0)
            {
                _start = _end;
                continue;
            }

            _start += at + 1;
            _skipLineFeed = span[at] == '\r';
            return Complete(held, length, out line);
        }
    }

    private bool Complete(int held, long length, out ReadOnlySpan<char> line)
    {
        LineNumber++;
        line = length <= MaxLineLength ? _line.AsSpan(0, held) : default;
        return true;
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
