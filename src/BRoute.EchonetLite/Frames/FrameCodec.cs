using System.Buffers;
using System.Buffers.Binary;

namespace BRoute.EchonetLite.Frames;

/// <summary>
/// Encodes and decodes ECHONET Lite frames (echonet-lite.md §2, §6). Pure: bytes in, values out.
/// </summary>
public static class FrameCodec
{
    /// <summary>EHD1 for ECHONET Lite.</summary>
    public const byte Ehd1 = 0x10;

    /// <summary>EHD2 for the specified message format (format 1).</summary>
    public const byte Ehd2Format1 = 0x81;

    /// <summary>Header through OPC: EHD1, EHD2, TID(2), SEOJ(3), DEOJ(3), ESV, OPC.</summary>
    public const int HeaderLength = 12;

    /// <summary>
    /// Decodes a frame. The returned properties slice <paramref name="frame"/> without copying,
    /// so the caller must not reuse that buffer while the frame is in use.
    /// </summary>
    /// <exception cref="EchonetFormatException">The bytes are not a complete, valid frame.</exception>
    public static EchonetFrame Decode(ReadOnlyMemory<byte> frame)
    {
        if (!TryDecode(frame, out var result, out var error))
        {
            throw error!;
        }

        return result!;
    }

    /// <summary>Decodes a frame from a span, copying the property data once.</summary>
    /// <exception cref="EchonetFormatException">The bytes are not a complete, valid frame.</exception>
    public static EchonetFrame Decode(ReadOnlySpan<byte> frame) => Decode((ReadOnlyMemory<byte>)frame.ToArray());

    /// <summary>Decodes a frame; on failure returns false with a precise error and never throws.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> frame, out EchonetFrame? result, out EchonetFormatException? error)
    {
        result = null;
        var span = frame.Span;
        if (span.Length < HeaderLength)
        {
            error = new EchonetFormatException($"frame is {span.Length} bytes, shorter than the {HeaderLength}-byte header", span.Length);
            return false;
        }

        if (span[0] != Ehd1)
        {
            error = new EchonetFormatException($"EHD1 is 0x{span[0]:X2}, expected 0x10 (ECHONET Lite)", 0);
            return false;
        }

        if (span[1] != Ehd2Format1)
        {
            error = new EchonetFormatException(
                span[1] == 0x82
                    ? "EHD2 is 0x82 (arbitrary message format), which is not supported"
                    : $"EHD2 is 0x{span[1]:X2}, expected 0x81 (specified message format)",
                1);
            return false;
        }

        var tid = BinaryPrimitives.ReadUInt16BigEndian(span[2..]);
        var seoj = new Eoj(span[4], span[5], span[6]);
        var deoj = new Eoj(span[7], span[8], span[9]);
        var esv = (Esv)span[10];
        var offset = 11;

        if (!TryReadProperties(frame, ref offset, out var first, out error))
        {
            return false;
        }

        EchonetProperty[]? second = null;
        if (esv.IsSetGet() && !TryReadProperties(frame, ref offset, out second, out error))
        {
            return false;
        }

        if (offset != span.Length)
        {
            error = new EchonetFormatException($"{span.Length - offset} trailing byte(s) after the last property block", offset);
            return false;
        }

        result = new EchonetFrame(tid, seoj, deoj, esv, first, second);
        error = null;
        return true;
    }

    private static bool TryReadProperties(ReadOnlyMemory<byte> frame, ref int offset, out EchonetProperty[] properties, out EchonetFormatException? error)
    {
        var span = frame.Span;
        properties = [];
        if (offset >= span.Length)
        {
            error = new EchonetFormatException("frame ends before the OPC byte", offset);
            return false;
        }

        int opc = span[offset++];
        properties = opc == 0 ? [] : new EchonetProperty[opc];
        for (var i = 0; i < opc; i++)
        {
            if (offset + 2 > span.Length)
            {
                error = new EchonetFormatException($"frame ends inside property block {i + 1} of {opc} (EPC/PDC missing)", offset);
                return false;
            }

            var epc = span[offset];
            int pdc = span[offset + 1];
            offset += 2;
            if (offset + pdc > span.Length)
            {
                error = new EchonetFormatException(
                    $"PDC of EPC 0x{epc:X2} is {pdc} but only {span.Length - offset} byte(s) remain", offset - 1);
                return false;
            }

            properties[i] = new EchonetProperty(epc, frame.Slice(offset, pdc));
            offset += pdc;
        }

        error = null;
        return true;
    }

    /// <summary>Number of bytes <see cref="Encode(EchonetFrame, IBufferWriter{byte})"/> writes.</summary>
    public static int GetEncodedLength(EchonetFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var length = HeaderLength + BlocksLength(frame.Properties);
        if (frame.Esv.IsSetGet())
        {
            length += 1 + BlocksLength(frame.GetProperties);
        }

        return length;

        static int BlocksLength(IReadOnlyList<EchonetProperty> list)
        {
            var n = 0;
            foreach (var p in list)
            {
                n += 2 + p.Pdc;
            }

            return n;
        }
    }

    /// <summary>Writes the frame and returns the number of bytes written.</summary>
    /// <exception cref="ArgumentException">More than 255 properties, or an EDT longer than 255 bytes.</exception>
    public static int Encode(EchonetFrame frame, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var length = GetEncodedLength(frame);
        var span = writer.GetSpan(length)[..length];
        Write(frame, span);
        writer.Advance(length);
        return length;
    }

    /// <summary>Encodes the frame into a new array.</summary>
    public static byte[] Encode(EchonetFrame frame)
    {
        var bytes = new byte[GetEncodedLength(frame)];
        Write(frame, bytes);
        return bytes;
    }

    private static void Write(EchonetFrame frame, Span<byte> span)
    {
        span[0] = Ehd1;
        span[1] = Ehd2Format1;
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], frame.Tid);
        span[4] = frame.Seoj.ClassGroup;
        span[5] = frame.Seoj.Class;
        span[6] = frame.Seoj.Instance;
        span[7] = frame.Deoj.ClassGroup;
        span[8] = frame.Deoj.Class;
        span[9] = frame.Deoj.Instance;
        span[10] = (byte)frame.Esv;
        var offset = 11;
        WriteBlocks(frame.Properties, span, ref offset);
        if (frame.Esv.IsSetGet())
        {
            WriteBlocks(frame.GetProperties, span, ref offset);
        }
    }

    private static void WriteBlocks(IReadOnlyList<EchonetProperty> list, Span<byte> span, ref int offset)
    {
        if (list.Count > byte.MaxValue)
        {
            throw new ArgumentException($"a frame holds at most 255 property blocks, got {list.Count}", nameof(list));
        }

        span[offset++] = (byte)list.Count;
        foreach (var p in list)
        {
            if (p.Pdc > byte.MaxValue)
            {
                throw new ArgumentException($"EDT of EPC 0x{p.Epc:X2} is {p.Pdc} bytes; PDC is at most 255", nameof(list));
            }

            span[offset++] = p.Epc;
            span[offset++] = (byte)p.Pdc;
            p.Edt.Span.CopyTo(span[offset..]);
            offset += p.Pdc;
        }
    }
}
