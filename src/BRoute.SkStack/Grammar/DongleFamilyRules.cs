namespace BRoute.SkStack.Grammar;

/// <summary>
/// The one place that says which families run single-side firmware (no SIDE argument in SKSCAN/SKSENDTO, 9-token
/// ERXUDP) and which dual-side (skstack.md §3, §7, §10 item 12). RL7023 Stick-D/IPS and Unknown are neither: detected.
/// </summary>
public static class DongleFamilyRules
{
    /// <summary>BP35A1 and WSR35A1: single-side (A1) firmware.</summary>
    public static bool IsSingleSide(this DongleFamily family) => family is DongleFamily.Bp35A1 or DongleFamily.Wsr35A1;

    /// <summary>BP35C0, BP35C2, RS-WSUHA, RL7023 Stick-D/DSS: dual-side (C0/C2) firmware.</summary>
    public static bool IsDualSide(this DongleFamily family) =>
        family is DongleFamily.Bp35C0 or DongleFamily.Bp35C2 or DongleFamily.RsWsuha or DongleFamily.Rl7023Dss;
}

/// <summary>The UDP ports of the B-route (skstack.md §3: handle 1 = 3610, PANA = 716).</summary>
public static class SkPorts
{
    /// <summary>ECHONET Lite, 3610 (0x0E1A).</summary>
    public const ushort Echonet = 0x0E1A;

    /// <summary>PANA, 716 (0x02CC): the join and re-authentication exchange.</summary>
    public const ushort Pana = 0x02CC;
}
