using System.Buffers;

namespace BRoute.SkStack.Parsing;

/// <summary>Line framing: a line ends at the first CR or LF; CR LF, CR alone and LF alone all end a line.</summary>
internal static class SkLineReader
{
    /// <summary>
    /// Reads the bytes up to the first CR/LF and consumes the terminator. NeedMoreData without a terminator;
    /// InvalidData when the line is longer than <paramref name="maxLength"/> (with or without terminator).
    /// <paramref name="crAtEnd"/>: the line ended with a CR that is the last available byte (a LF may follow).
    /// </summary>
    internal static OperationStatus TryReadLine(ref SequenceReader<byte> reader, int maxLength, out ReadOnlySequence<byte> line, out bool crAtEnd)
    {
        crAtEnd = false;
        var probe = reader;
        if (!probe.TryReadToAny(out line, "\r\n"u8, advancePastDelimiter: false))
        {
            line = default;
            return reader.Remaining > maxLength ? OperationStatus.InvalidData : OperationStatus.NeedMoreData;
        }

        if (line.Length > maxLength)
        {
            return OperationStatus.InvalidData;
        }

        ConsumeTerminator(ref probe, out crAtEnd);
        reader = probe;
        return OperationStatus.Done;
    }

    /// <summary>
    /// At a CR or LF: consumes CR LF, CR or LF. Returns false (nothing consumed) when the next byte is not CR/LF or
    /// there is none.
    /// </summary>
    internal static bool ConsumeTerminator(ref SequenceReader<byte> reader, out bool crAtEnd)
    {
        crAtEnd = false;
        if (!reader.TryPeek(out var b) || b is not ((byte)'\r' or (byte)'\n'))
        {
            return false;
        }

        reader.Advance(1);
        if (b == (byte)'\r')
        {
            if (reader.TryPeek(out var next))
            {
                if (next == (byte)'\n')
                {
                    reader.Advance(1);
                }
            }
            else
            {
                crAtEnd = true;
            }
        }

        return true;
    }

    /// <summary>Gives a contiguous view of <paramref name="line"/>, copying into <paramref name="scratch"/> or a rented array when split.</summary>
    internal static ReadOnlySpan<byte> Contiguous(in ReadOnlySequence<byte> line, Span<byte> scratch, ref byte[]? rented)
    {
        if (line.IsSingleSegment)
        {
            return line.FirstSpan;
        }

        var length = (int)line.Length;
        var target = scratch;
        if (length > scratch.Length)
        {
            rented = ArrayPool<byte>.Shared.Rent(length);
            target = rented;
        }

        line.CopyTo(target);
        return target[..length];
    }
}
