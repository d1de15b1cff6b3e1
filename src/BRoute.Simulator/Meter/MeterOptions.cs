using System.Net;
using BRoute.EchonetLite.Meter;

namespace BRoute.Simulator.Meter;

/// <summary>What the meter answers when a Get asks for more EPCs than <see cref="MeterOptions.MaxGetOpc"/>.</summary>
public enum OverOpcBehavior
{
    /// <summary>Get_SNA: the first MaxGetOpc EPCs with values, the rest with PDC 0 (the SPH anecdote).</summary>
    Sna,

    /// <summary>No reply at all.</summary>
    Drop,

    /// <summary>Answer every EPC normally.</summary>
    Answer,
}

/// <summary>The meter's property set generation.</summary>
public enum MeterGeneration
{
    /// <summary>Appendix Release R: has C0, D0, D3, EE, EF.</summary>
    ReleaseR,

    /// <summary>An older meter (Release F): no C0, D0, D3, EE, EF.</summary>
    Older,
}

/// <summary>The household's consumption model.</summary>
public enum LoadModel
{
    /// <summary>A deterministic daily curve (morning and evening peaks, appliances) with seeded noise.</summary>
    Household,

    /// <summary>A constant draw of <see cref="MeterOptions.ConstantLoadW"/> watts.</summary>
    Constant,
}

/// <summary>Everything about the simulated smart meter and the household behind it.</summary>
public sealed record MeterOptions
{
    /// <summary>B-route ID the meter accepts (32 characters).</summary>
    public string RouteBId { get; init; } = "00112233445566778899AABBCCDDEEFF";

    /// <summary>B-route password the meter accepts (12 characters).</summary>
    public string Password { get; init; } = "0123456789AB";

    /// <summary>Logical channel, 0x21–0x3C.</summary>
    public byte Channel { get; init; } = 0x21;

    /// <summary>PAN ID.</summary>
    public ushort PanId { get; init; } = 0x8888;

    /// <summary>The meter's 64-bit MAC (EPANDESC Addr, ERXUDP SENDERLLA).</summary>
    public ulong Mac { get; init; } = 0x001C640000A1B2C3;

    /// <summary>The meter's IPv6 address; by default the link-local address derived from <see cref="Mac"/>.</summary>
    public IPAddress? IPv6 { get; init; }

    /// <summary>LQI reported in EPANDESC and (SA2=1) ERXUDP.</summary>
    public byte Lqi { get; init; } = 0xB4;

    /// <summary>Smallest SKSCAN duration whose scan finds the meter.</summary>
    public int MinScanDuration { get; init; } = 4;

    /// <summary>Property set generation.</summary>
    public MeterGeneration Generation { get; init; } = MeterGeneration.ReleaseR;

    /// <summary>EPCs removed from the property set (on top of the generation's set).</summary>
    public IReadOnlySet<byte> Without { get; init; } = new HashSet<byte>();

    /// <summary>Whether the meter measures reverse flow (E3, E4, EB present).</summary>
    public bool ReverseMetering { get; init; } = true;

    /// <summary>D3 coefficient (0–999999).</summary>
    public uint Coefficient { get; init; } = 1;

    /// <summary>E1 unit code (0x00–0x04, 0x0A–0x0D).</summary>
    public byte Unit { get; init; } = 0x01;

    /// <summary>D7 effective digits (1–8); registers wrap at 10^digits.</summary>
    public byte Digits { get; init; } = 6;

    /// <summary>Single-phase two-wire service: E8 T phase is 0x7FFE.</summary>
    public bool SinglePhaseTwoWire { get; init; }

    /// <summary>Largest OPC a Get is answered for.</summary>
    public int MaxGetOpc { get; init; } = 6;

    /// <summary>What happens above <see cref="MaxGetOpc"/>.</summary>
    public OverOpcBehavior OverOpc { get; init; } = OverOpcBehavior.Sna;

    /// <summary>PANA session lifetime the meter grants (Session-Lifetime AVP).</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromSeconds(86400);

    /// <summary>Send the 30-minute EA/EB notification as INFC (0x74, acknowledged) instead of INF.</summary>
    public bool UseInfc { get; init; }

    /// <summary>Consumption model.</summary>
    public LoadModel Load { get; init; } = LoadModel.Household;

    /// <summary>Draw of the constant model, W.</summary>
    public int ConstantLoadW { get; init; } = 500;

    /// <summary>Mean daily consumption of the household model, kWh.</summary>
    public double DailyKwh { get; init; } = 10;

    /// <summary>Solar peak output in W (0 = no panels). Export makes E7 negative and feeds E3/E4/EB.</summary>
    public int SolarPeakW { get; init; }

