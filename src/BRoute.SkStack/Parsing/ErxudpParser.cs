using System.Buffers;
using System.Net;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;

namespace BRoute.SkStack.Parsing;

/// <summary>
/// The ERXUDP grammar (skstack.md §7) over bytes: the header tokens, the layout told apart by token widths
/// (RSSI = 2 hex, SECURED and SIDE = 1 digit, DATALEN = 4 hex), then exactly DATALEN bytes (binary) or 2 × DATALEN
/// hex characters (ASCII) read by count — never by searching for CR/LF — then the line end.
/// </summary>
public static class ErxudpParser
{
    private const int MaxTokenLength = 48;

    private static ReadOnlySpan<byte> Keyword => "ERXUDP "u8;

    /// <summary>
    /// Parses one ERXUDP line at the reader's position. Done: the reader is past the line end. NeedMoreData: the
    /// line is not complete yet (not an error). InvalidData: <paramref name="error"/> says why; the reader position is
    /// then unspecified (resynchronise from the line start).
    /// </summary>
    /// <param name="dataMode">null = detect per line; otherwise strict.</param>
    /// <param name="crAtEnd">the line ended with a CR that was the last available byte.</param>
    public static OperationStatus TryParse(
        ref SequenceReader<byte> reader,
        ErxudpDataMode? dataMode,
        int maxPayloadLength,
        SkAddressCache? cache,
        out Erxudp? erxudp,
        out SkLineError error,
        out bool crAtEnd)
    {
        erxudp = null;
        error = SkLineError.MalformedLine;
        crAtEnd = false;

        var start = StartsWithKeyword(ref reader);
        if (start is not true)
        {
            return start is null ? OperationStatus.NeedMoreData : OperationStatus.InvalidData;
        }

        reader.Advance(Keyword.Length);

        Span<byte> token = stackalloc byte[MaxTokenLength];
        IPAddress? sender = null, destination = null;
        ushort senderPort = 0, destinationPort = 0;
        ulong mac = 0;
        byte? rssi = null;
        int? side = null;
        var secured = false;
        var layout = ErxudpLayout.NineTokens;
        var dataLength = -1;
        var lineEndAfterLength = false;

        // Tokens 1–5 are the same in every layout.
        for (var index = 1; dataLength < 0; index++)
        {
            var status = ReadToken(ref reader, token, out var length, out var atLineEnd);
            if (status != OperationStatus.Done)
            {
                return status;
            }

            var t = token[..length];
            var ok = index switch
            {
                1 => SkTokens.TryIPv6(t, cache, out sender),
                2 => SkTokens.TryIPv6(t, cache, out destination),
                3 => SkTokens.TryHexUInt16(t, 4, out senderPort),
                4 => SkTokens.TryHexUInt16(t, 4, out destinationPort),
                5 => SkTokens.TryMac(t, out mac),
                _ => AfterMac(t, ref layout, ref rssi, ref secured, ref side, ref dataLength, index),
            };
            if (!ok)
            {
                error = index <= 2 ? SkLineError.BadAddress : index <= 5 ? SkLineError.BadNumber : SkLineError.MalformedLine;
                return OperationStatus.InvalidData;
            }

            if (atLineEnd)
            {
                // Only "DATALEN 0000" may end the line (no data at all).
                if (dataLength != 0)
                {
                    return OperationStatus.InvalidData;
                }

                lineEndAfterLength = true;
            }
        }

        if (dataLength > maxPayloadLength)
        {
            error = SkLineError.PayloadTooLarge;
            return OperationStatus.InvalidData;
        }

        ErxudpDataMode mode;
        if (lineEndAfterLength || dataLength == 0)
        {
            mode = dataMode ?? ErxudpDataMode.AsciiHex;
        }
        else if (dataMode is { } m)
        {
            mode = m;
        }
        else
        {
            // In binary mode the byte right after DATALEN data bytes is the CR; in ASCII mode it is a hex digit.
            if (!reader.TryPeek(dataLength, out var probe))
            {
                return OperationStatus.NeedMoreData;
            }

            if (probe is (byte)'\r' or (byte)'\n')
            {
                mode = ErxudpDataMode.Binary;
            }
            else if (SkTokens.IsHexDigit(probe))
            {
                mode = ErxudpDataMode.AsciiHex;
            }
            else
            {
                error = SkLineError.DataLengthMismatch;
                return OperationStatus.InvalidData;
            }
        }

        var dataChars = mode == ErxudpDataMode.AsciiHex ? 2L * dataLength : dataLength;
        if (reader.Remaining < dataChars + 1)
        {
            if (mode == ErxudpDataMode.AsciiHex && FindNonHex(reader.UnreadSequence, dataChars) is { } bad)
            {
                // A short or corrupt ASCII line: fail now instead of waiting for (and swallowing) the following lines.
                error = NonHexError(bad);
                return OperationStatus.InvalidData;
            }

            return OperationStatus.NeedMoreData;
        }

        var data = dataLength == 0 ? [] : new byte[dataLength];
        if (mode == ErxudpDataMode.AsciiHex)
        {
            var decode = DecodeHex(ref reader, data);
            if (decode != SkLineError.None)
            {
                error = decode;
                return OperationStatus.InvalidData;
            }
        }
        else
        {
            reader.TryCopyTo(data);
            reader.Advance(dataLength);
        }

        if (!SkLineReader.ConsumeTerminator(ref reader, out crAtEnd))
        {
            // Data longer than DATALEN, or a binary payload shorter than announced.
            reader.TryPeek(out var next);
            error = mode == ErxudpDataMode.AsciiHex && !SkTokens.IsHexDigit(next) ? SkLineError.MalformedLine : SkLineError.DataLengthMismatch;
            return OperationStatus.InvalidData;
        }

        erxudp = new Erxudp(sender!, destination!, senderPort, destinationPort, mac, secured, side, rssi, data, layout, mode);
        error = SkLineError.None;
        return OperationStatus.Done;
    }

