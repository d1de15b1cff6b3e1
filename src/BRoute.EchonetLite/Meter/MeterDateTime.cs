using System.Buffers.Binary;
using System.Globalization;

namespace BRoute.EchonetLite.Meter;

/// <summary>
/// The meter's date-time fields (meter-0288.md §6): YYYY(2, big-endian) MM DD hh mm [ss].
/// All 0xFF = never set. Values are the meter's local wall-clock time (DateTimeKind.Unspecified).
/// </summary>
internal static class MeterDateTime
{
    /// <summary>Reads 7 (with seconds) or 6 (without) bytes; null value = unset.</summary>
    public static bool TryRead(ReadOnlySpan<byte> b, out DateTime? value, out string? error)
    {
        value = null;
        if (b.IndexOfAnyExcept((byte)0xFF) < 0)
        {
            error = null;
            return true;
        }

        int year = BinaryPrimitives.ReadUInt16BigEndian(b);
        int month = b[2], day = b[3], hour = b[4], minute = b[5];
        int second = b.Length > 6 ? b[6] : 0;
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            error = $"date-time {Convert.ToHexString(b)} is not a valid date and time";
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        error = null;
        return true;
    }

    /// <summary>Reads YYYY(2) MM DD.</summary>
    public static bool TryReadDate(ReadOnlySpan<byte> b, out DateOnly value, out string? error)
    {
        int year = BinaryPrimitives.ReadUInt16BigEndian(b);
        int month = b[2], day = b[3];
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            value = default;
            error = $"date {Convert.ToHexString(b[..4])} is not a valid date";
            return false;
        }

        value = new DateOnly(year, month, day);
        error = null;
        return true;
    }

    /// <summary>Writes 7 or 6 bytes (by <paramref name="destination"/> length); null writes all 0xFF.</summary>
    public static void Write(Span<byte> destination, DateTime? value)
    {
        if (value is not DateTime t)
        {
            destination.Fill(0xFF);
            return;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)t.Year);
        destination[2] = (byte)t.Month;
        destination[3] = (byte)t.Day;
        destination[4] = (byte)t.Hour;
        destination[5] = (byte)t.Minute;
        if (destination.Length > 6)
        {
            destination[6] = (byte)t.Second;
        }
    }
}
