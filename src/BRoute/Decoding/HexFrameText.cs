namespace BRoute.Decoding;

/// <summary>
/// A bare hex ECHONET Lite frame as a user pastes it: one run of hex digits ("1081000105FF01…"),
/// optionally with a "0x" prefix, or bytes separated by spaces or colons starting "10 81".
/// </summary>
public static class HexFrameText
{
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789ABCDEFabcdef");

    /// <summary>
    /// True when the line is meant as a hex frame: a single token of hex digits (at least 2), or
    /// separated two-digit bytes that start with the ECHONET Lite header 10 81. A line of other
    /// words (a command echo, "OK", "EVENT 21 …") is not.
    /// </summary>
    public static bool LooksLikeHex(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return LooksLikeHex(line.AsSpan());
    }

    /// <summary>As <see cref="LooksLikeHex(string)"/>, on a span.</summary>
    public static bool LooksLikeHex(ReadOnlySpan<char> line)
    {
        var text = StripPrefix(line.Trim());
        if (text.Length < 2)
        {
            return false;
        }

        if (!text.ContainsAny(' ', ':'))
        {
            return !text.ContainsAnyExcept(HexDigits);
        }

        // Two-digit bytes separated by runs of spaces or colons, starting 10 81 (checked without splitting: most lines
        // of a log are not frames, and this runs on every one).
        var bytes = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] is ' ' or ':')
            {
                i++;
                continue;
            }

            if (i + 1 >= text.Length || !char.IsAsciiHexDigit(text[i]) || !char.IsAsciiHexDigit(text[i + 1])
                || (i + 2 < text.Length && text[i + 2] is not (' ' or ':')))
            {
                return false;
            }

            if ((bytes == 0 && (text[i] != '1' || text[i + 1] != '0')) || (bytes == 1 && (text[i] != '8' || text[i + 1] != '1')))
            {
                return false;
            }

            bytes++;
            i += 2;
        }

        return bytes >= 2;
    }

    /// <summary>Converts a line for which <see cref="LooksLikeHex(string)"/> holds into bytes.</summary>
    public static bool TryParse(string line, out byte[]? bytes, out string? error)
    {
        ArgumentNullException.ThrowIfNull(line);
        var digits = StripPrefix(line.Trim()).Replace(" ", string.Empty, StringComparison.Ordinal).Replace(":", string.Empty, StringComparison.Ordinal);
        if (digits.Length % 2 != 0)
        {
            bytes = null;
            error = $"the hex frame has an odd number of digits ({digits.Length}): a byte is cut in half";
            return false;
        }

        bytes = Convert.FromHexString(digits);
        error = null;
        return true;
    }

    private static string StripPrefix(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;

    private static ReadOnlySpan<char> StripPrefix(ReadOnlySpan<char> text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
}
