using BRoute.SkStack.Grammar;

namespace BRoute.SkStack.Device;

/// <summary>
/// Which dongle families the answers to SKINFO and ROPT allow (skstack.md legend, §3, §9 "ROPT unsupported", §10 item 12):
/// SKINFO's 5th token tells single-side (A1 class) from dual-side (C0/C2 class) firmware; ROPT answering FAIL ER04 tells
/// Tessera's RL7023 firmware (Skyley's SKSTACK IP without ROHM's WOPT/ROPT) from ROHM's. SKVER and SKAPPVER print the
/// same within a class, so BP35A1 and WSR35A1, and BP35C0, BP35C2 and RS-WSUHA, cannot be told apart. RL7023 Stick-D/IPS
/// is disputed (§10 item 12): it may speak either dialect, so it stays a candidate of both classes without ROPT.
/// </summary>
internal static class FamilyDetection
{
    /// <summary>The candidates (in the enum's order) and the family the dongle behaves like.</summary>
    /// <param name="singleSide">From SKINFO (or EVER as a hint): true single-side, false dual-side, null unknown.</param>
    /// <param name="hasOptionCommands">ROPT answered (true), answered FAIL ER04 (false), or failed otherwise (null).</param>
    public static (IReadOnlyList<DongleFamily> Candidates, DongleFamily Representative) Candidates(bool? singleSide, bool? hasOptionCommands)
    {
        IReadOnlyList<DongleFamily> singleRohm = [DongleFamily.Bp35A1, DongleFamily.Wsr35A1];
        IReadOnlyList<DongleFamily> dualRohm = [DongleFamily.Bp35C0, DongleFamily.Bp35C2, DongleFamily.RsWsuha];
        return (singleSide, hasOptionCommands) switch
        {
            (true, true) => (singleRohm, DongleFamily.Bp35A1),
            (true, false) => ([DongleFamily.Rl7023Ips], DongleFamily.Rl7023Ips),
            (true, null) => ([.. singleRohm, DongleFamily.Rl7023Ips], DongleFamily.Bp35A1),
            (false, true) => (dualRohm, DongleFamily.Bp35C2),
            (false, false) => ([DongleFamily.Rl7023Ips, DongleFamily.Rl7023Dss], DongleFamily.Rl7023Dss),
            (false, null) => ([.. dualRohm, DongleFamily.Rl7023Ips, DongleFamily.Rl7023Dss], DongleFamily.Bp35C2),
            (null, _) => (Enum.GetValues<DongleFamily>().Where(f => f != DongleFamily.Unknown).ToList(), DongleFamily.Unknown),
        };
    }
}
