using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BRoute.EchonetLite.Frames;

namespace BRoute.Tests.Session.Support;

/// <summary>Finds the SKSENDTO commands in what the client wrote and decodes their payloads.</summary>
internal static partial class SentFrames
{
    /// <summary>Every SKSENDTO payload to port 0E1A, decoded, in order.</summary>
    public static IReadOnlyList<EchonetFrame> Of(string written)
    {
        var frames = new List<EchonetFrame>();
        foreach (Match m in Header().Matches(written))
        {
            var length = int.Parse(m.Groups["len"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var start = m.Index + m.Length;
            var payload = Encoding.Latin1.GetBytes(written.Substring(start, length));
            frames.Add(FrameCodec.Decode((ReadOnlySpan<byte>)payload));
        }

        return frames;
    }

    [GeneratedRegex("SKSENDTO [1-6] [0-9A-F:]{39} 0E1A [0-2] (?:[01] )?(?<len>[0-9A-F]{4}) ")]
    private static partial Regex Header();
}
