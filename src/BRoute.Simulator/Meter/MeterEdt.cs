using System.Buffers.Binary;

namespace BRoute.Simulator.Meter;

/// <summary>
/// EDT encodings of the meter's values (meter-0288.md §2–§6, echonet-lite.md §7–§8), kept in this one file so
/// they can later be swapped for the shared encoders of BRoute.EchonetLite.
/// </summary>
internal static class MeterEdt
{
    /// <summary>The "no data" code of the energy registers.</summary>
    public const uint NoData = 0xFFFFFFFE;

    /// <summary>The E7 "no data" code.</summary>
    public const int NoPower = 0x7FFFFFFE;

    /// <summary>The E8 "no data / not measured" code of one phase.</summary>
    public const short NoCurrent = 0x7FFE;

    public static byte[] Byte(byte value) => [value];

    public static byte[] UInt16(ushort value)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, value);
        return b;
    }

    public static byte[] UInt32(uint value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        return b;
    }

    public static byte[] Int32(int value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, value);
        return b;
    }

    /// <summary>E8: R phase then T phase, signed 0.1 A each.</summary>
    public static byte[] Currents(short r, short t)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt16BigEndian(b, r);
        BinaryPrimitives.WriteInt16BigEndian(b.AsSpan(2), t);
        return b;
    }

    /// <summary>7-byte date-time YYYY MM DD hh mm ss (EA, EB, D0).</summary>
    public static void WriteDateTime7(Span<byte> b, DateTimeOffset t)
    {
        BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)t.Year);
        b[2] = (byte)t.Month;
        b[3] = (byte)t.Day;
        b[4] = (byte)t.Hour;
        b[5] = (byte)t.Minute;
        b[6] = (byte)t.Second;
    }

    /// <summary>EA/EB: date-time of the boundary + raw value.</summary>
    public static byte[] FixedTime(DateTimeOffset t, uint raw)
    {
        var b = new byte[11];
        WriteDateTime7(b, t);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(7), raw);
        return b;
    }

    /// <summary>D0: date-time of the minute + normal + reverse.</summary>
    public static byte[] OneMinute(DateTimeOffset t, uint normal, uint reverse)
    {
        var b = new byte[15];
        WriteDateTime7(b, t);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(7), normal);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(11), reverse);
        return b;
    }

    /// <summary>E2/E4: 2-byte day + 48 readings.</summary>
    public static byte[] DayHistory(ushort day, ReadOnlySpan<uint> slots)
    {
        var b = new byte[2 + (4 * 48)];
        BinaryPrimitives.WriteUInt16BigEndian(b, day);
        for (var i = 0; i < 48; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(2 + (4 * i)), i < slots.Length ? slots[i] : NoData);
        }

        return b;
    }

    /// <summary>The "never set" value of ED/EF: FFFF FF FF FF FF, count 01.</summary>
    public static byte[] UnsetDay() => [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01];

    /// <summary>ED/EF: YYYY MM DD hh mm + count.</summary>
    public static byte[] DaySelector(DateTimeOffset t, byte count)
    {
        var b = new byte[7];
        BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)t.Year);
        b[2] = (byte)t.Month;
        b[3] = (byte)t.Day;
        b[4] = (byte)t.Hour;
        b[5] = (byte)t.Minute;
        b[6] = count;
        return b;
    }

    /// <summary>EC/EE: the 7-byte selector followed by n × (normal, reverse).</summary>
    public static byte[] PairHistory(ReadOnlySpan<byte> selector, ReadOnlySpan<(uint Normal, uint Reverse)> pairs)
    {
        var b = new byte[7 + (8 * pairs.Length)];
        selector[..7].CopyTo(b);
        for (var i = 0; i < pairs.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(7 + (8 * i)), pairs[i].Normal);
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(11 + (8 * i)), pairs[i].Reverse);
        }

        return b;
    }

    /// <summary>Decodes an ED/EF selector; false if the date-time is not a real one.</summary>
    public static bool TryReadDaySelector(ReadOnlySpan<byte> edt, out DateTimeOffset time, out byte count)
    {
        time = default;
        count = 0;
        if (edt.Length != 7)
        {
            return false;
        }

        var year = BinaryPrimitives.ReadUInt16BigEndian(edt);
        int month = edt[2], day = edt[3], hour = edt[4], minute = edt[5];
        count = edt[6];
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59)
        {
            return false;
        }

        time = new DateTimeOffset(year, month, day, hour, minute, 0, Timing.SimClock.Jst);
        return true;
    }

    /// <summary>
    /// Property map (0x9D/0x9E/0x9F): count then the EPC list when fewer than 16, otherwise the 16-byte
    /// bitmap where byte i bit j means EPC 0x80 + 0x10·j + i (echonet-lite.md §7).
    /// </summary>
    public static byte[] PropertyMap(IEnumerable<byte> epcs)
    {
        var list = epcs.Distinct().Order().ToArray();
        if (list.Length < 16)
        {
            return [(byte)list.Length, .. list];
        }

        var b = new byte[17];
        b[0] = (byte)list.Length;
        foreach (var epc in list)
        {
            if (epc < 0x80)
            {
                throw new ArgumentException($"EPC 0x{epc:X2} cannot be in a property map", nameof(epcs));
            }

            b[1 + (epc & 0x0F)] |= (byte)(1 << ((epc >> 4) - 8));
        }

        return b;
    }

    /// <summary>Instance list (node profile D5/D6): count + EOJs.</summary>
    public static byte[] InstanceList(params ReadOnlySpan<(byte G, byte C, byte I)> eojs)
    {
        var b = new byte[1 + (3 * eojs.Length)];
        b[0] = (byte)eojs.Length;
        for (var i = 0; i < eojs.Length; i++)
        {
            b[1 + (3 * i)] = eojs[i].G;
            b[2 + (3 * i)] = eojs[i].C;
            b[3 + (3 * i)] = eojs[i].I;
        }

        return b;
    }
}
