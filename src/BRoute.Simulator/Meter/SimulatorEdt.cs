using BRoute.EchonetLite.Meter;

namespace BRoute.Simulator.Meter;

/// <summary>
/// The EDTs the shared <see cref="MeterValueEncoder"/> has no builder for: the seeded identifiers (0x83, 0xC0),
/// whose content is the simulator's own invention.
/// </summary>
internal static class SimulatorEdt
{
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
