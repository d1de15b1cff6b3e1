using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace BRoute.Daemon.Configuration;

/// <summary>
/// The configuration as Microsoft.Extensions.Configuration layers, lowest first: the JSON file, the environment
/// (<c>BROUTE_DEVICE</c>, <c>BROUTE_ID</c>, <c>BROUTE_PASSWORD</c>, <c>BROUTE_FAMILY</c> as before, and
/// <c>BROUTE__Section__Key</c> for every setting, e.g. <c>BROUTE__MQTT__BROKER</c>), the command-line options.
/// Knows which layer gave each key, so every message can say where a bad value came from.
/// </summary>
public sealed class LayeredConfiguration
{
    /// <summary>A config file larger than this is refused (it cannot be ours).</summary>
    public const int MaxFileBytes = 64 * 1024;

    /// <summary>The prefix of the environment variables that set any key ("__" separates sections).</summary>
    public const string EnvironmentPrefix = "BROUTE__";

    /// <summary>The dongle (device key).</summary>
    public const string DeviceVariable = "BROUTE_DEVICE";

    /// <summary>The B-route ID (id key).</summary>
    public const string IdVariable = "BROUTE_ID";

    /// <summary>The B-route password (password key).</summary>
    public const string PasswordVariable = "BROUTE_PASSWORD";

    /// <summary>The dongle family (family key).</summary>
    public const string FamilyVariable = "BROUTE_FAMILY";

    /// <summary>The interactive commands' variables, kept: variable → key.</summary>
    public static IReadOnlyDictionary<string, string> ShortVariables { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [DeviceVariable] = "device",
        [IdVariable] = "id",
        [PasswordVariable] = "password",
        [FamilyVariable] = "family",
    };

    private readonly List<(IConfigurationProvider Provider, Func<string, string> Describe)> _layers = [];

    private LayeredConfiguration(IConfigurationRoot root, string? filePath, IReadOnlyList<string> warnings)
    {
        Root = root;
        FilePath = filePath;
        Warnings = warnings;
    }

    /// <summary>The merged configuration.</summary>
    public IConfigurationRoot Root { get; }

    /// <summary>The config file read, if any.</summary>
    public string? FilePath { get; }

