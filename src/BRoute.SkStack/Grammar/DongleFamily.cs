namespace BRoute.SkStack.Grammar;

/// <summary>Dongle families whose SKSTACK IP dialects differ (skstack.md legend, §10 item 12).</summary>
public enum DongleFamily
{
    /// <summary>Not yet identified.</summary>
    Unknown = 0,

    /// <summary>ROHM BP35A1: single-side firmware (EVER 1.2.x).</summary>
    Bp35A1,

    /// <summary>WSR35A1: BP35A1-compatible single-side firmware.</summary>
    Wsr35A1,

    /// <summary>ROHM BP35C0: dual-side B/HAN firmware (EVER 1.5.x).</summary>
    Bp35C0,

    /// <summary>ROHM BP35C2: dual-side firmware.</summary>
    Bp35C2,

    /// <summary>Ratoc RS-WSUHA: BP35C2-class module.</summary>
    RsWsuha,

    /// <summary>Tessera RL7023 Stick-D/IPS: dialect disputed, detected at run time.</summary>
    Rl7023Ips,

    /// <summary>Tessera RL7023 Stick-D/DSS: dual-side firmware.</summary>
    Rl7023Dss,
}

/// <summary>How the tokens of an ERXUDP line are laid out (skstack.md §7).</summary>
public enum ErxudpLayout
{
    /// <summary>9 tokens: … SENDERLLA SECURED DATALEN DATA (BP35A1, WSR35A1).</summary>
    NineTokens,

    /// <summary>10 tokens: … SENDERLLA SECURED SIDE DATALEN DATA (C0/C2 with SA2=0).</summary>
    TenTokensWithSide,

    /// <summary>11 tokens: … SENDERLLA RSSI SECURED SIDE DATALEN DATA (C0/C2 with SA2=1).</summary>
    ElevenTokensWithRssiAndSide,
}

/// <summary>How ERXUDP carries its data (WOPT/ROPT bit 0, skstack.md §7).</summary>
public enum ErxudpDataMode
{
    /// <summary>WOPT 00: DATALEN raw bytes.</summary>
    Binary = 0,

    /// <summary>WOPT 01: 2 × DATALEN upper-case hex characters.</summary>
    AsciiHex = 1,
}
