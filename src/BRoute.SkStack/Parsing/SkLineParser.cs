using System.Buffers;
using BRoute.SkStack.Items;

namespace BRoute.SkStack.Parsing;

/// <summary>
/// The reader's grammar entry point: parses the next item (line or block) at the reader's position.
/// Never fails: anything not understood becomes an <see cref="SkGarbledLine"/> item and parsing resumes at the next
/// line; an over-long line is dropped up to its end. Only <see cref="OperationStatus.Done"/> and
/// <see cref="OperationStatus.NeedMoreData"/> are returned.
/// </summary>
public static class SkLineParser
{
    /// <summary>
    /// Done: <paramref name="item"/> is set and the reader is past it. NeedMoreData: no item yet; the reader may have
    /// moved past bytes that are already dealt with (a pending LF, discarded bytes) — those may be released.
    /// </summary>
    public static OperationStatus TryParse(ref SequenceReader<byte> reader, SkParserContext context, out SkItem? item)
    {
        ArgumentNullException.ThrowIfNull(context);
        item = null;
        if (!SkipPending(ref reader, context))
        {
            return OperationStatus.NeedMoreData;
        }

        if (reader.End)
        {
            return OperationStatus.NeedMoreData;
        }

        switch (ErxudpParser.StartsWithKeyword(ref reader))
        {
            case null:
                return OperationStatus.NeedMoreData;
            case true:
                var r = reader;
                var status = ErxudpParser.TryParse(ref r, context.DataMode, context.MaxPayloadLength, context.Addresses, out var erxudp, out var error, out var crAtEnd);
                if (status == OperationStatus.Done)
                {
                    reader = r;
                    context.PendingLineFeed = crAtEnd;
                    item = erxudp;
                    return OperationStatus.Done;
                }

                return status == OperationStatus.NeedMoreData
                    ? OperationStatus.NeedMoreData
                    : Resync(ref reader, context, error, context.MaxLineLength + (2L * context.MaxPayloadLength), out item);
        }

        var lineReader = reader;
        var lineStatus = SkLineReader.TryReadLine(ref lineReader, context.MaxLineLength, out var line, out var lineCr);
        if (lineStatus == OperationStatus.NeedMoreData)
        {
            return OperationStatus.NeedMoreData;
        }

        if (lineStatus == OperationStatus.InvalidData)
        {
            return Resync(ref reader, context, SkLineError.LineTooLong, context.MaxLineLength, out item);
        }

        Span<byte> scratch = stackalloc byte[512];
        byte[]? rented = null;
        try
        {
            var span = SkLineReader.Contiguous(line, scratch, ref rented);
            var trimmed = span.TrimEnd((byte)' ');
            if (trimmed.SequenceEqual("EPANDESC"u8) || trimmed.SequenceEqual("EEDSCAN"u8))
            {
                var blockReader = reader;
                var isPan = trimmed.SequenceEqual("EPANDESC"u8);
                SkItem? block;
                bool blockCr;
                OperationStatus blockStatus;
                if (isPan)
                {
                    blockStatus = SkBlockParser.TryParsePanDescription(ref blockReader, context.MaxLineLength, out var pan, out _, out blockCr, context.EndOfStream);
                    block = pan;
                }
                else
                {
                    blockStatus = SkBlockParser.TryParseEnergyScan(ref blockReader, context.MaxLineLength, out var scan, out _, out blockCr);
                    block = scan;
                }

                switch (blockStatus)
                {
                    case OperationStatus.Done:
                        reader = blockReader;
                        context.PendingLineFeed = blockCr;
                        item = block;
                        return OperationStatus.Done;
                    case OperationStatus.NeedMoreData:
                        return OperationStatus.NeedMoreData;
                    default:
                        // Report the header; the field lines that follow are reported on their own.
                        reader = lineReader;
                        context.PendingLineFeed = lineCr;
                        item = SkSingleLineParser.Garbled(SkLineError.MalformedBlock, span);
                        return OperationStatus.Done;
                }
            }

            item = SkSingleLineParser.Parse(span, context, out var glueAt);
            if (glueAt >= 0)
            {
                reader.Advance(glueAt);
            }
            else
            {
                reader = lineReader;
                context.PendingLineFeed = lineCr;
            }

            return OperationStatus.Done;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Skips the LF of a CR-ended line and the rest of a dropped over-long line. False: need more data.</summary>
    private static bool SkipPending(ref SequenceReader<byte> reader, SkParserContext context)
    {
        if (context.PendingLineFeed)
        {
            if (!reader.TryPeek(out var b))
            {
                return false;
            }

            if (b == (byte)'\n')
            {
                reader.Advance(1);
            }

            context.PendingLineFeed = false;
        }

        if (context.Discarding)
        {
            var probe = reader;
            if (!probe.TryReadToAny(out ReadOnlySequence<byte> _, "\r\n"u8, advancePastDelimiter: false))
            {
                reader.AdvanceToEnd();
                return false;
            }

            SkLineReader.ConsumeTerminator(ref probe, out var cr);
            reader = probe;
            context.Discarding = false;
            context.PendingLineFeed = cr;
            return SkipPending(ref reader, context);
        }

        return true;
    }

    /// <summary>
    /// Reports the line at the reader as garbled and moves past its end. Without a line end within
    /// <paramref name="cap"/> bytes, drops what is there and keeps dropping up to the next line end.
    /// </summary>
    private static OperationStatus Resync(ref SequenceReader<byte> reader, SkParserContext context, SkLineError error, long cap, out SkItem? item)
    {
        var probe = reader;
        if (probe.TryReadToAny(out ReadOnlySequence<byte> line, "\r\n"u8, advancePastDelimiter: false))
        {
            SkLineReader.ConsumeTerminator(ref probe, out var cr);
            item = Garbled(error, line);
            reader = probe;
            context.PendingLineFeed = cr;
            return OperationStatus.Done;
        }

        if (reader.Remaining <= cap)
        {
            item = null;
            return OperationStatus.NeedMoreData;
        }

        item = Garbled(SkLineError.LineTooLong, reader.UnreadSequence);
        reader.AdvanceToEnd();
        context.Discarding = true;
        return OperationStatus.Done;
    }

    /// <summary>A garbled item for bytes that may span segments: masked preview, full length.</summary>
    internal static SkGarbledLine Garbled(SkLineError error, in ReadOnlySequence<byte> line) =>
        new(error, Logging.SkWireText.Format(line), line.Length);
}
