using BRoute.SkStack.Grammar;

namespace BRoute.SkStack.Parsing;

/// <summary>
/// Settings and cross-line state of one byte stream being parsed by <see cref="SkLineParser"/>. One per reader; not
/// thread-safe (only <see cref="DataMode"/> may be changed between reads).
/// </summary>
public sealed class SkParserContext
{
    /// <summary>Default cap on a line without ERXUDP data (the E2 ERXUDP line is 537 chars; EEDSCAN ≈ 180).</summary>
    public const int DefaultMaxLineLength = 4096;

    /// <summary>Default cap on ERXUDP DATALEN (SKSENDTO's max is 1232 bytes).</summary>
    public const int DefaultMaxPayloadLength = 2048;

    public SkParserContext(int maxLineLength = DefaultMaxLineLength, int maxPayloadLength = DefaultMaxPayloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 64);
        ArgumentOutOfRangeException.ThrowIfNegative(maxPayloadLength);
        MaxLineLength = maxLineLength;
        MaxPayloadLength = maxPayloadLength;
    }

    /// <summary>
    /// How ERXUDP data is expected: null = detect per line (the byte at offset DATALEN after the data start is CR/LF
    /// only in binary mode); a value = strict (a line in the other form is reported garbled).
    /// </summary>
    public ErxudpDataMode? DataMode { get; set; }

    /// <summary>Longest accepted line (bytes before CR/LF), ERXUDP data excluded.</summary>
    public int MaxLineLength { get; }

    /// <summary>Largest accepted ERXUDP DATALEN.</summary>
    public int MaxPayloadLength { get; }

    /// <summary>Cache of recently parsed addresses.</summary>
    public SkAddressCache Addresses { get; } = new();

    /// <summary>The last line ended with CR at the end of the data: a LF that follows belongs to it.</summary>
    public bool PendingLineFeed { get; internal set; }

    /// <summary>Inside an SKTABLE block (after a table header, until OK/FAIL).</summary>
    public bool InTable { get; internal set; }

    /// <summary>No more data will come (the last read saw the end of the stream): a block may end here.</summary>
    public bool EndOfStream { get; internal set; }

    /// <summary>Dropping the rest of an over-long line up to its end.</summary>
    public bool Discarding { get; internal set; }
}