    /// <summary>Warnings about the file (its name, its permissions, unknown keys).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Builds the layers.</summary>
    /// <exception cref="ConfigException">The file is missing (when named), unreadable, too large or not a JSON object.</exception>
    public static LayeredConfiguration Build(ConfigInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var warnings = new List<string>();
        var (path, locateWarning) = ConfigFileLocator.Locate(inputs);
        if (locateWarning is not null)
        {
            warnings.Add(locateWarning);
        }

        var builder = new ConfigurationBuilder();
        if (path is not null)
        {
            // Read once, checked, and parsed from those bytes: the file cannot change (or be a device that never ends) in between.
            builder.AddJsonStream(new MemoryStream(CheckFile(path)));
        }

        var shortVariables = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var sectionVariables = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in inputs.Environment)
        {
            if (ShortVariables.TryGetValue(name, out var key) && value.Length > 0)
            {
                shortVariables[key] = value;
            }
            else if (name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > EnvironmentPrefix.Length)
            {
                sectionVariables[name[EnvironmentPrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = value;
            }
        }

        builder.Add(new MemoryConfigurationSource { InitialData = shortVariables });
        builder.Add(new MemoryConfigurationSource { InitialData = sectionVariables });
        builder.Add(new MemoryConfigurationSource { InitialData = inputs.Options.Where(o => o.Value is not null) });
        IConfigurationRoot root;
        try
        {
            root = builder.Build();
        }
        catch (FormatException)
        {
            // JSON the checks above accept but the configuration cannot hold: one key twice, once as "a:b" and once nested.
            throw new ConfigException($"config file {path}: a key is given twice (once with ':' in its name, once as a section); keep one");
        }

        var layered = new LayeredConfiguration(root, path, warnings);
        var providers = root.Providers.ToList();
        var i = 0;
        if (path is not null)
        {
            layered._layers.Add((providers[i++], _ => $"config file {path}"));
        }

        layered._layers.Add((providers[i++], key => $"{ShortVariables.First(v => v.Value.Equals(key, StringComparison.OrdinalIgnoreCase)).Key}"));
        layered._layers.Add((providers[i++], key => EnvironmentPrefix + key.Replace(ConfigurationPath.KeyDelimiter, "__", StringComparison.Ordinal).ToUpperInvariant()));
        layered._layers.Add((providers[i], key => inputs.OptionNames.TryGetValue(key, out var option) ? option : "--" + key.Replace('_', '-').Replace(ConfigurationPath.KeyDelimiter, "-", StringComparison.Ordinal)));

        if (path is not null)
        {
            warnings.AddRange(layered.FileWarnings(path));
        }

        return layered;
    }

    /// <summary>Where the effective value of <paramref name="key"/> came from ("config file …", "BROUTE_ID", "--device"), or null when unset.</summary>
    public string? SourceOf(string key)
    {
        for (var i = _layers.Count - 1; i >= 0; i--)
        {
            if (_layers[i].Provider.TryGet(key, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return _layers[i].Describe(key);
            }
        }

        return null;
    }

    /// <summary>Every secret value any layer holds, valid or not (B-route IDs apart, for their pairing-ID form): for masking.</summary>
    public (IReadOnlyList<string> Ids, IReadOnlyList<string> Others) SecretValues()
    {
        var ids = new List<string>();
        var others = new List<string>();
        foreach (var provider in Root.Providers)
        {
            foreach (var key in AllKeys(provider, null))
            {
                if (ConfigKeys.IsSecret(key) && provider.TryGet(key, out var value) && !string.IsNullOrWhiteSpace(value))
                {
                    (key.EndsWith("id", StringComparison.OrdinalIgnoreCase) ? ids : others).Add(value.Trim());
                }
            }
        }

        return (ids, others);
    }

    private static byte[] CheckFile(string path)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            bytes = (info.Length > MaxFileBytes ? null : BoundedFile.Read(path, MaxFileBytes))
                ?? throw new ConfigException($"config file {path}: larger than {MaxFileBytes} bytes, too large for a broute config");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"config file {path}: cannot be read ({ex.Message}); check its permissions", ex);
        }

        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigException($"config file {path}: must hold one JSON object ({{ ... }}), not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            }

            CheckStructure(path, document.RootElement, string.Empty);
            return bytes;
        }
        catch (InvalidOperationException)
        {
            // A name or value that is not valid UTF-8, or an escaped lone surrogate ("\ud800").
            throw new ConfigException($"config file {path}: holds text that is not valid UTF-8 (or a lone \\uD800-style escape); save the file as UTF-8 and check the names and values");
        }
        catch (JsonException ex)
        {
            // The parser's own message can quote the file (maybe the password): give the place only.
            var where = ex.LineNumber is long line ? $" at line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}" : string.Empty;
            throw new ConfigException($"config file {path}: not valid JSON{where}; check quotes, commas and braces");
        }
    }

    private static void CheckStructure(string path, JsonElement element, string prefix)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in element.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw new ConfigException($"config file {path}: '{prefix}{property.Name}' appears more than once; keep one");
                }

                CheckStructure(path, property.Value, $"{prefix}{property.Name}.");
            }
        }
        else if (element.ValueKind == JsonValueKind.String)
        {
            _ = element.GetString(); // throws InvalidOperationException for text the configuration could not read
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                CheckStructure(path, item, $"{prefix.TrimEnd('.')}[{i++}].");
            }
        }
    }

    private IEnumerable<string> FileWarnings(string path)
    {
        foreach (var key in _layers[0].Provider.GetChildKeys([], null).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            foreach (var warning in KeyWarnings(_layers[0].Provider, key))
            {
                yield return $"config file {path}: {warning}";
            }
        }

        if (!OperatingSystem.IsWindows() && AllKeys(_layers[0].Provider, null).Any(k => k.EndsWith("password", StringComparison.OrdinalIgnoreCase) || k.EndsWith("token", StringComparison.OrdinalIgnoreCase)))
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & (UnixFileMode.OtherRead | UnixFileMode.GroupRead)) != 0)
            {
                var who = (mode & UnixFileMode.OtherRead) != 0 ? "every user on this machine" : "its group";
                yield return $"config file {path} holds a password and can be read by {who}; run: chmod 600 {path}";
            }
        }
    }

    private static IEnumerable<string> AllKeys(IConfigurationProvider provider, string? parent)
    {
        foreach (var child in provider.GetChildKeys([], parent).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var key = parent is null ? child : ConfigurationPath.Combine(parent, child);
            yield return key;
            foreach (var deeper in AllKeys(provider, key))
            {
                yield return deeper;
            }
        }
    }

    private static IEnumerable<string> KeyWarnings(IConfigurationProvider provider, string key)
    {
        if (ConfigKeys.Unknown(key) is { } unknown)
        {
            yield return unknown;
            yield break;
        }

        foreach (var child in provider.GetChildKeys([], key).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            foreach (var warning in KeyWarnings(provider, ConfigurationPath.Combine(key, child)))
            {
                yield return warning;
            }
        }
    }
}
