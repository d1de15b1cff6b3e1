using System.Net;
using System.Text;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;
using BRoute.SkStack.Logging;

namespace BRoute.SkStack.Parsing;

/// <summary>
/// Classifies one complete line (terminator excluded) that is not ERXUDP and not a block header.
/// </summary>
internal static class SkSingleLineParser
{
    private static readonly byte[][] TableHeaders =
        ["EADDR"u8.ToArray(), "ENEIGHBOR"u8.ToArray(), "ENBR"u8.ToArray(), "ESEC"u8.ToArray(), "EPORT"u8.ToArray(), "EHANDLE"u8.ToArray()];

    private static readonly byte[][] ProductCommands = ["ROPT"u8.ToArray(), "WOPT"u8.ToArray(), "RUART"u8.ToArray(), "WUART"u8.ToArray()];

    private static readonly byte[][] KnownCommands =
    [
        "SKSENDTO"u8.ToArray(), "SKSCAN"u8.ToArray(), "SKJOIN"u8.ToArray(), "SKREJOIN"u8.ToArray(), "SKTERM"u8.ToArray(),
        "SKPING"u8.ToArray(), "SKLL64"u8.ToArray(), "SKADDNBR"u8.ToArray(), "SKSREG"u8.ToArray(), "SKSETPWD"u8.ToArray(),
        "SKSETRBID"u8.ToArray(), "SKVER"u8.ToArray(), "SKAPPVER"u8.ToArray(), "SKINFO"u8.ToArray(), "SKRESET"u8.ToArray(),
        "SKTABLE"u8.ToArray(), "SKUDPPORT"u8.ToArray(), "SKSAVE"u8.ToArray(), "SKLOAD"u8.ToArray(), "SKERASE"u8.ToArray(),
    ];

    /// <summary>
    /// Parses <paramref name="line"/>. <paramref name="glueAt"/> ≥ 0 means only the first <paramref name="glueAt"/> bytes
    /// form the returned item: another line (ERXUDP, EVENT, an echo) was glued onto it and starts there.
    /// </summary>
    internal static SkItem Parse(ReadOnlySpan<byte> line, SkParserContext context, out int glueAt)
    {
        glueAt = -1;
        var tokens = new SpanTokenizer(line);
        if (!tokens.TryNext(out var first))
        {
            return SkBlankLine.Instance;
        }

        if (first.SequenceEqual("OK"u8))
        {
            context.InTable = false;
            if (!tokens.TryNext(out var value))
            {
                return SkOk.Plain;
            }

            return tokens.AtEnd ? new SkOk(Ascii(value)) : Garbled(SkLineError.MalformedLine, line);
        }

        if (first.SequenceEqual("FAIL"u8))
        {
            context.InTable = false;
            return tokens.TryNext(out var code) && tokens.AtEnd && code.Length is 3 or 4 && code.StartsWith("ER"u8)
                && SkTokens.TryDecimal(code[2..], out var number)
                ? new SkFail((SkErrorCode)number)
                : Garbled(SkLineError.MalformedLine, line);
        }

        if (first.SequenceEqual("EVENT"u8))
        {
            return ParseEvent(ref tokens, line, context);
        }

        if (first.SequenceEqual("EVER"u8))
        {
            return tokens.AtEnd ? Garbled(SkLineError.MalformedLine, line) : new SkVersionLine(Ascii(tokens.Rest.TrimEnd((byte)' ')));
        }

        if (first.SequenceEqual("EAPPVER"u8))
        {
            return tokens.AtEnd ? Garbled(SkLineError.MalformedLine, line) : new SkAppVersionLine(Ascii(tokens.Rest.TrimEnd((byte)' ')));
        }

        if (first.SequenceEqual("ESREG"u8))
        {
            return tokens.TryNext(out var value) && tokens.AtEnd ? new SkRegisterValue(Ascii(value)) : Garbled(SkLineError.MalformedLine, line);
        }

        if (first.SequenceEqual("EINFO"u8))
        {
            return ParseInfo(ref tokens, line, context);
        }

        if (first.SequenceEqual("EPONG"u8))
        {
            if (!tokens.TryNext(out var ip) || !SkTokens.TryIPv6(ip, context.Addresses, out var address))
            {
                return Garbled(SkLineError.BadAddress, line);
            }

            int? side = null;
            if (tokens.TryNext(out var s))
            {
                if (!SkTokens.TryDigit(s, out var d) || !tokens.AtEnd)
                {
                    return Garbled(SkLineError.MalformedLine, line);
                }

                side = d;
            }

            return new SkPong(address!, side);
        }

        foreach (var header in TableHeaders)
        {
            if (first.SequenceEqual(header))
            {
                if (!tokens.AtEnd)
                {
                    return Garbled(SkLineError.MalformedLine, line);
                }

                context.InTable = true;
                return new SkTableHeader(Ascii(first));
            }
        }

        if (IsEcho(first))
        {
            var glue = FindGlue(line, 1, includeCommands: false);
            if (glue > 0)
            {
                glueAt = glue;
                return new SkEchoLine(SkWireText.FormatLine(line[..glue]));
            }

            return new SkEchoLine(SkWireText.FormatLine(line));
        }

        // A bare IPv6 address (SKLL64 reply, EADDR row) or an ENEIGHBOR row.
        if (first.IndexOf((byte)':') >= 0 && SkTokens.TryIPv6(first, context.Addresses, out var firstAddress))
        {
            if (tokens.AtEnd)
            {
                return new SkAddressLine(firstAddress!);
            }

            if (tokens.TryNext(out var mac) && SkTokens.TryMac(mac, out var mac64)
                && tokens.TryNext(out var a16) && SkTokens.TryHexUInt16(a16, 4, out var addr16) && tokens.AtEnd)
            {
                return new SkNeighborEntry(firstAddress!, mac64, addr16);
            }
        }

        var unknownGlue = FindGlue(line, 1, includeCommands: true);
        if (unknownGlue > 0)
        {
            glueAt = unknownGlue;
            line = line[..unknownGlue];
        }

        return context.InTable ? new SkTableRow(SkWireText.FormatLine(line)) : Garbled(SkLineError.UnknownLine, line);
    }

