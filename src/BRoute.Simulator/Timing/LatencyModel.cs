namespace BRoute.Simulator.Timing;

/// <summary>
/// Host-time delays of the radio and the module, from timing.md "Recommended simulator defaults";
/// every figure is multiplied by the latency scale (0 = instant).
/// </summary>
internal sealed class LatencyModel
{
    private readonly DeterministicRandom _random;

    public LatencyModel(ulong seed, double scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        _random = new DeterministicRandom(seed, "latency");
        Scale = scale;
    }

    public double Scale { get; }

    /// <summary>Local SK command → OK: uniform 5–30 ms.</summary>
    public TimeSpan LocalCommand() => Ms(_random.Uniform(5, 30));

    /// <summary>SKSENDTO → EVENT 21 (unicast): lognormal(15 ms, p95 150 ms), cap 2 s.</summary>
    public TimeSpan UnicastTx() => Ms(Math.Min(_random.LogNormal(15, 150), 2000));

    /// <summary>EVENT 21 → OK: 0–5 ms.</summary>
    public TimeSpan OkAfterEvent21() => Ms(_random.Uniform(0, 5));

    /// <summary>Neighbour discovery on first contact: 20–200 ms until the real EVENT 21.</summary>
    public TimeSpan NeighbourDiscovery() => Ms(_random.Uniform(20, 200));

    /// <summary>
    /// Between two Neighbor Solicitations for the same address (RFC 4861 RetransTimer, 1 s; the unanswered-ns fault).
    /// Not scaled, not random: at latency scale 0 the solicitations must still be apart, and the seeded draws of runs
    /// without the fault stay the same.
    /// </summary>
    public TimeSpan NeighbourRetransmit() => TimeSpan.FromSeconds(1);

    /// <summary>Neighbour Solicitation that nobody answers: the datagram fails after this.</summary>
    public TimeSpan NeighbourTimeout() => Ms(3000);

    /// <summary>
    /// Meter request → reply: 80 % lognormal(0.15 s, p95 0.8 s); 15 % uniform 1–4.5 s; 5 % uniform 4.5–20 s
    /// (timing.md's 0.5 % "no reply" is the lost-reply fault, off by default); plus 0.08 ms per reply byte,
    /// 2 ms per EPC, 0–300 ms more for E2/E4, and 0–20 ms "meter busy" jitter with probability 0.05.
    /// </summary>
    public TimeSpan MeterReply(int replyBytes, int epcCount, bool history)
    {
        var pick = _random.NextDouble();
        double ms = pick < 0.80 ? _random.LogNormal(150, 800)
            : pick < 0.95 ? _random.Uniform(1000, 4500)
            : _random.Uniform(4500, 20000);
        ms += (0.08 * replyBytes) + (2 * epcCount);
        if (history)
        {
            ms += _random.Uniform(0, 300);
        }

        if (_random.Chance(0.05))
        {
            ms += _random.Uniform(0, 20);
        }

        return Ms(ms);
    }

    /// <summary>Active/ED scan dwell per channel: 9.6 ms (A1) or 10 ms (C0/C2) × (2^D + 1). Not random.</summary>
    public TimeSpan ScanDwell(int duration, double baseMs) => Ms(baseMs * ((1 << duration) + 1));

    /// <summary>SKJOIN → EVENT 25: lognormal(3 s, p95 8 s) clamped to 2–15 s.</summary>
    public TimeSpan JoinTotal() => Ms(Math.Clamp(_random.LogNormal(3000, 8000), 2000, 15000));

    /// <summary>Spacing between PANA messages: ≈ 0.25 s + jitter.</summary>
    public TimeSpan PanaSpacing() => Ms(250 + _random.Uniform(-50, 80));

    /// <summary>Failure with correct credentials is reported ≈ 40 s after the command (CJ1).</summary>
    public TimeSpan JoinFailureReport() => Ms(_random.Uniform(39000, 40000));

    /// <summary>Module's EVENT 21 for its own PANA answer after a meter message: ≈ 135 ms (YBR).</summary>
    public TimeSpan PanaAnswer() => Ms(_random.Uniform(100, 170));

    /// <summary>EVENT 25 ≈ 5 ms after the last EVENT 21.</summary>
    public TimeSpan Event25() => Ms(5);

    /// <summary>D5 instance-list INF: 0–1 s after EVENT 25.</summary>
    public TimeSpan InstanceListInf() => Ms(_random.Uniform(0, 1000));

    /// <summary>Automatic re-authentication: EVENT 25 after lognormal(2 s, p95 10 s), cap 45 s.</summary>
    public TimeSpan Reauthentication() => Ms(Math.Min(_random.LogNormal(2000, 10000), 45000));

    /// <summary>ICMP echo round trip.</summary>
    public TimeSpan Ping() => Ms(_random.LogNormal(40, 300));

    /// <summary>PANA termination round trip; or the give-up time when the meter does not answer.</summary>
    public TimeSpan Termination(bool answered) => answered ? Ms(_random.LogNormal(200, 800)) : Ms(10000);

    /// <summary>
    /// Late reply (the late-reply fault): 60–300 s of host time after the request unless the client's next
    /// request comes first. Not scaled: at latency scale 0 a late reply must still be late.
    /// </summary>
    public TimeSpan LateReply() => TimeSpan.FromMilliseconds(_random.Uniform(60000, 300000));

    /// <summary>A duplicate copy trails the original by 50–500 ms.</summary>
    public TimeSpan Duplicate() => Ms(_random.Uniform(50, 500));

    private TimeSpan Ms(double ms) => Scale == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(ms * Scale);
}
