using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace BRoute.Daemon.Configuration;

/// <summary>
/// Typed reads of the layered configuration that collect problems instead of throwing at the first: each problem
/// names the key as the user writes it, where the value came from, what is wrong and the fix; never a secret's value.
/// </summary>
internal sealed class SettingsReader(LayeredConfiguration layers)
{
    public List<string> Problems { get; } = [];

    public List<string> Warnings { get; } = [];

    public Dictionary<string, string> Sources { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IConfiguration Root => layers.Root;

    /// <summary>The config file read, if any.</summary>
    public string? FilePath => layers.FilePath;

    /// <summary>The trimmed text, or null when unset or blank, without recording it as used.</summary>
    public string? Peek(string key) => string.IsNullOrWhiteSpace(layers.Root[key]) ? null : layers.Root[key]!.Trim();

    /// <summary>"meters:0:device" → "meters[0].device", "mqtt:broker" → "mqtt.broker".</summary>
    public static string Show(string key)
    {
        var parts = key.Split(':');
        var text = parts[0].ToLowerInvariant();
        for (var i = 1; i < parts.Length; i++)
        {
            text += int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out _) ? $"[{parts[i]}]" : "." + parts[i].ToLowerInvariant();
        }

        return text;
    }

    public string SourceOf(string key) => layers.SourceOf(key) ?? "default";

    /// <summary>The trimmed text, or null when unset or blank; records where it came from.</summary>
    public string? Text(string key)
    {
        var value = layers.Root[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        Sources[key] = SourceOf(key);
        return value.Trim();
    }

    public void Problem(string key, string problem) => Problems.Add($"{Show(key)} (from {SourceOf(key)}): {problem}");

    public TimeSpan Duration(string key, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        var text = Text(key);
        if (text is null)
        {
            return fallback;
        }

        if (!DurationSetting.TryParse(text, out var value) || value < min || value > max)
        {
            Problem(key, $"'{text}' is not usable; give {DurationSetting.Format}, from {DurationSetting.Show(min)} to {DurationSetting.Show(max)}");
            return fallback;
        }

        return value;
    }

    public int Integer(string key, int fallback, int min, int max)
    {
        var text = Text(key);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Problem(key, $"'{text}' is not usable; give a whole number from {min} to {max}");
            return fallback;
        }

        return value;
    }

    public bool Boolean(string key, bool fallback)
    {
        var text = Text(key);
        if (text is null)
        {
            return fallback;
        }

        if (!bool.TryParse(text, out var value))
        {
            Problem(key, $"'{text}' is not usable; give true or false");
            return fallback;
        }

        return value;
    }

    /// <summary>The secret from <paramref name="key"/>, else from the file named by <paramref name="fileKey"/>, else from the systemd credentials named.</summary>
    public string? Secret(string key, string fileKey, ConfigInputs inputs, params string[] credentialNames)
    {
        if (Text(key) is { } direct)
        {
            return direct;
        }

        if (Text(fileKey) is { } file)
        {
            return SecretReader.ReadFile(file, Show(fileKey), SourceOf(fileKey), Problems, Warnings);
        }

        foreach (var name in credentialNames)
        {
            if (SecretReader.CredentialPath(inputs, name) is { } path)
            {
                Sources[key] = $"systemd credential {name}";
                return SecretReader.ReadFile(path, Show(key), $"systemd credential {name}", Problems, Warnings);
            }
        }

        return null;
    }
}
