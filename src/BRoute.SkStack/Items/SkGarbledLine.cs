namespace BRoute.SkStack.Items;

/// <summary>Why a line was not understood.</summary>
public enum SkLineError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The line does not start with anything the dongle is known to print.</summary>
    UnknownLine = 1,

    /// <summary>A known keyword with missing, extra or malformed tokens.</summary>
    MalformedLine,

    /// <summary>An IPv6 address token that is not an address.</summary>
    BadAddress,

    /// <summary>A numeric token that is not hex of the expected width.</summary>
    BadNumber,

    /// <summary>ERXUDP: the data does not have the length DATALEN announces.</summary>
    DataLengthMismatch,

    /// <summary>ERXUDP in ASCII-hex mode: a data character is not a hex digit.</summary>
    DataNotHex,

    /// <summary>ERXUDP: DATALEN is above the payload cap.</summary>
    PayloadTooLarge,

    /// <summary>No line end within the line-length cap; the line was dropped up to its end.</summary>
    LineTooLong,

    /// <summary>The stream ended in the middle of a line.</summary>
    TruncatedAtEndOfStream,

    /// <summary>A multi-line block (EPANDESC, EEDSCAN) with a missing or malformed field line.</summary>
    MalformedBlock,
}

/// <summary>
/// A line the reader could not understand. It was counted and skipped; the reader went on at the next line.
/// <see cref="Preview"/> is a printable, length-capped, credential-masked rendering.
/// </summary>
public sealed record SkGarbledLine(SkLineError Error, string Preview, long Length) : SkItem
{
    /// <summary>A human-readable reason.</summary>
    public string Reason => Describe(Error);

    /// <summary>A human-readable text for an error.</summary>
    public static string Describe(SkLineError error) => error switch
    {
        SkLineError.UnknownLine => "unknown line",
        SkLineError.MalformedLine => "malformed line",
        SkLineError.BadAddress => "malformed IPv6 address",
        SkLineError.BadNumber => "malformed number",
        SkLineError.DataLengthMismatch => "the data length differs from DATALEN",
        SkLineError.DataNotHex => "the data is not hex",
        SkLineError.PayloadTooLarge => "DATALEN is above the payload cap",
        SkLineError.LineTooLong => "line longer than the cap, dropped",
        SkLineError.TruncatedAtEndOfStream => "the stream ended inside a line",
        SkLineError.MalformedBlock => "malformed multi-line block",
        _ => "unrecognised line",
    };
}
