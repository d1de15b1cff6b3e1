namespace BRoute.Decoding;

/// <summary>
/// A bare hex ECHONET Lite frame as a user pastes it: one run of hex digits ("1081000105FF01…"),
/// optionally with a "0x" prefix, or bytes separated by spaces or colons starting "10 81".
/// </summary>
public static class HexFrameText
{
    /// <summary>
    /// True when the line is meant as a hex frame: a single token of hex digits (at least 2), or
    /// separated two-digit bytes that start with the ECHONET Lite header 10 81. A line of other
    /// words (a command echo, "OK", "EVENT 21 …") is not.
    /// </summary>
    public static bool LooksLikeHex(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = StripPrefix(line.Trim());
        if (text.Length < 2)
        {
            return false;
        }

        if (!text.Contains(' ') && !text.Contains(':'))
        {
            return text.All(char.IsAsciiHexDigit);
        }

        var parts = text.Split([' ', ':'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2
            && parts[0] == "10" && parts[1] == "81"
            && parts.All(p => p.Length == 2 && p.All(char.IsAsciiHexDigit));
    }

    /// <summary>Converts a line for which <see cref="LooksLikeHex"/> holds into bytes.</summary>
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
}
