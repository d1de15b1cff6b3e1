using BRoute.SkStack.Grammar;

namespace BRoute.Cli.Settings;

/// <summary>The dongle family names the command line and config file accept.</summary>
internal static class FamilyNames
{
    /// <summary>Every accepted name, for help and error messages.</summary>
    public const string Choices = "auto, bp35a1, wsr35a1, bp35c0, bp35c2, rs-wsuha, rl7023-ips, rl7023-dss";

    /// <summary>"auto" (detect; null) or one family name, case-insensitive.</summary>
    public static bool TryParse(string? text, out DongleFamily? family)
    {
        family = null;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "auto":
                return true;
            case "bp35a1":
                family = DongleFamily.Bp35A1;
                return true;
            case "wsr35a1":
                family = DongleFamily.Wsr35A1;
                return true;
            case "bp35c0":
                family = DongleFamily.Bp35C0;
                return true;
            case "bp35c2":
                family = DongleFamily.Bp35C2;
                return true;
            case "rs-wsuha":
                family = DongleFamily.RsWsuha;
                return true;
            case "rl7023-ips":
                family = DongleFamily.Rl7023Ips;
                return true;
            case "rl7023-dss":
                family = DongleFamily.Rl7023Dss;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The command-line name of a family ("auto" for null).</summary>
    public static string NameOf(DongleFamily? family) => family switch
    {
        null or DongleFamily.Unknown => "auto",
        DongleFamily.Bp35A1 => "bp35a1",
        DongleFamily.Wsr35A1 => "wsr35a1",
        DongleFamily.Bp35C0 => "bp35c0",
        DongleFamily.Bp35C2 => "bp35c2",
        DongleFamily.RsWsuha => "rs-wsuha",
        DongleFamily.Rl7023Ips => "rl7023-ips",
        DongleFamily.Rl7023Dss => "rl7023-dss",
        _ => family.Value.ToString().ToLowerInvariant(),
    };
}
