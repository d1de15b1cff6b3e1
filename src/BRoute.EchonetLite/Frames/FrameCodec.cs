using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace BRoute.EchonetLite.Frames;

/// <summary>
/// Encodes and decodes ECHONET Lite frames (echonet-lite.md §2, §6). Pure: bytes in, values out.
/// </summary>
/// <remarks>
/// Decoding is strict: EHD1 must be 0x10, EHD2 0x81, the ESV one of the 16 defined codes, and the
/// property blocks must end exactly at the end of the input. Every failure is an
/// <see cref="EchonetFormatException"/> naming the problem and the byte offset; no other exception
/// escapes. Decoding allocates only the result (the frame and its property arrays).
/// </remarks>
public static class FrameCodec
{
    /// <summary>EHD1 for ECHONET Lite.</summary>
    public const byte Ehd1 = 0x10;

    /// <summary>EHD2 for the specified message format (format 1).</summary>
    public const byte Ehd2Format1 = 0x81;

    /// <summary>Header through OPC: EHD1, EHD2, TID(2), SEOJ(3), DEOJ(3), ESV, OPC.</summary>
    public const int HeaderLength = 12;

    /// <summary>Offset of the ESV byte.</summary>
    public const int EsvOffset = 10;

    /// <summary>
    /// Decodes a frame. The returned properties slice <paramref name="frame"/> without copying,
    /// so the caller must not reuse that buffer while the frame is in use.
    /// </summary>
    /// <exception cref="EchonetFormatException">The bytes are not a complete, valid frame.</exception>
    public static EchonetFrame Decode(ReadOnlyMemory<byte> frame)
    {
        if (!TryDecode(frame, out var result, out var error))
        {
            throw error;
        }

        return result;
    }

    /// <summary>Decodes a frame from a span, copying the property data once.</summary>
    /// <exception cref="EchonetFormatException">The bytes are not a complete, valid frame.</exception>
    public static EchonetFrame Decode(ReadOnlySpan<byte> frame) => Decode((ReadOnlyMemory<byte>)frame.ToArray());

