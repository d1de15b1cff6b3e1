using BRoute.Daemon.Configuration;
using System.Text.Json;
using BRoute.Cli.Running;

namespace BRoute.Cli.Settings;

/// <summary>
/// The values a config file holds, as text (checked later, with the file named as their source).
/// Timeouts may be written as numbers (seconds) or strings ("45s").
/// </summary>
internal sealed record ConfigFileValues(string Path)
{
    public string? Device { get; init; }

    public string? Id { get; init; }

    public string? Password { get; init; }

    public string? Family { get; init; }

    public string? StateDir { get; init; }

    public string? RequestTimeout { get; init; }

    public string? JoinTimeout { get; init; }

    public string? ScanMaxDuration { get; init; }

    /// <summary>Things worth telling the user that do not stop the command (permissions, likely typos).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Never the ID or password.</summary>
    public override string ToString() => $"config {Path} (device {Device ?? "-"}, id {(Id is null ? "-" : "set")}, password {(Password is null ? "-" : "set")})";
}

/// <summary>
/// Reads the config file (JSON): <c>{"device": "/dev/ttyUSB0", "id": "…", "password": "…",
/// "family": "bp35c2", "state_dir": "…", "timeouts": {"request": 10, "join": "45s", "scan_max_duration": 8}}</c>.
/// Comments and trailing commas are allowed. Problems raise <see cref="CliUsageException"/> with
/// the file, the place and the problem, never a value.
/// </summary>
internal static class ConfigFile
{
    /// <summary>A config file larger than this is refused (it cannot be ours).</summary>
    public const int MaxBytes = 64 * 1024;

    private static readonly string[] TopKeys = ["device", "id", "password", "family", "state_dir", "timeouts"];
    private static readonly string[] TimeoutKeys = ["request", "join", "scan_max_duration"];

    /// <summary>$XDG_CONFIG_HOME/broute/config.json (absolute XDG_CONFIG_HOME only), else ~/.config/broute/config.json; null when neither is known.</summary>
    public static string? DefaultPath(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var xdg = environment.Get("XDG_CONFIG_HOME");
        if (xdg is not null && Path.IsPathFullyQualified(xdg))
        {
            return Path.Combine(xdg, "broute", "config.json");
        }

        return environment.HomeDirectory.Length > 0 ? Path.Combine(environment.HomeDirectory, ".config", "broute", "config.json") : null;
    }

    /// <summary>Reads and parses the file, adding a warning when it holds a password others can read.</summary>
    public static ConfigFileValues Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new CliUsageException($"config file {path}: not found");
            }

            if (info.Length > MaxBytes)
            {
                throw new CliUsageException($"config file {path}: {info.Length} bytes is too large for a broute config (at most {MaxBytes})");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"config file {path}: cannot be read: {ex.Message}", ex);
        }

        var values = Parse(path, bytes);
        if (values.Password is not null && !OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & (UnixFileMode.OtherRead | UnixFileMode.GroupRead)) != 0)
            {
                var who = (mode & UnixFileMode.OtherRead) != 0 ? "every user on this machine" : "its group";
                values = values with
                {
                    Warnings = [.. values.Warnings, $"config file {path} holds the B-route password and can be read by {who}; run: chmod 600 {path}"],
                };
            }
        }

        return values;
    }

    /// <summary>Parses the JSON text of a config file.</summary>
    public static ConfigFileValues Parse(string path, ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            // The reader's own message can quote a character of the file (maybe of the password): give the place only.
            var where = ex.LineNumber is long line ? $" at line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}" : string.Empty;
            throw new CliUsageException($"config file {path}: not valid JSON{where}; check quotes, commas and braces");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CliUsageException($"config file {path}: must hold one JSON object ({{ ... }}), not {Describe(root.ValueKind)}");
            }

            var warnings = new List<string>();
            var values = new ConfigFileValues(path);
            foreach (var property in Properties(path, root, string.Empty, TopKeys, warnings))
            {
                values = property.Name switch
                {
                    "device" => values with { Device = Text(path, property) },
                    "id" => values with { Id = Text(path, property) },
                    "password" => values with { Password = Text(path, property) },
                    "family" => values with { Family = Text(path, property) },
                    "state_dir" => values with { StateDir = Text(path, property) },
                    "timeouts" => ReadTimeouts(path, property, values, warnings),
                    _ => values,
                };
            }

            return values with { Warnings = warnings };
        }
    }

    private static ConfigFileValues ReadTimeouts(string path, JsonProperty timeouts, ConfigFileValues values, List<string> warnings)
    {
        if (timeouts.Value.ValueKind != JsonValueKind.Object)
        {
            throw new CliUsageException($"config file {path}: 'timeouts' must be an object like {{\"request\": 10, \"join\": 45, \"scan_max_duration\": 8}}, not {Describe(timeouts.Value.ValueKind)}");
        }

        foreach (var property in Properties(path, timeouts.Value, "timeouts.", TimeoutKeys, warnings))
        {
            var text = property.Value.ValueKind switch
            {
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null => null,
                var kind => throw new CliUsageException($"config file {path}: 'timeouts.{property.Name}' must be a number or a string like \"45s\", not {Describe(kind)}"),
            };
            values = property.Name switch
            {
                "request" => values with { RequestTimeout = text },
                "join" => values with { JoinTimeout = text },
                "scan_max_duration" => values with { ScanMaxDuration = text },
                _ => values,
            };
        }

        return values;
    }

    /// <summary>The object's properties with known names; duplicates are errors, near-misses get a warning, other keys are left to other tools.</summary>
    private static IEnumerable<JsonProperty> Properties(string path, JsonElement element, string prefix, string[] known, List<string> warnings)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<JsonProperty>();
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw new CliUsageException($"config file {path}: '{prefix}{property.Name}' appears more than once");
            }

            if (known.Contains(property.Name, StringComparer.Ordinal))
            {
                result.Add(property);
                continue;
            }

            var close = known.FirstOrDefault(k => TextDistance.Levenshtein(k, property.Name.ToLowerInvariant()) <= 2);
            if (close is not null)
            {
                warnings.Add($"config file {path}: unknown key '{prefix}{property.Name}' ignored; did you mean '{prefix}{close}'?");
            }
        }

        return result;
    }

    private static string? Text(string path, JsonProperty property) => property.Value.ValueKind switch
    {
        JsonValueKind.String => property.Value.GetString(),
        JsonValueKind.Null => null,
        var kind => throw new CliUsageException($"config file {path}: '{property.Name}' must be a string, not {Describe(kind)}"),
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
