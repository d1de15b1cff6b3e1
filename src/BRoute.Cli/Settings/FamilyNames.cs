using BRoute.SkStack.Device;
using BRoute.SkStack.Grammar;

namespace BRoute.Cli.Settings;

/// <summary>The dongle family names the command line and config file accept, and how a detected family is described.</summary>
internal static class FamilyNames
{
    /// <summary>The family names without "auto": "bp35a1, wsr35a1, …" (what <c>simulate --family</c> takes).</summary>
    public static string Known => DongleFamilyNames.Known;

    /// <summary>Every accepted name, for help and error messages: "auto, bp35a1, wsr35a1, …".</summary>
    public static string Choices => DongleFamilyNames.Choices;

    /// <summary>"auto" (detect; null) or one family name, case-insensitive (the one table: <see cref="DongleFamilyNames"/>).</summary>
    public static bool TryParse(string? text, out DongleFamily? family) => DongleFamilyNames.TryParse(text, out family);

    /// <summary>The command-line name of a family ("auto" for null).</summary>
    public static string NameOf(DongleFamily? family) => DongleFamilyNames.NameOf(family);

    /// <summary>
    /// A detected dialect's family for people: "rl7023-dss" when the answers identify it, else
    /// "unknown, behaves like bp35c2 (bp35c0, bp35c2 or rs-wsuha)"; "(tentative)" when the SIDE decision is a guess.
    /// </summary>
    public static string Describe(SkDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var text = dialect.IsFamilyIdentified || dialect.Candidates.Count == 0
            ? NameOf(dialect.Family)
            : $"unknown, behaves like {NameOf(dialect.Family)} ({OneOf(dialect.Candidates.Select(c => NameOf(c)).ToList())})";
        if (dialect.Family == DongleFamily.Unknown)
        {
            text = "unknown";
        }

        return dialect.IsTentative ? $"{text} (tentative)" : text;
    }

    private static string OneOf(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}";
}
