using System.Buffers;
using System.Globalization;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;

namespace BRoute.SkStack.Parsing;

/// <summary>
/// Text-level convenience for one pasted ERXUDP line in ASCII-hex mode (e.g. <c>broute decode</c>). It runs the same
/// byte-level grammar as the reader (<see cref="ErxudpParser"/>), after checking the token count.
/// </summary>
public static class ErxudpLine
{
    private static readonly SearchValues<char> Printable = SearchValues.Create(PrintableAscii());

    /// <summary>
    /// Parses <paramref name="line"/> (surrounding whitespace and a trailing CR/LF are ignored). The layout is told by
    /// the token count: 9 = BP35A1/WSR35A1, 10 = C0/C2 (SECURED SIDE), 11 = C0/C2 with SA2=1 (RSSI SECURED SIDE);
    /// DATALEN must match the number of data bytes. On failure <paramref name="error"/> says what is wrong.
    /// </summary>
    public static bool TryParse(string line, out Erxudp? erxudp, out string? error) => TryParse(line, cache: null, out erxudp, out error);

    /// <summary>
    /// As <see cref="TryParse(string, out Erxudp?, out string?)"/>; <paramref name="cache"/> reuses the address objects
    /// of repeated senders and destinations (a log has few), as the reader does. A line in the dongle's own form (single
    /// spaces) goes to the byte grammar without being split into tokens; the tokens are looked at only to explain a failure.
    /// </summary>
    public static bool TryParse(string line, SkAddressCache? cache, out Erxudp? erxudp, out string? error)
    {
        ArgumentNullException.ThrowIfNull(line);
        return TryParse(line.AsSpan(), cache, out erxudp, out error);
    }

    /// <summary>As <see cref="TryParse(string, SkAddressCache?, out Erxudp?, out string?)"/>, on a span (no string per line).</summary>
    public static bool TryParse(ReadOnlySpan<char> line, SkAddressCache? cache, out Erxudp? erxudp, out string? error)
    {
        erxudp = null;
        var text = line.Trim();
        var outside = text.IndexOfAnyExceptInRange(' ', '~');
        if (outside >= 0 && text[outside..].ContainsAnyExcept(Printable))
        {
            error = "the line contains a character that is not printable ASCII";
            return false;
        }

        // Trimmed, so no space comes first: single spaces and no tab make the dongle's own form.
        var count = text.Count(' ') + 1;
        var canonical = outside < 0 && !text.Contains("  ", StringComparison.Ordinal);

        if (!canonical)
        {
            return TryParseTokens(text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries), cache, out erxudp, out error);
        }

