namespace BRoute.Decoding;

/// <summary>What one input line turned out to be.</summary>
public abstract record TraceLine(int LineNumber)
{
    /// <summary>A line that is neither ERXUDP nor a hex frame (a command echo, OK, EVENT …): skipped.</summary>
    public sealed record Skipped(int LineNumber) : TraceLine(LineNumber);

    /// <summary>A frame that decoded.</summary>
    public sealed record Decoded(DecodedFrame Frame) : TraceLine(Frame.LineNumber);

    /// <summary>A line that looks like ERXUDP or hex but does not decode.</summary>
    public sealed record Failed(int LineNumber, string Problem) : TraceLine(LineNumber);
}
