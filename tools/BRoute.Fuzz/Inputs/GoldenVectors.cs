using System.Text;
using BRoute.Testing;

namespace BRoute.Fuzz.Inputs;

/// <summary>
/// The starting points of every mutation: the 16 ERXUDP lines of seed-trace-decoded.md §1, their ECHONET Lite frames
/// (§6), and the raw serial log seed-trace.log. Read from shared/reference at start, never copied into code.
/// </summary>
public static class GoldenVectors
{
    private static readonly Lazy<string[]> Lines = new(() =>
        ReferenceFiles.ReadLines("seed-trace-decoded.md").Where(l => l.StartsWith("ERXUDP ", StringComparison.Ordinal)).Distinct().ToArray());

    /// <summary>The ERXUDP lines of §1 (ASCII-hex, 9 tokens), without line ends.</summary>
    public static IReadOnlyList<string> ErxudpLines => Lines.Value.Length == 16
        ? Lines.Value
        : throw new InvalidOperationException($"seed-trace-decoded.md §1 should hold 16 ERXUDP lines, found {Lines.Value.Length}");

    /// <summary>The ECHONET Lite frame of each line (its DATA token).</summary>
    public static IReadOnlyList<byte[]> Frames { get; } = ErxudpLines.Select(l => Convert.FromHexString(l[(l.LastIndexOf(' ') + 1)..])).ToArray();

    /// <summary>The seed client's serial log as bytes (echo glue, Japanese prints, ERXUDP lines).</summary>
    public static byte[] SerialLog { get; } = ReferenceFiles.ReadBytes("seed-trace.log");

    /// <summary>A line as it arrives on the wire.</summary>
    public static byte[] Wire(string line) => Encoding.ASCII.GetBytes(line + "\r\n");
}
