using System.Net;
using BRoute.Simulator.Faults;
using BRoute.Simulator.Meter;
using BRoute.SkStack.Grammar;

namespace BRoute.Simulator;

/// <summary>Which lifetime the dongle's automatic re-authentication follows (timing.md §5).</summary>
public enum ReauthBasis
{
    /// <summary>80 % of the lifetime the meter grants (86 400 s → every 19.2 h; MOM's observation).</summary>
    Meter,

    /// <summary>80 % of register S16 (900 s → every 720 s; CJ1's hypothesis).</summary>
    S16,
}

/// <summary>Everything that configures a simulator: the dongle, the meter, time and faults.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Dongle family (dialect).</summary>
    public DongleFamily Family { get; init; } = DongleFamily.Bp35A1;

    /// <summary>ERXUDP data mode at power-up; null = the family's factory setting.</summary>
    public ErxudpDataMode? DataMode { get; init; }

    /// <summary>
    /// Register SA2 at power-up (as if saved by the user): on dual-side families (C0/C2) ERXUDP then carries the meter's
    /// LQI byte before SECURED (11 tokens, skstack.md §7). Single-side families ignore it (their ERXUDP has no such token).
    /// </summary>
    public bool ShowRssi { get; init; }

    /// <summary>The dongle's 64-bit MAC (S01); its link-local address follows from it.</summary>
    public ulong DongleMac { get; init; } = 0x001D129012345678;

    /// <summary>The meter and household.</summary>
    public MeterOptions Meter { get; init; } = new();

    /// <summary>Seed of every random choice (latency, noise, faults).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Simulated instant at start (JST if no offset was given on the command line); null = host time now.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>
    /// The host instant at which the meter's clock reads <see cref="Start"/>; null = when the simulator is created. A
    /// simulator created again with the same options (this included) continues the same meter: same clock, same
    /// registers and history (they are a pure function of the meter's time and the seed), so stopping it is a dongle
    /// unplug, not a new meter.
    /// </summary>
    public DateTimeOffset? HostStart { get; init; }

    /// <summary>Simulated seconds per host second (60 = one minute per second; 0 freezes the meter's clock).</summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>Multiplier of every radio/module delay (0 = instant, 0.1 = a tenth).</summary>
    public double LatencyScale { get; init; } = 1;

    /// <summary>Faults to inject.</summary>
    public FaultOptions Faults { get; init; } = FaultOptions.None;

    /// <summary>Which lifetime automatic re-authentication follows.</summary>
    public ReauthBasis ReauthBasis { get; init; } = ReauthBasis.Meter;

    /// <summary>
    /// Where the OK of an SKSENDTO to a neighbour not in the cache goes. False (default, smdn's test of the module):
    /// <c>EVENT 21 … 02</c>, <c>EVENT 02</c>, the final <c>EVENT 21</c>, then OK. True: OK right after <c>EVENT 21 … 02</c>
    /// (the datagram is held), and <c>EVENT 02</c> and the final <c>EVENT 21</c> come later on their own (skstack.md §5
    /// "the datagram is held and sent after address resolution"). The reference does not say which modules do which.
    /// </summary>
    public bool OkAfterSolicitation { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Meter.Validate();
        var profile = Dongle.FamilyProfile.For(Family);
        if (DataMode == ErxudpDataMode.Binary && !profile.HasOptionCommands)
        {
            throw new ArgumentException($"{Family} has no WOPT: its ERXUDP data is always ASCII hex", nameof(DataMode));
        }

        if (TimeScale is < 0 or > 100_000 || double.IsNaN(TimeScale))
        {
            throw new ArgumentException("time scale must be 0–100000", nameof(TimeScale));
        }

        if (LatencyScale is < 0 or > 100 || double.IsNaN(LatencyScale))
        {
            throw new ArgumentException("latency scale must be 0–100", nameof(LatencyScale));
        }
    }

    /// <summary>
    /// The configuration behind seed-trace.log: a BP35A1 in ASCII mode whose meter answers exactly the
    /// values of seed-trace-decoded.md §1 (E7 628 W, E8 5.0/2.0 A, E0 86536, E3 10, EA/EB 2020-03-14 08:30,
    /// D3 1, D7 6, E1 0x01) with the trace's (redacted, mutually inconsistent) addresses.
    /// </summary>
    public static SimulatorOptions SeedTrace() => new()
    {
        Family = DongleFamily.Bp35A1,
        DataMode = ErxudpDataMode.AsciiHex,
        DongleMac = 0x00FFEEDDCCBBAA88,
        Start = new DateTimeOffset(2020, 3, 14, 8, 50, 0, Timing.SimClock.Jst),
        TimeScale = 0,
        Meter = new MeterOptions
        {
            Mac = 0x00808700301224EF,
            IPv6 = IPAddress.Parse("fe80::2ff:eedd:ccbb:aa99"),
            Channel = 0x33,
            PanId = 0x24EF,
            Load = LoadModel.Constant,
            ConstantLoadW = 628,
            AnchorTime = new DateTimeOffset(2020, 3, 14, 8, 30, 0, Timing.SimClock.Jst),
            AnchorNormalKwh = 8653.45m,
            AnchorReverseKwh = 1.0m,
            Coefficient = 1,
            Unit = 0x01,
            Digits = 6,
            Generation = MeterGeneration.ReleaseR,
            Pinned = new Dictionary<byte, byte[]> { [0xE8] = [0x00, 0x32, 0x00, 0x14] },
        },
    };
}