    /// <summary>Decodes a frame; on failure returns false with a precise error and never throws.</summary>
    public static bool TryDecode(
        ReadOnlyMemory<byte> frame,
        [NotNullWhen(true)] out EchonetFrame? result,
        [NotNullWhen(false)] out EchonetFormatException? error)
    {
        result = null;
        var span = frame.Span;
        if (span.Length < HeaderLength)
        {
            error = new EchonetFormatException($"frame is {span.Length} byte(s), shorter than the {HeaderLength}-byte header", span.Length);
            return false;
        }

        if (span[0] != Ehd1)
        {
            error = new EchonetFormatException(
                span[0] >= 0x80
                    ? $"EHD1 is 0x{span[0]:X2}: legacy ECHONET, not ECHONET Lite (0x10)"
                    : $"EHD1 is 0x{span[0]:X2}, expected 0x10 (ECHONET Lite)",
                0);
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

        var esv = (Esv)span[EsvOffset];
        if (!esv.IsDefined())
        {
            error = new EchonetFormatException($"ESV 0x{(byte)esv:X2} is not a defined service code", EsvOffset);
            return false;
        }

        var tid = BinaryPrimitives.ReadUInt16BigEndian(span[2..]);
        var seoj = new Eoj(span[4], span[5], span[6]);
        var deoj = new Eoj(span[7], span[8], span[9]);
        var offset = EsvOffset + 1;
        var setGet = esv.IsSetGet();

        if (!TryReadProperties(frame, ref offset, setGet ? "Set half" : null, out var first, out error))
        {
            return false;
        }

        EchonetProperty[]? second = null;
        if (setGet && !TryReadProperties(frame, ref offset, "Get half", out second, out error))
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

    private static bool TryReadProperties(
        ReadOnlyMemory<byte> frame,
        ref int offset,
        string? half,
        out EchonetProperty[] properties,
        [NotNullWhen(false)] out EchonetFormatException? error)
    {
        var span = frame.Span;
        var where = half is null ? string.Empty : $" of the {half}";
        properties = [];
        if (offset >= span.Length)
        {
            error = new EchonetFormatException($"frame ends before the OPC byte{where}", offset);
            return false;
        }

        int opc = span[offset++];
        properties = opc == 0 ? [] : new EchonetProperty[opc];
        for (var i = 0; i < opc; i++)
        {
            if (offset + 2 > span.Length)
            {
                error = new EchonetFormatException(
                    $"frame ends inside property block {i + 1} of {opc}{where} (EPC/PDC missing)", offset);
                return false;
            }

            var epc = span[offset];
            int pdc = span[offset + 1];
            offset += 2;
            if (offset + pdc > span.Length)
            {
                error = new EchonetFormatException(
                    $"PDC of EPC 0x{epc:X2} (block {i + 1} of {opc}{where}) is {pdc} but only {span.Length - offset} byte(s) remain",
                    offset - 1);
                return false;
            }

            properties[i] = new EchonetProperty(epc, frame.Slice(offset, pdc));
            offset += pdc;
        }

        error = null;
        return true;
    }

    /// <summary>Number of bytes <see cref="Encode(EchonetFrame, IBufferWriter{byte})"/> writes.</summary>
    /// <exception cref="ArgumentException">The frame cannot be encoded (see <see cref="Encode(EchonetFrame)"/>).</exception>
    public static int GetEncodedLength(EchonetFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Validate(frame);
        var length = HeaderLength + BlocksLength(frame.Properties);
        if (frame.Esv.IsSetGet())
        {
            length += 1 + BlocksLength(frame.GetProperties);
        }

        return length;

        static int BlocksLength(IReadOnlyList<EchonetProperty> list)
        {
            var n = 0;
            for (var i = 0; i < list.Count; i++)
            {
                n += 2 + list[i].Pdc;
            }

            return n;
        }
    }

    /// <summary>Writes the frame and returns the number of bytes written.</summary>
    /// <exception cref="ArgumentException">The frame cannot be encoded (see <see cref="Encode(EchonetFrame)"/>).</exception>
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
    /// <exception cref="ArgumentException">
    /// The ESV is not a defined code, a list holds more than 255 property blocks, an EDT is longer
    /// than 255 bytes, or a frame outside the SetGet family has a Get half.
    /// </exception>
    public static byte[] Encode(EchonetFrame frame)
    {
        var bytes = new byte[GetEncodedLength(frame)];
        Write(frame, bytes);
        return bytes;
    }

    private static void Validate(EchonetFrame frame)
    {
        if (!frame.Esv.IsDefined())
        {
            throw new ArgumentException($"ESV 0x{(byte)frame.Esv:X2} is not a defined service code", nameof(frame));
        }

        if (!frame.Esv.IsSetGet() && frame.GetProperties.Count != 0)
        {
            throw new ArgumentException(
                $"only the SetGet family has a Get half; {frame.Esv.Symbol()} has {frame.GetProperties.Count} Get propert(ies)", nameof(frame));
        }

        ValidateBlocks(frame.Properties);
        ValidateBlocks(frame.GetProperties);

        static void ValidateBlocks(IReadOnlyList<EchonetProperty> list)
        {
            if (list.Count > byte.MaxValue)
            {
                throw new ArgumentException($"a frame holds at most 255 property blocks per list, got {list.Count}", nameof(frame));
            }

            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].Pdc > byte.MaxValue)
                {
                    throw new ArgumentException($"EDT of EPC 0x{list[i].Epc:X2} is {list[i].Pdc} bytes; PDC is at most 255", nameof(frame));
                }
            }
        }
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
        span[EsvOffset] = (byte)frame.Esv;
        var offset = EsvOffset + 1;
        WriteBlocks(frame.Properties, span, ref offset);
        if (frame.Esv.IsSetGet())
        {
            WriteBlocks(frame.GetProperties, span, ref offset);
        }
    }

    private static void WriteBlocks(IReadOnlyList<EchonetProperty> list, Span<byte> span, ref int offset)
    {
        span[offset++] = (byte)list.Count;
        for (var i = 0; i < list.Count; i++)
        {
            var p = list[i];
            span[offset++] = p.Epc;
            span[offset++] = (byte)p.Pdc;
            p.Edt.Span.CopyTo(span[offset..]);
            offset += p.Pdc;
        }
    }
}
