using System.Globalization;

namespace BRoute.Cli.Settings;

/// <summary>Parses a duration: "10" (seconds), "1.5s", "500ms", "2m", "1h".</summary>
internal static class DurationText
{
    public const string Format = "seconds, or a number with ms, s, m or h (e.g. 10, 1.5s, 500ms, 2m)";

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        var (digits, unit) = t switch
        {
            _ when t.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (t[..^2], 0.001),
            _ when t.EndsWith('s') || t.EndsWith('S') => (t[..^1], 1.0),
            _ when t.EndsWith('m') || t.EndsWith('M') => (t[..^1], 60.0),
            _ when t.EndsWith('h') || t.EndsWith('H') => (t[..^1], 3600.0),
            _ => (t, 1.0),
        };
        if (!double.TryParse(digits.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value) || value * unit > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(value * unit);
        return true;
    }

    /// <summary>"10 s", "1.5 s", "2 min".</summary>
    public static string Show(TimeSpan duration) => duration.TotalSeconds >= 120 && duration.TotalSeconds % 60 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMinutes:0.###} min")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.###} s");
}