    internal static SkGarbledLine Garbled(SkLineError error, ReadOnlySpan<byte> line) =>
        new(error, SkWireText.Format(line), line.Length);

    private static SkItem ParseEvent(ref SpanTokenizer tokens, ReadOnlySpan<byte> line, SkParserContext context)
    {
        if (!tokens.TryNext(out var num) || num.Length != 2 || !SkTokens.TryHexByte(num, out var code))
        {
            return Garbled(SkLineError.BadNumber, line);
        }

        IPAddress? address = null;
        int? side = null;
        byte? parameter = null;
        var hasToken = tokens.TryNext(out var t);
        if (hasToken && t.IndexOf((byte)':') >= 0)
        {
            if (!SkTokens.TryIPv6(t, context.Addresses, out address))
            {
                return Garbled(SkLineError.BadAddress, line);
            }

            hasToken = tokens.TryNext(out t);
        }
        else if (code != (byte)SkEventCode.WokeUp)
        {
            // Every event but C0 carries the address (skstack.md §5).
            return Garbled(SkLineError.BadAddress, line);
        }

        if (hasToken && t.Length == 1)
        {
            if (!SkTokens.TryDigit(t, out var s))
            {
                return Garbled(SkLineError.MalformedLine, line);
            }

            side = s;
            hasToken = tokens.TryNext(out t);
        }

        if (hasToken)
        {
            if (t.Length != 2 || !SkTokens.TryHexByte(t, out var p))
            {
                return Garbled(SkLineError.BadNumber, line);
            }

            parameter = p;
        }

        return tokens.AtEnd ? new SkEvent((SkEventCode)code, address, side, parameter) : Garbled(SkLineError.MalformedLine, line);
    }

    private static SkItem ParseInfo(ref SpanTokenizer tokens, ReadOnlySpan<byte> line, SkParserContext context)
    {
        if (!tokens.TryNext(out var ip) || !SkTokens.TryIPv6(ip, context.Addresses, out var address))
        {
            return Garbled(SkLineError.BadAddress, line);
        }

        if (tokens.TryNext(out var mac) && SkTokens.TryMac(mac, out var mac64)
            && tokens.TryNext(out var ch) && SkTokens.TryHexByte(ch, out var channel)
            && tokens.TryNext(out var pan) && SkTokens.TryHexUInt16(pan, 1, out var panId)
            && tokens.TryNext(out var fifth) && SkTokens.TryHex(fifth, 1, 4, out _)
            && tokens.AtEnd)
        {
            return new SkInfo(address!, mac64, channel, panId, Ascii(fifth));
        }

        return Garbled(SkLineError.MalformedLine, line);
    }

    /// <summary>An echoed command: SK followed by upper-case letters/digits, or a product-setting command.</summary>
    private static bool IsEcho(ReadOnlySpan<byte> first)
    {
        foreach (var command in ProductCommands)
        {
            if (first.SequenceEqual(command))
            {
                return true;
            }
        }

        if (first.Length < 4 || !first.StartsWith("SK"u8))
        {
            return false;
        }

        foreach (var b in first[2..])
        {
            if (b is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Where an asynchronous line (ERXUDP, EVENT) or an echoed command starts inside a line, or -1.</summary>
    private static int FindGlue(ReadOnlySpan<byte> line, int from, bool includeCommands)
    {
        var best = -1;
        Consider(line, from, "ERXUDP "u8, ref best);
        Consider(line, from, "EVENT "u8, ref best);
        if (includeCommands)
        {
            foreach (var command in KnownCommands)
            {
                Consider(line, from, command, ref best);
            }
        }

        return best;
    }

    private static void Consider(ReadOnlySpan<byte> line, int from, ReadOnlySpan<byte> keyword, ref int best)
    {
        if (from >= line.Length)
        {
            return;
        }

        var at = line[from..].IndexOf(keyword);
        if (at >= 0 && (best < 0 || from + at < best))
        {
            best = from + at;
        }
    }

    private static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);
}