        if (!text.StartsWith("ERXUDP ", StringComparison.Ordinal) || count is < 9 or > 11)
        {
            return TryParseTokens(text.ToString().Split(' '), cache, out erxudp, out error);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(text.Length + 2);
        try
        {
            var length = System.Text.Encoding.ASCII.GetBytes(text, buffer);
            buffer[length++] = (byte)'\r';
            buffer[length++] = (byte)'\n';
            if (TryGrammar(buffer.AsMemory(0, length), count, cache, out erxudp))
            {
                error = null;
                return true;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return TryParseTokens(text.ToString().Split(' '), cache, out erxudp, out error);
    }

    /// <summary>
    /// The fast path for a line read as bytes (<c>broute decode</c> on standard input): true only for an ERXUDP line in
    /// the dongle's own form — printable ASCII, <c>ERXUDP</c> first, single spaces, 9 to 11 tokens, nothing around it —
    /// that parses cleanly, with the result <see cref="TryParse(ReadOnlySpan{char}, SkAddressCache?, out Erxudp?, out string?)"/>
    /// gives for the same characters. False for anything else, without a reason: the caller then asks the character form,
    /// which says why.
    /// </summary>
    public static bool TryParseCanonical(ReadOnlySpan<byte> line, SkAddressCache? cache, out Erxudp? erxudp)
    {
        erxudp = null;
        if (!line.StartsWith("ERXUDP "u8) || line[^1] == (byte)' ' || line.IndexOfAnyExceptInRange((byte)' ', (byte)'~') >= 0
            || line.IndexOf("  "u8) >= 0)
        {
            return false;
        }

        var count = line.Count((byte)' ') + 1;
        if (count is < 9 or > 11)
        {
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(line.Length + 2);
        try
        {
            line.CopyTo(buffer);
            buffer[line.Length] = (byte)'\r';
            buffer[line.Length + 1] = (byte)'\n';
            return TryGrammar(buffer.AsMemory(0, line.Length + 2), count, cache, out erxudp);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool TryParseTokens(string[] tokens, SkAddressCache? cache, out Erxudp? erxudp, out string? error)
    {
        erxudp = null;
        if (tokens.Length == 0 || tokens[0] != "ERXUDP")
        {
            error = "not an ERXUDP line (it must start with \"ERXUDP \")";
            return false;
        }

        if (LayoutOf(tokens.Length) is not ErxudpLayout expected)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"ERXUDP has {tokens.Length} tokens; expected 9 (BP35A1: … SECURED DATALEN DATA), 10 (C0/C2: … SECURED SIDE DATALEN DATA) or 11 (C0/C2 with SA2=1: … RSSI SECURED SIDE DATALEN DATA)");
            return false;
        }

        // Canonical single spaces, then the wire terminator, through the byte grammar.
        var bytes = System.Text.Encoding.ASCII.GetBytes(string.Join(' ', tokens) + "\r\n");
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        var status = ErxudpParser.TryParse(ref reader, ErxudpDataMode.AsciiHex, ushort.MaxValue, cache, out var parsed, out var lineError, out _);
        if (status == OperationStatus.Done && reader.End && parsed is not null)
        {
            if (parsed.Layout != expected)
            {
                error = $"the tokens after SENDERLLA do not fit the {tokens.Length}-token layout (expected widths: RSSI 2 hex, SECURED 0/1, SIDE 1 digit, DATALEN 4 hex)";
                return false;
            }

            erxudp = parsed;
            error = null;
            return true;
        }

        error = Explain(tokens, expected, status == OperationStatus.Done ? SkLineError.MalformedLine : lineError);
        return false;
    }

    // The line in canonical form with CR LF: parsed by the byte grammar; false for anything short of a clean parse
    // (the token path then says why).
    private static bool TryGrammar(ReadOnlyMemory<byte> bytes, int tokenCount, SkAddressCache? cache, out Erxudp? erxudp)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        var status = ErxudpParser.TryParse(ref reader, ErxudpDataMode.AsciiHex, ushort.MaxValue, cache, out var parsed, out _, out _);
        erxudp = status == OperationStatus.Done && reader.End && parsed is not null && parsed.Layout == LayoutOf(tokenCount) ? parsed : null;
        return erxudp is not null;
    }

    private static ErxudpLayout? LayoutOf(int tokenCount) => tokenCount switch
    {
        9 => ErxudpLayout.NineTokens,
        10 => ErxudpLayout.TenTokensWithSide,
        11 => ErxudpLayout.ElevenTokensWithRssiAndSide,
        _ => null,
    };

    private static string Explain(string[] tokens, ErxudpLayout layout, SkLineError lineError)
    {
        var lengthIndex = tokens.Length - 2;
        var dataToken = tokens[^1];
        switch (lineError)
        {
            case SkLineError.BadAddress:
                return "SENDER and DEST must be IPv6 addresses (e.g. FE80:0000:0000:0000:021D:1290:1234:5678)";
            case SkLineError.BadNumber:
                return "RPORT and LPORT must be 4 hex digits and SENDERLLA 16 hex digits";
            case SkLineError.DataNotHex:
                return "the data is not hex (this decoder reads ASCII-hex mode lines, WOPT 01)";
            case SkLineError.DataLengthMismatch:
                if (ushort.TryParse(tokens[lengthIndex], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var declared))
                {
                    return string.Create(
                        CultureInfo.InvariantCulture,
                        $"DATALEN {tokens[lengthIndex]} announces {declared} bytes ({declared * 2} hex characters) but the data has {dataToken.Length} hex characters{(dataToken.Length % 2 == 1 ? " (an odd count)" : string.Empty)}");
                }

                return "DATALEN does not match the data";
            default:
                return layout switch
                {
                    ErxudpLayout.NineTokens => "malformed 9-token ERXUDP: expected … SENDERLLA SECURED(0/1) DATALEN(4 hex) DATA",
                    ErxudpLayout.TenTokensWithSide => "malformed 10-token ERXUDP: expected … SENDERLLA SECURED(0/1) SIDE(0/1) DATALEN(4 hex) DATA",
                    _ => "malformed 11-token ERXUDP: expected … SENDERLLA RSSI(2 hex) SECURED(0/1) SIDE(0/1) DATALEN(4 hex) DATA",
                };
        }
    }

    private static string PrintableAscii()
    {
        var chars = new char[96];
        chars[0] = '\t';
        for (var c = ' '; c <= '~'; c++)
        {
            chars[c - ' ' + 1] = c;
        }

        return new string(chars);
    }
}