    /// <summary>Tokens after SENDERLLA, told apart by width: RSSI(2) SECURED(1) SIDE(1) DATALEN(4).</summary>
    private static bool AfterMac(ReadOnlySpan<byte> t, ref ErxudpLayout layout, ref byte? rssi, ref bool secured, ref int? side, ref int dataLength, int index)
    {
        switch (index)
        {
            case 6 when t.Length == 2:
                layout = ErxudpLayout.ElevenTokensWithRssiAndSide;
                var okRssi = SkTokens.TryHexByte(t, out var r);
                rssi = r;
                return okRssi;
            case 6:
                return TrySecured(t, out secured);
            case 7 when layout == ErxudpLayout.ElevenTokensWithRssiAndSide:
                return TrySecured(t, out secured);
            case 7 when t.Length == 1:
                layout = ErxudpLayout.TenTokensWithSide;
                var okSide = SkTokens.TryDigit(t, out var s);
                side = s;
                return okSide;
            case 7:
                return TryLength(t, out dataLength);
            case 8 when layout == ErxudpLayout.ElevenTokensWithRssiAndSide:
                var okSide11 = SkTokens.TryDigit(t, out var s11);
                side = s11;
                return okSide11;
            case 8 when layout == ErxudpLayout.TenTokensWithSide:
                return TryLength(t, out dataLength);
            case 9 when layout == ErxudpLayout.ElevenTokensWithRssiAndSide:
                return TryLength(t, out dataLength);
            default:
                return false;
        }
    }

    private static bool TrySecured(ReadOnlySpan<byte> t, out bool secured)
    {
        secured = t.Length == 1 && t[0] == (byte)'1';
        return t.Length == 1 && t[0] is (byte)'0' or (byte)'1';
    }

    private static bool TryLength(ReadOnlySpan<byte> t, out int dataLength)
    {
        var ok = SkTokens.TryHexUInt16(t, 4, out var v);
        dataLength = ok ? v : -1;
        return ok;
    }

    /// <summary>
    /// One header token: bytes up to a space (consumed) or CR/LF (not consumed, <paramref name="atLineEnd"/> set).
    /// </summary>
    private static OperationStatus ReadToken(ref SequenceReader<byte> reader, scoped Span<byte> scratch, out int length, out bool atLineEnd)
    {
        length = 0;
        atLineEnd = false;
        while (true)
        {
            var span = reader.UnreadSpan;
            if (span.IsEmpty)
            {
                return OperationStatus.NeedMoreData;
            }

            var stop = span.IndexOfAny(SkTokens.SpaceOrLineEnd);
            var take = stop < 0 ? span.Length : stop;
            if (length + take > scratch.Length)
            {
                return OperationStatus.InvalidData;
            }

            span[..take].CopyTo(scratch[length..]);
            length += take;
            reader.Advance(take);
            if (stop >= 0)
            {
                if (span[stop] == (byte)' ')
                {
                    reader.Advance(1);
                }
                else
                {
                    atLineEnd = true;
                }

                return length == 0 ? OperationStatus.InvalidData : OperationStatus.Done;
            }
        }
    }

    /// <summary>
    /// Decodes 2 × data.Length hex characters (enough bytes are known to be available); this is also where a complete
    /// line's data is checked for hex.
    /// </summary>
    private static SkLineError DecodeHex(ref SequenceReader<byte> reader, byte[] data)
    {
        var chars = data.Length * 2;
        var span = reader.UnreadSpan;
        if (span.Length >= chars)
        {
            var status = Convert.FromHexString(span[..chars], data, out _, out _);
            if (status == OperationStatus.Done)
            {
                reader.Advance(chars);
                return SkLineError.None;
            }
        }

        // Split across segments, or bad input: byte by byte, telling a short line from a non-hex character.
        for (var i = 0; i < data.Length; i++)
        {
            reader.TryRead(out var hi);
            reader.TryRead(out var lo);
            var h = SkTokens.HexValue(hi);
            var l = SkTokens.HexValue(lo);
            if (h < 0 || l < 0)
            {
                return NonHexError(h < 0 ? hi : lo);
            }

            data[i] = (byte)((h << 4) | l);
        }

        return SkLineError.None;
    }

    /// <summary>A line end or space inside the data means the line is shorter than DATALEN; anything else is not hex.</summary>
    private static SkLineError NonHexError(byte bad) =>
        bad is (byte)'\r' or (byte)'\n' or (byte)' ' ? SkLineError.DataLengthMismatch : SkLineError.DataNotHex;

    /// <summary>The first non-hex byte among the first <paramref name="count"/> available bytes, if any.</summary>
    private static byte? FindNonHex(ReadOnlySequence<byte> data, long count)
    {
        foreach (var segment in data.Slice(0, Math.Min(count, data.Length)))
        {
            var at = segment.Span.IndexOfAnyExcept(SkTokens.HexDigits);
            if (at >= 0)
            {
                return segment.Span[at];
            }
        }

        return null;
    }

    /// <summary>true: the reader is at <c>ERXUDP </c>; false: at another line; null: too few bytes to tell.</summary>
    internal static bool? StartsWithKeyword(ref SequenceReader<byte> reader)
    {
        if (reader.IsNext(Keyword))
        {
            return true;
        }

        if (reader.Remaining >= Keyword.Length)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[7];
        var n = (int)reader.Remaining;
        reader.TryCopyTo(head[..n]);
        return Keyword.StartsWith(head[..n]) ? null : false;
    }
}
