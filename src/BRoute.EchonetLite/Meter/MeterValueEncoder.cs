using System.Buffers.Binary;
using System.Text;
using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Objects;

namespace BRoute.EchonetLite.Meter;

/// <summary>
/// Builds EDT bytes for meter and node-profile properties: the inverse of
/// <see cref="MeterPropertyDecoder"/>, for the simulator's replies and a client's SetC (E5, ED, EF). Energies are raw counts (use
/// <see cref="EnergyCounter.FromKwh"/> to get them); null writes the property's no-data or unset code.
/// Every method rejects a value the decoder would reject with <see cref="ArgumentException"/>.
/// </summary>
public static class MeterValueEncoder
{
    private const string HalfHourRule = "EC/ED date-times fall on a half hour (minute 0 or 30)";

    /// <summary>0x80: 0x30 ON / 0x31 OFF (the node profile uses the same codes for booting / not booting).</summary>
    public static byte[] OperationStatus(bool on) => [on ? (byte)0x30 : (byte)0x31];

    /// <summary>0x88: 0x41 fault / 0x42 no fault.</summary>
    public static byte[] FaultStatus(bool fault) => [fault ? (byte)0x41 : (byte)0x42];

    /// <summary>0x82 of a device object: 0x00 0x00, release letter, revision.</summary>
    public static byte[] StandardVersion(char release, byte revision)
    {
        if (release is not ((>= 'A' and <= 'Z') or (>= 'a' and <= 'z')))
        {
            throw new ArgumentOutOfRangeException(nameof(release), release, "the release is an ASCII letter");
        }

        return [0x00, 0x00, (byte)release, revision];
    }

    /// <summary>0x82 of the node profile: major, minor, message-format bitmap, 0x00.</summary>
    public static byte[] ProfileVersion(byte major, byte minor, byte formats) => [major, minor, formats, 0x00];

