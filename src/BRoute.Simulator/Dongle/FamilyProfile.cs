using BRoute.SkStack.Grammar;

namespace BRoute.Simulator.Dongle;

/// <summary>
/// What differs between dongle families (skstack.md legend, §3, §5, §7, §10 item 12). Values marked
/// "chosen" are not fixed by the reference; README.md lists them.
/// </summary>
public sealed record FamilyProfile
{
    /// <summary>The family.</summary>
    public required DongleFamily Family { get; init; }

    /// <summary>True for the dual-side B/HAN firmware (C0/C2): SIDE in SKSCAN, SKSENDTO, EVENT, ERXUDP, EPANDESC.</summary>
    public required bool DualSide { get; init; }

    /// <summary>SKVER answer.</summary>
    public required string Version { get; init; }

    /// <summary>SKAPPVER answer.</summary>
    public required string AppVersion { get; init; }

    /// <summary>Whether WOPT/ROPT/WUART/RUART exist; without them the answer is FAIL ER04.</summary>
    public required bool HasOptionCommands { get; init; }

    /// <summary>Factory ERXUDP data mode (WOPT bit 0).</summary>
    public required ErxudpDataMode FactoryMode { get; init; }

    /// <summary>Factory RUART value (bit 7 = flow control).</summary>
    public byte FactoryUart { get; init; }

    /// <summary>Scan dwell base: 9.6 ms (A1 manual) or 10 ms (C0 doc comment).</summary>
    public required double ScanDwellBaseMs { get; init; }

    /// <summary>A1 1.2.10 prints a blank line after EEDSCAN and after the UDP ports of SKTABLE E.</summary>
    public bool ExtraBlankLines { get; init; }

    /// <summary>ERXUDP layout for the current SA2 value.</summary>
    public ErxudpLayout Layout(bool sa2) =>
        !DualSide ? ErxudpLayout.NineTokens
        : sa2 ? ErxudpLayout.ElevenTokensWithRssiAndSide
        : ErxudpLayout.TenTokensWithSide;

    /// <summary>The profile of a family.</summary>
    public static FamilyProfile For(DongleFamily family) => family switch
    {
        DongleFamily.Bp35A1 => SingleSideRohm(family),
        DongleFamily.Wsr35A1 => SingleSideRohm(family),
        DongleFamily.Bp35C0 => DualSideRohm(family, ErxudpDataMode.Binary, 0x00),
        DongleFamily.Bp35C2 => DualSideRohm(family, ErxudpDataMode.AsciiHex, 0x00),
        DongleFamily.RsWsuha => DualSideRohm(family, ErxudpDataMode.AsciiHex, 0x80),

        // Tessera firmware is Skyley's SKSTACK IP without ROHM's WOPT/ROPT: ASCII hex only.
        // Stick-D/IPS is modelled as single-side (Skyley's own API and momonga; skstack.md §10 item 12).
        DongleFamily.Rl7023Ips => new FamilyProfile
        {
            Family = family, DualSide = false, Version = "1.2.10", AppVersion = "rev26e",
            HasOptionCommands = false, FactoryMode = ErxudpDataMode.AsciiHex, ScanDwellBaseMs = 9.6,
        },
        DongleFamily.Rl7023Dss => new FamilyProfile
        {
            Family = family, DualSide = true, Version = "1.5.2", AppVersion = "rev26e",
            HasOptionCommands = false, FactoryMode = ErxudpDataMode.AsciiHex, ScanDwellBaseMs = 10,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "not a dongle family the simulator models"),
    };

    private static FamilyProfile SingleSideRohm(DongleFamily family) => new()
    {
        Family = family, DualSide = false, Version = "1.2.10", AppVersion = "rev26e",
        HasOptionCommands = true, FactoryMode = ErxudpDataMode.Binary, ScanDwellBaseMs = 9.6,
        ExtraBlankLines = true,
    };

    private static FamilyProfile DualSideRohm(DongleFamily family, ErxudpDataMode mode, byte uart) => new()
    {
        Family = family, DualSide = true, Version = "1.5.2", AppVersion = "rev26e",
        HasOptionCommands = true, FactoryMode = mode, FactoryUart = uart, ScanDwellBaseMs = 10,
    };
}
