using System.Globalization;
using BRoute.Daemon.Configuration;

namespace BRoute.Cli.Settings;

/// <summary>Parses a duration: "10" (seconds), "1.5s", "500ms", "2m", "1h".</summary>
internal static class DurationText
{
    public const string Format = "seconds, or a number with ms, s, m or h (e.g. 10, 1.5s, 500ms, 2m)";

    /// <summary>The one duration parser (the configuration's), without days.</summary>
    public static bool TryParse(string? text, out TimeSpan duration) => DurationSetting.TryParse(text, allowDays: false, out duration);

    /// <summary>"10 s", "1.5 s", "2 min".</summary>
    public static string Show(TimeSpan duration) => duration.TotalSeconds >= 120 && duration.TotalSeconds % 60 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMinutes:0.###} min")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.###} s");
}