    /// <summary>0x8A (and other 3-byte codes): big-endian, at most 0xFFFFFF.</summary>
    public static byte[] ManufacturerCode(uint code)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 0xFF_FFFFu);
        return [(byte)(code >> 16), (byte)(code >> 8), (byte)code];
    }

    /// <summary>0x8C/0x8D: printable ASCII, right-padded with 0x00 to 12 bytes.</summary>
    public static byte[] Ascii12(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 12 || text.Any(c => c is < ' ' or > '~'))
        {
            throw new ArgumentException("at most 12 printable ASCII characters", nameof(text));
        }

        var bytes = new byte[12];
        Encoding.ASCII.GetBytes(text, bytes);
        return bytes;
    }

    /// <summary>0x8E production date, 0x98 current date: YYYY (big-endian) MM DD; null = unset (all 0xFF).</summary>
    public static byte[] Date(DateOnly? date)
    {
        var bytes = new byte[4];
        if (date is not DateOnly d)
        {
            bytes.AsSpan().Fill(0xFF);
            return bytes;
        }

        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)d.Year);
        bytes[2] = (byte)d.Month;
        bytes[3] = (byte)d.Day;
        return bytes;
    }

    /// <summary>0x97 current time: hh mm; null = unset (0xFF 0xFF).</summary>
    public static byte[] Time(TimeOnly? time) => time is TimeOnly t ? [(byte)t.Hour, (byte)t.Minute] : [0xFF, 0xFF];

    /// <summary>0xD3 coefficient, 0–999,999.</summary>
    public static byte[] Coefficient(uint coefficient)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(coefficient, MeterLimits.MaxCoefficient);
        return UInt32(coefficient);
    }

    /// <summary>0xD7 effective digits, 1–8.</summary>
    public static byte[] EffectiveDigits(byte digits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, MeterLimits.MinEffectiveDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, MeterLimits.MaxEffectiveDigits);
        return [digits];
    }

    /// <summary>0xE1 unit code (0x00–0x04, 0x0A–0x0D).</summary>
    public static byte[] Unit(byte code) =>
        EnergyUnit.IsDefined(code) ? [code] : throw new ArgumentOutOfRangeException(nameof(code), code, "undefined E1 unit code");

    /// <summary>0xE0/0xE3: a raw count 0–99,999,999, or null for no data.</summary>
    public static byte[] CumulativeEnergy(uint? raw) => UInt32(EnergyField(raw));

    /// <summary>0xE7: signed watts (−2,147,483,647…2,147,483,645), or null for no data.</summary>
    public static byte[] InstantaneousPower(int? watts)
    {
        if (watts is int w && (w < MeterLimits.MinPower || w > MeterLimits.MaxPower))
        {
            throw new ArgumentOutOfRangeException(nameof(watts), w, "outside the E7 range");
        }

        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, watts ?? MeterLimits.PowerNoData);
        return bytes;
    }

    /// <summary>
    /// 0xE8: R and T phase currents in A, multiples of 0.1 A within ±3276.5; null writes 0x7FFE
    /// (for T: a single-phase 2-wire meter).
    /// </summary>
    public static byte[] InstantaneousCurrent(decimal? r, decimal? t)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt16BigEndian(bytes, Phase(r, nameof(r)));
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(2), Phase(t, nameof(t)));
        return bytes;

        static short Phase(decimal? amps, string name)
        {
            if (amps is not decimal a)
            {
                return MeterLimits.CurrentNoData;
            }

            var tenths = a * 10m;
            if (tenths != decimal.Truncate(tenths) || tenths < MeterLimits.MinCurrent || tenths > MeterLimits.MaxCurrent)
            {
                throw new ArgumentOutOfRangeException(name, a, "a multiple of 0.1 A within −3276.7…3276.5 A");
            }

            return (short)tenths;
        }
    }

    /// <summary>0xEA/0xEB: meter date-time (null = unset, all 0xFF) and a raw count (null = no data).</summary>
    public static byte[] FixedTimeEnergy(DateTime? timestamp, uint? raw)
    {
        var bytes = new byte[11];
        MeterDateTime.Write(bytes.AsSpan(0, 7), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(7), EnergyField(raw));
        return bytes;
    }

    /// <summary>0xD0: date-time, normal and reverse raw counts.</summary>
    public static byte[] OneMinuteEnergy(DateTime? timestamp, uint? normalRaw, uint? reverseRaw)
    {
        var bytes = new byte[15];
        MeterDateTime.Write(bytes.AsSpan(0, 7), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(7), EnergyField(normalRaw));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(11), EnergyField(reverseRaw));
        return bytes;
    }

    /// <summary>0xE2/0xE4: the day (days back 0–99, null = unset 0x00FF) and exactly 48 raw slots, 00:00 first.</summary>
    public static byte[] DayHistory(int? day, IReadOnlyList<uint?> slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        if (slots.Count != MeterLimits.DayHistorySlots)
        {
            throw new ArgumentException($"E2/E4 hold exactly 48 slots, got {slots.Count}", nameof(slots));
        }

        var bytes = new byte[2 + (4 * MeterLimits.DayHistorySlots)];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, day is int d ? (ushort)Day(d, nameof(day)) : MeterLimits.HistoryDayFieldUnset);
        for (var k = 0; k < slots.Count; k++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(2 + (4 * k)), EnergyField(slots[k]));
        }

        return bytes;
    }

    /// <summary>0xE5: days back 0–99, null = unset (0xFF).</summary>
    public static byte[] HistoryDay(int? day) => [day is int d ? (byte)Day(d, nameof(day)) : MeterLimits.HistoryDayUnset];

    /// <summary>0xEC: date-time of slot 0 (minute 0 or 30; null = unset) and 1–12 pairs, newest first.</summary>
    public static byte[] History2(DateTime? timestamp, IReadOnlyList<RawEnergyPair> slots) =>
        PairHistory(timestamp, slots, MeterLimits.MaxHistory2Slots, halfHour: true);

    /// <summary>0xEE: date-time of slot 0 (null = unset) and 1–10 pairs, newest first.</summary>
    public static byte[] History3(DateTime? timestamp, IReadOnlyList<RawEnergyPair> slots) =>
        PairHistory(timestamp, slots, MeterLimits.MaxHistory3Slots, halfHour: false);

    /// <summary>0xED: date-time (minute 0 or 30; null = unset) and slot count 1–12.</summary>
    public static byte[] History2Time(DateTime? timestamp, int count) =>
        HistoryTime(timestamp, count, MeterLimits.MaxHistory2Slots, halfHour: true);

    /// <summary>0xEF: date-time (null = unset) and slot count 1–10.</summary>
    public static byte[] History3Time(DateTime? timestamp, int count) =>
        HistoryTime(timestamp, count, MeterLimits.MaxHistory3Slots, halfHour: false);

    /// <summary>0x9D/0x9E/0x9F.</summary>
    public static byte[] PropertyMap(PropertyMap map) => map.Encode();

    /// <summary>Node profile 0xD5/0xD6.</summary>
    public static byte[] InstanceList(IReadOnlyList<Eoj> instances) => InstanceListCodec.Encode(instances);

    /// <summary>Node profile 0xD7.</summary>
    public static byte[] ClassList(IReadOnlyList<ushort> classCodes) => ClassListCodec.Encode(classCodes);

    /// <summary>Node profile 0xD3: number of instances, 3 bytes.</summary>
    public static byte[] InstanceCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 0xFF_FFFF);
        return [(byte)(count >> 16), (byte)(count >> 8), (byte)count];
    }

    /// <summary>Node profile 0xD4: number of classes, 2 bytes.</summary>
    public static byte[] ClassCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 0xFFFF);
        return [(byte)(count >> 8), (byte)count];
    }

    private static byte[] PairHistory(DateTime? timestamp, IReadOnlyList<RawEnergyPair> slots, int maxSlots, bool halfHour)
    {
        ArgumentNullException.ThrowIfNull(slots);
        if (slots.Count < 1 || slots.Count > maxSlots)
        {
            throw new ArgumentException($"1–{maxSlots} slots, got {slots.Count}", nameof(slots));
        }

        var bytes = new byte[7 + (8 * slots.Count)];
        WriteHistoryTime(bytes, timestamp, slots.Count, halfHour);
        for (var k = 0; k < slots.Count; k++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(7 + (8 * k)), EnergyField(slots[k].Normal));
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(11 + (8 * k)), EnergyField(slots[k].Reverse));
        }

        return bytes;
    }

    private static byte[] HistoryTime(DateTime? timestamp, int count, int maxSlots, bool halfHour)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, maxSlots);
        var bytes = new byte[7];
        WriteHistoryTime(bytes, timestamp, count, halfHour);
        return bytes;
    }

    private static void WriteHistoryTime(Span<byte> bytes, DateTime? timestamp, int count, bool halfHour)
    {
        if (timestamp is DateTime t && (t.Second != 0 || t.Ticks % TimeSpan.TicksPerMinute != 0 || (halfHour && t.Minute is not (0 or 30))))
        {
            throw new ArgumentException(halfHour ? HalfHourRule : "history date-times have no seconds", nameof(timestamp));
        }

        MeterDateTime.Write(bytes[..6], timestamp);
        bytes[6] = (byte)count;
    }

    private static int Day(int day, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(day, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(day, MeterLimits.MaxHistoryDay, name);
        return day;
    }

    private static uint EnergyField(uint? raw)
    {
        if (raw is uint r && r > MeterLimits.MaxEnergyRaw)
        {
            throw new ArgumentOutOfRangeException(nameof(raw), r, "a raw count is 0–99,999,999");
        }

        return raw ?? MeterLimits.EnergyNoData;
    }

    private static byte[] UInt32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}
