using BRoute.EchonetLite.Frames;

namespace BRoute.Seed;

/// <summary>What the seed client did after an attempt.</summary>
public enum SeedDecision
{
    /// <summary>Took the frame's value as the answer and moved to the next EPC.</summary>
    Accepted,

    /// <summary>Sent the same request again (same TID 0x0001).</summary>
    Resend,

    /// <summary>Stopped asking for this EPC after <see cref="SeedClientPlanner.MaxSendsPerEpc"/> sends (a cap the seed did not have).</summary>
    GaveUp,
}

/// <summary>
/// A faithful re-creation of the seed client's request algorithm, for comparison benchmarks only
/// (seed-trace-decoded.md §0 and §5 anomaly 2; seed-trace.log). Do not use it to read a meter.
/// </summary>
/// <remarks>
/// <para>The seed sent one Get per EPC, always with TID 0x0001, in a fixed order. After each
/// SKSENDTO it read what had arrived and looked at the <em>first</em> ERXUDP frame only: if that
/// frame's first property had the EPC it had asked for, it took the value — whatever the frame's
/// TID, ESV, source object or age — and went on to the next EPC; otherwise (a different EPC, the
/// meter's D5 instance-list INF, or nothing at all) it sent the same request again. EVENT 21 01 had
/// no effect of its own; such attempts simply found no reply.</para>
/// <para>Replaying seed-trace.log attempt by attempt reproduces every send in it (see the tests): each
/// resend makes the meter answer twice, the extra answer is the first frame the <em>next</em> request
/// sees, so that request is resent too — the cascade visible from 80 to E0. And when the same EPC is
/// polled again, a late answer to the previous poll is accepted as the new value.</para>
/// <para>The seed had no limit on resends; <see cref="MaxSendsPerEpc"/> (default 10) only keeps a
/// benchmark finite.</para>
/// </remarks>
public sealed class SeedClientPlanner
{
    /// <summary>The one TID the seed used.</summary>
    public const ushort FixedTid = 0x0001;

    private readonly byte[] _epcs;
    private readonly List<(byte Epc, EchonetProperty Value)> _accepted = [];
    private int _index;
    private int _sendsForCurrent;

    /// <param name="epcs">EPCs in the order the seed asks them (it asked 80, D3, D7, E0, E1, E2, E3, E4, E5, E7, E8, EA, EB, EC, ED).</param>
    /// <param name="maxSendsPerEpc">Cap on sends per EPC (not in the seed).</param>
    public SeedClientPlanner(IEnumerable<byte> epcs, int maxSendsPerEpc = 10)
    {
        ArgumentNullException.ThrowIfNull(epcs);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSendsPerEpc, 1);
        _epcs = [.. epcs];
        MaxSendsPerEpc = maxSendsPerEpc;
    }

    /// <summary>The order the seed asked in.</summary>
    public static IReadOnlyList<byte> SeedOrder { get; } = [0x80, 0xD3, 0xD7, 0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE7, 0xE8, 0xEA, 0xEB, 0xEC, 0xED];

    /// <summary>Cap on sends per EPC.</summary>
    public int MaxSendsPerEpc { get; }

    /// <summary>True when every EPC was accepted or given up.</summary>
    public bool IsComplete => _index >= _epcs.Length;

    /// <summary>The EPC being asked, or null when complete.</summary>
    public byte? CurrentEpc => IsComplete ? null : _epcs[_index];

    /// <summary>Total SKSENDTOs so far.</summary>
    public int Sends { get; private set; }

    /// <summary>What the seed believed each EPC's value to be.</summary>
    public IReadOnlyList<(byte Epc, EchonetProperty Value)> Accepted => _accepted;

    /// <summary>EPCs given up because of the cap.</summary>
    public IList<byte> GaveUp { get; } = [];

    /// <summary>The frame to send now: Get of <see cref="CurrentEpc"/> with TID 0x0001. Counts as a send.</summary>
    public EchonetFrame Send()
    {
        if (CurrentEpc is not { } epc)
        {
            throw new InvalidOperationException("every EPC has been handled");
        }

        Sends++;
        _sendsForCurrent++;
        return EchonetFrame.Get(FixedTid, Eoj.Controller, Eoj.SmartMeter, epc);
    }

    /// <summary>
    /// The seed's decision after an attempt, from the ERXUDP payloads read during it (in arrival
    /// order; the first one decides, the rest are discarded unread).
    /// </summary>
    public SeedDecision Resolve(IReadOnlyList<ReadOnlyMemory<byte>> payloadsReadDuringAttempt)
    {
        ArgumentNullException.ThrowIfNull(payloadsReadDuringAttempt);
        if (CurrentEpc is not { } epc)
        {
            throw new InvalidOperationException("every EPC has been handled");
        }

        if (payloadsReadDuringAttempt.Count > 0
            && FrameCodec.TryDecode(payloadsReadDuringAttempt[0], out var frame, out _)
            && frame!.Properties.Count > 0
            && frame.Properties[0].Epc == epc)
        {
            _accepted.Add((epc, frame.Properties[0]));
            Advance();
            return SeedDecision.Accepted;
        }

        if (_sendsForCurrent >= MaxSendsPerEpc)
        {
            GaveUp.Add(epc);
            Advance();
            return SeedDecision.GaveUp;
        }

        return SeedDecision.Resend;
    }

    private void Advance()
    {
        _index++;
        _sendsForCurrent = 0;
    }
}
