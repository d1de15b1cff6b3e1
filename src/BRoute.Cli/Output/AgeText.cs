using System.Globalization;

namespace BRoute.Cli.Output;

/// <summary>How old something is, for a person: "42 s", "17 min", "3.5 h", "8.4 days".</summary>
internal static class AgeText
{
    public static string Of(TimeSpan age) => age switch
    {
        { TotalSeconds: < 120 } => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, age.TotalSeconds):0} s"),
        { TotalMinutes: < 120 } => string.Create(CultureInfo.InvariantCulture, $"{age.TotalMinutes:0} min"),
        { TotalHours: < 48 } => string.Create(CultureInfo.InvariantCulture, $"{age.TotalHours:0.#} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{age.TotalDays:0.#} days"),
    };
}
