using System.Globalization;

namespace BRoute.Daemon.Configuration;

/// <summary>Parses a duration setting: a number of seconds, or a number with ms, s, m, h or d ("10", "45s", "14d").</summary>
public static class DurationSetting
{
    /// <summary>How to write one, for messages.</summary>
    public const string Format = "seconds, or a number with ms, s, m, h or d (e.g. 10, 45s, 2m, 14d)";

    /// <summary>False for anything else, including negative or non-finite numbers.</summary>
    public static bool TryParse(string? text, out TimeSpan duration) => TryParse(text, allowDays: true, out duration);

    /// <summary>As <see cref="TryParse(string?, out TimeSpan)"/>; without <paramref name="allowDays"/> a "d" suffix is refused (timeouts of the interactive commands).</summary>
    public static bool TryParse(string? text, bool allowDays, out TimeSpan duration)
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
            _ when allowDays && (t.EndsWith('d') || t.EndsWith('D')) => (t[..^1], 86400.0),
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

    /// <summary>"10 s", "2 min", "1 h", "14 d".</summary>
    public static string Show(TimeSpan duration) => duration switch
    {
        { TotalDays: >= 1 } when duration.TotalHours % 24 == 0 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalDays:0} d"),
        { TotalHours: >= 1 } when duration.TotalMinutes % 60 == 0 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalHours:0} h"),
        { TotalMinutes: >= 2 } when duration.TotalSeconds % 60 == 0 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMinutes:0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.###} s"),
    };
}
