using System.Buffers.Binary;

namespace BRoute.Simulator.Dongle;

/// <summary>
/// The meter's (PAA's) PANA messages as they appear in ERXUDP on port 02CC (RFC 5191 framing; sizes 40, 104, 84
/// and 88 bytes as in the NRV capture). The EAP-PSK content is filler: no key is derived and no credential is
/// ever carried, so nothing secret can leak into a client's log.
/// </summary>
internal static class PanaMessages
{
    private const ushort Request = 0x8000;
    private const ushort Start = 0x4000;
    private const ushort Complete = 0x2000;
    private const ushort PanaAuth = 2;
    private const ushort PanaTermination = 3;

    // EAP-Success and EAP-Failure as fields, not array literals inside the message expressions: NativeAOT (ILCompiler
    // 10.0.12) left such a nested literal to RuntimeHelpers.InitializeArray, which throws PlatformNotSupportedException
    // there (the JIT expands it only when the evaluation stack was not spilled), and the published broute's simulator
    // failed every join.
    private static readonly byte[] EapSuccess = [3, 3, 0, 4];
    private static readonly byte[] EapFailure = [4, 2, 0, 4];

    /// <summary>The four messages of a successful authentication; the last carries the lifetime.</summary>
    public static byte[][] Success(uint session, uint sequence, uint lifetimeSeconds, ulong seed) =>
    [
        Message(Request | Start, PanaAuth, session, sequence, Avp(6, U32(5)), Avp(4, U32(12))),
        Message(Request, PanaAuth, session, sequence + 1, Avp(2, Eap(1, 1, 80, seed))),
        Message(Request, PanaAuth, session, sequence + 2, Avp(2, Eap(1, 2, 60, seed + 1))),
        Message(Request | Complete, PanaAuth, session, sequence + 3,
            Avp(7, U32(0)), Avp(8, U32(lifetimeSeconds)), Avp(2, EapSuccess), Avp(3, U32(1)), Avp(1, Filler(16, seed + 2))),
    ];

    /// <summary>The first two messages, then the rejection (Result-Code 1 + EAP-Failure).</summary>
    public static byte[][] Rejection(uint session, uint sequence, ulong seed) =>
    [
        Message(Request | Start, PanaAuth, session, sequence, Avp(6, U32(5)), Avp(4, U32(12))),
        Message(Request, PanaAuth, session, sequence + 1, Avp(2, Eap(1, 1, 80, seed))),
        Message(Request | Complete, PanaAuth, session, sequence + 2, Avp(7, U32(1)), Avp(2, EapFailure)),
    ];

    /// <summary>PANA-Termination-Answer to the module's request.</summary>
    public static byte[] TerminationAnswer(uint session, uint sequence, ulong seed) =>
        Message(0, PanaTermination, session, sequence, Avp(1, Filler(16, seed)));

    /// <summary>The meter's own PANA-Termination-Request (Termination-Cause 1 = administrative).</summary>
    public static byte[] TerminationRequest(uint session, uint sequence, ulong seed) =>
        Message(Request, PanaTermination, session, sequence, Avp(9, U32(1)), Avp(1, Filler(16, seed)));

    private static byte[] Message(ushort flags, ushort type, uint session, uint sequence, params byte[][] avps)
    {
        var length = 16 + avps.Sum(a => a.Length);
        var b = new byte[length];
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), (ushort)length);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(4), flags);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(6), type);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(8), session);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(12), sequence);
        var offset = 16;
        foreach (var avp in avps)
        {
            avp.CopyTo(b, offset);
            offset += avp.Length;
        }

        return b;
    }

    private static byte[] Avp(ushort code, byte[] value)
    {
        var padded = (value.Length + 3) & ~3;
        var b = new byte[8 + padded];
        BinaryPrimitives.WriteUInt16BigEndian(b, code);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(4), (ushort)value.Length);
        value.CopyTo(b, 8);
        return b;
    }

    private static byte[] Eap(byte code, byte id, int length, ulong seed)
    {
        var b = Filler(length, seed);
        b[0] = code;
        b[1] = id;
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), (ushort)length);
        b[4] = 47; // EAP-PSK
        return b;
    }

    private static byte[] U32(uint v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, v);
        return b;
    }

    private static byte[] Filler(int length, ulong seed)
    {
        var b = new byte[length];
        Timing.DeterministicRandom.HashBytes(b, seed, 0);
        return b;
    }
}
