using System.Buffers;
using BRoute.SkStack.Items;

namespace BRoute.SkStack.Parsing;

/// <summary>Multi-line blocks: EPANDESC and EEDSCAN (skstack.md §6).</summary>
public static class SkBlockParser
{
    /// <summary>
    /// Parses an <c>EPANDESC</c> block: the header, Channel, Channel Page, Pan ID, Addr, LQI, then optional
    /// <c>Side</c> and <c>PairID</c>. Whether an optional field follows is decided by the first byte of the next line,
    /// so a block that ends at LQI or Side completes only when the next line starts to arrive.
    /// </summary>
    /// <param name="endOfStream">no more data will come: the block ends where the data ends.</param>
    public static OperationStatus TryParsePanDescription(
        ref SequenceReader<byte> reader, int maxLineLength, out SkPanDescription? description, out SkLineError error, out bool crAtEnd, bool endOfStream = false)
    {
        description = null;
        error = SkLineError.MalformedBlock;
        var r = reader;
        Span<byte> scratch = stackalloc byte[MaxFieldLine];
        var status = ReadHeader(ref r, maxLineLength, scratch, "EPANDESC"u8, out crAtEnd);
        if (status != OperationStatus.Done)
        {
            return status;
        }

        ulong channel = 0, page = 0, panId = 0, mac = 0, lqi = 0;
        status = Field(ref r, maxLineLength, "Channel:"u8, 1, 2, scratch, ref channel, out crAtEnd);
        status = status == OperationStatus.Done ? Field(ref r, maxLineLength, "Channel Page:"u8, 1, 2, scratch, ref page, out crAtEnd) : status;
        status = status == OperationStatus.Done ? Field(ref r, maxLineLength, "Pan ID:"u8, 1, 4, scratch, ref panId, out crAtEnd) : status;
        status = status == OperationStatus.Done ? Field(ref r, maxLineLength, "Addr:"u8, 16, 16, scratch, ref mac, out crAtEnd) : status;
        status = status == OperationStatus.Done ? Field(ref r, maxLineLength, "LQI:"u8, 1, 2, scratch, ref lqi, out crAtEnd) : status;
        if (status != OperationStatus.Done)
        {
            return status;
        }

        int? side = null;
        string? pairId = null;
        while (pairId is null)
        {
            if (!r.TryPeek(out var next))
            {
                if (endOfStream)
                {
                    break;
                }

                return OperationStatus.NeedMoreData;
            }

            if (next != (byte)' ')
            {
                break;
            }

            var lineReader = r;
            status = ReadField(ref lineReader, maxLineLength, scratch, out var length, out var cr);
            if (status != OperationStatus.Done)
            {
                return status;
            }

            var text = scratch[..length];
            if (side is null && text.StartsWith("Side:"u8))
            {
                if (!SkTokens.TryDigit(text[5..], out var s))
                {
                    return OperationStatus.InvalidData;
                }

                side = s;
            }
            else if (text.StartsWith("PairID:"u8) && text.Length > 7)
            {
                pairId = System.Text.Encoding.ASCII.GetString(text[7..]);
            }
            else
            {
                break; // not part of this block
            }

            r = lineReader;
            crAtEnd = cr;
        }

        description = new SkPanDescription((byte)channel, (byte)page, (ushort)panId, mac, (byte)lqi, side, pairId);
        error = SkLineError.None;
        reader = r;
        return OperationStatus.Done;
    }

    /// <summary>Parses an <c>EEDSCAN</c> block: the header and one line of <c>&lt;CH&gt; &lt;LQI&gt;</c> pairs.</summary>
    public static OperationStatus TryParseEnergyScan(
        ref SequenceReader<byte> reader, int maxLineLength, out SkEnergyScan? scan, out SkLineError error, out bool crAtEnd)
    {
        scan = null;
        error = SkLineError.MalformedBlock;
        var r = reader;
        Span<byte> scratch = stackalloc byte[256];
        var status = ReadHeader(ref r, maxLineLength, scratch, "EEDSCAN"u8, out crAtEnd);
        if (status != OperationStatus.Done)
        {
            return status;
        }

        status = SkLineReader.TryReadLine(ref r, maxLineLength, out var line, out crAtEnd);
        if (status != OperationStatus.Done)
        {
            return status;
        }

        byte[]? rented = null;
        try
        {
            var tokens = new SpanTokenizer(SkLineReader.Contiguous(line, scratch, ref rented));
            var pairs = new List<SkChannelLqi>(28);
            while (tokens.TryNext(out var ch))
            {
                if (!SkTokens.TryHexByte(ch, out var channel) || !tokens.TryNext(out var l) || !SkTokens.TryHexByte(l, out var lqi))
                {
                    return OperationStatus.InvalidData;
                }

                pairs.Add(new SkChannelLqi(channel, lqi));
            }

            if (pairs.Count == 0)
            {
                return OperationStatus.InvalidData;
            }

            scan = new SkEnergyScan(pairs);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        error = SkLineError.None;
        reader = r;
        return OperationStatus.Done;
    }

    /// <summary>Longest header or field line of a block ("  Channel Page:09" is 16 bytes): keeps a bogus block from buffering much.</summary>
    private const int MaxFieldLine = 64;

    /// <summary>The header line: the keyword alone (trailing spaces allowed).</summary>
    private static OperationStatus ReadHeader(ref SequenceReader<byte> r, int maxLineLength, scoped Span<byte> scratch, ReadOnlySpan<byte> keyword, out bool crAtEnd)
    {
        var status = SkLineReader.TryReadLine(ref r, Math.Min(maxLineLength, MaxFieldLine), out var line, out crAtEnd);
        if (status != OperationStatus.Done)
        {
            return status;
        }

        line.CopyTo(scratch);
        return scratch[..(int)line.Length].TrimEnd((byte)' ').SequenceEqual(keyword) ? OperationStatus.Done : OperationStatus.InvalidData;
    }

    /// <summary>One indented <c>Name:HEX</c> line.</summary>
    private static OperationStatus Field(
        ref SequenceReader<byte> r, int maxLineLength, ReadOnlySpan<byte> name, int minDigits, int maxDigits, scoped Span<byte> scratch, ref ulong value, out bool crAtEnd)
    {
        var status = ReadField(ref r, maxLineLength, scratch, out var length, out crAtEnd);
        if (status != OperationStatus.Done)
        {
            return status;
        }

        var text = scratch[..length];
        return text.StartsWith(name) && SkTokens.TryHex(text[name.Length..], minDigits, maxDigits, out value)
            ? OperationStatus.Done
            : OperationStatus.InvalidData;
    }

    /// <summary>
    /// One indented field line (at most <see cref="MaxFieldLine"/> bytes): its text without the surrounding spaces is
    /// copied to the start of <paramref name="scratch"/>. InvalidData when it is not indented.
    /// </summary>
    private static OperationStatus ReadField(ref SequenceReader<byte> r, int maxLineLength, scoped Span<byte> scratch, out int length, out bool crAtEnd)
    {
        length = 0;
        var status = SkLineReader.TryReadLine(ref r, Math.Min(maxLineLength, MaxFieldLine), out var line, out crAtEnd);
        if (status != OperationStatus.Done)
        {
            return status;
        }

        line.CopyTo(scratch);
        var field = scratch[..(int)line.Length];
        if (field.IsEmpty || field[0] != (byte)' ')
        {
            return OperationStatus.InvalidData;
        }

        var text = field.Trim((byte)' ');
        text.CopyTo(scratch);
        length = text.Length;
        return OperationStatus.Done;
    }
}
