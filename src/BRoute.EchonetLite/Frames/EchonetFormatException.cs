namespace BRoute.EchonetLite.Frames;

/// <summary>
/// A frame that is not valid ECHONET Lite: says what is wrong and at which byte offset.
/// </summary>
public sealed class EchonetFormatException : FormatException
{
    public EchonetFormatException(string message, int offset)
        : base($"{message} (at byte {offset})")
    {
        Offset = offset;
        Problem = message;
    }

    /// <summary>Byte offset in the frame where the problem was found.</summary>
    public int Offset { get; }

    /// <summary>The problem, without the offset.</summary>
    public string Problem { get; }
}