    /// <summary>Normal-direction energy (kWh) at <see cref="AnchorTime"/> (default: the simulation start).</summary>
    public decimal AnchorNormalKwh { get; init; } = 8000m;

    /// <summary>Reverse-direction energy (kWh) at <see cref="AnchorTime"/>; null = 0 at the start of the history.</summary>
    public decimal? AnchorReverseKwh { get; init; }

    /// <summary>Instant at which the registers equal the anchor values; null = simulation start.</summary>
    public DateTimeOffset? AnchorTime { get; init; }

    /// <summary>Days of half-hour history the meter holds before the start (E2/E4 reach 99 days back).</summary>
    public int HistoryDays { get; init; } = 100;

    /// <summary>Manufacturer code (3 bytes, 0x8A); 0xFFFFFF is the ECHONET "experimental" code.</summary>
    public uint ManufacturerCode { get; init; } = 0xFFFFFF;

    /// <summary>Fixed EDTs that replace the model's value of these EPCs (e.g. E8 from a capture).</summary>
    public IReadOnlyDictionary<byte, byte[]> Pinned { get; init; } = new Dictionary<byte, byte[]>();

    /// <summary>The IPv6 the meter uses.</summary>
    public IPAddress Address => IPv6 ?? BRoute.SkStack.Grammar.SkAddress.LinkLocalFromMac(Mac);

    /// <summary>Pairing ID shown in EPANDESC: the last 8 characters of the B-route ID.</summary>
    public string PairId => RouteBId.Length >= 8 ? RouteBId[^8..] : RouteBId;

    /// <summary>mWh per raw count: coefficient × unit (the E1 table of <see cref="EnergyUnit"/>).</summary>
    internal double MilliWattHoursPerCount => EnergyUnit.TryGetKwhPerCount(Unit, out var kwhPerCount)
        ? Coefficient * (double)(kwhPerCount * 1_000_000m)
        : throw new InvalidOperationException($"E1 unit 0x{Unit:X2} is undefined");

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (RouteBId.Length != 32)
        {
            throw new ArgumentException("the B-route ID must be exactly 32 characters", nameof(RouteBId));
        }

        if (Password.Length is < 1 or > 32)
        {
            throw new ArgumentException("the B-route password must be 1–32 characters", nameof(Password));
        }

        if (Channel is < 0x21 or > 0x3C)
        {
            throw new ArgumentException($"channel must be 0x21–0x3C (33–60), got 0x{Channel:X2}", nameof(Channel));
        }

        if (!EnergyUnit.IsDefined(Unit))
        {
            throw new ArgumentException($"E1 unit 0x{Unit:X2} is undefined (0x00–0x04, 0x0A–0x0D)", nameof(Unit));
        }

        if (Digits is < MeterLimits.MinEffectiveDigits or > MeterLimits.MaxEffectiveDigits)
        {
            throw new ArgumentException($"effective digits (D7) must be {MeterLimits.MinEffectiveDigits}–{MeterLimits.MaxEffectiveDigits}", nameof(Digits));
        }

        if (Coefficient > MeterLimits.MaxCoefficient)
        {
            throw new ArgumentException("coefficient (D3) must be 0–999999", nameof(Coefficient));
        }

        if (Coefficient == 0)
        {
            throw new ArgumentException("coefficient 0 would make every register meaningless", nameof(Coefficient));
        }

        if (ManufacturerCode > 0xFF_FFFF)
        {
            throw new ArgumentException($"manufacturer code (0x8A) is 3 bytes, got 0x{ManufacturerCode:X}", nameof(ManufacturerCode));
        }

        if (MaxGetOpc is < 1 or > 255)
        {
            throw new ArgumentException("largest Get OPC must be 1–255", nameof(MaxGetOpc));
        }

        if (MinScanDuration is < 0 or > 14)
        {
            throw new ArgumentException("smallest finding scan duration must be 0–14", nameof(MinScanDuration));
        }

        if (HistoryDays is < 1 or > 400)
        {
            throw new ArgumentException("history days must be 1–400", nameof(HistoryDays));
        }

        if (SessionLifetime < TimeSpan.FromSeconds(60))
        {
            throw new ArgumentException("session lifetime must be at least 60 s", nameof(SessionLifetime));
        }

        if (DailyKwh is < 0 or > 1000 || SolarPeakW is < 0 or > 100_000 || ConstantLoadW is < -100_000 or > 100_000)
        {
            throw new ArgumentException("load settings out of range (daily kWh 0–1000, solar 0–100000 W, constant ±100000 W)", nameof(DailyKwh));
        }
    }
}
