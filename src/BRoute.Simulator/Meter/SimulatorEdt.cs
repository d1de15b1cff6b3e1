using System.Buffers.Binary;
using BRoute.EchonetLite.Meter;

namespace BRoute.Simulator.Meter;

/// <summary>
/// The few EDTs the shared <see cref="MeterValueEncoder"/> has no builder for: the meter's clock (0x97, 0x98;
/// the shared date-time writer is internal to BRoute.EchonetLite) and the seeded identifiers (0x83, 0xC0),
/// whose content is the simulator's own invention.
/// </summary>
internal static class SimulatorEdt
{
    /// <summary>0x97 current time: hh mm.</summary>
    public static byte[] CurrentTime(DateTime time) => [(byte)time.Hour, (byte)time.Minute];

    /// <summary>0x98 current date: YYYY (big-endian) MM DD.</summary>
    public static byte[] CurrentDate(DateTime time)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)time.Year);
        bytes[2] = (byte)time.Month;
        bytes[3] = (byte)time.Day;
        return bytes;
    }

    /// <summary>
    /// An identifier of <paramref name="length"/> bytes: <paramref name="first"/>, the 3-byte manufacturer code,
    /// then bytes drawn from the seed (byte i is the hash of <paramref name="seed"/> and <paramref name="salt"/> + i),
    /// so every seed gives a stable, distinct 0x83 identification number or 0xC0 B-route identification number.
    /// </summary>
    public static byte[] SeededIdentifier(byte first, uint manufacturerCode, int length, ulong seed, ulong salt)
    {
        var bytes = new byte[length];
        bytes[0] = first;
        MeterValueEncoder.ManufacturerCode(manufacturerCode).CopyTo(bytes, 1);
        Timing.DeterministicRandom.HashBytes(bytes.AsSpan(4), seed, salt + 4);
        return bytes;
    }
}
