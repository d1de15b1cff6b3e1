namespace BRoute.SkStack.Grammar;

/// <summary>The dongle family names users write (command line, config file, simulator), one table.</summary>
public static class DongleFamilyNames
{
    /// <summary>The one list of names; parsing, printing and <see cref="Choices"/> all read it.</summary>
    private static readonly (string Name, DongleFamily Family)[] Names =
    [
        ("bp35a1", DongleFamily.Bp35A1),
        ("wsr35a1", DongleFamily.Wsr35A1),
        ("bp35c0", DongleFamily.Bp35C0),
        ("bp35c2", DongleFamily.Bp35C2),
        ("rs-wsuha", DongleFamily.RsWsuha),
        ("rl7023-ips", DongleFamily.Rl7023Ips),
        ("rl7023-dss", DongleFamily.Rl7023Dss),
    ];

    /// <summary>The family names without "auto": "bp35a1, wsr35a1, …".</summary>
    public static string Known { get; } = string.Join(", ", Names.Select(n => n.Name));

    /// <summary>Every accepted name, for help and error messages: "auto, bp35a1, wsr35a1, …".</summary>
    public static string Choices { get; } = "auto, " + Known;

    /// <summary>"auto" (detect; null) or one family name, case-insensitive.</summary>
    public static bool TryParse(string? text, out DongleFamily? family)
    {
        var name = text?.Trim().ToLowerInvariant();
        family = null;
        foreach (var entry in Names)
        {
            if (entry.Name == name)
            {
                family = entry.Family;
                return true;
            }
        }

        return name == "auto";
    }

    /// <summary>The user-facing name of a family ("auto" for null or unknown).</summary>
    public static string NameOf(DongleFamily? family)
    {
        if (family is not { } known || known == DongleFamily.Unknown)
        {
            return "auto";
        }

        foreach (var entry in Names)
        {
            if (entry.Family == known)
            {
                return entry.Name;
            }
        }

        return known.ToString().ToLowerInvariant();
    }
}
