namespace BRoute.Daemon.Configuration;

/// <summary>Every key the configuration knows, for typo warnings and for <c>broute config check</c>.</summary>
public static class ConfigKeys
{
    /// <summary>Keys a meter may have (in "meters" entries, and at the top for a single meter).</summary>
    public static IReadOnlyList<string> Meter { get; } = ["name", "device", "id", "password", "password_file", "family"];

    /// <summary>Sections and their keys; "" is the top level.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Sections { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
    {
        [string.Empty] = ["device", "id", "password", "password_file", "family", "name", "state_dir", "timeouts", "meters", "store", "mqtt", "web", "tariff"],
        ["timeouts"] = ["request", "join", "scan_max_duration"],
        ["store"] = ["path", "sample_retention", "aggregate_retention"],
        ["mqtt"] = ["broker", "user", "password", "password_file", "client_id", "protocol", "ca_file", "client_certificate", "client_key", "allow_untrusted_certificates", "topic_prefix", "discovery_prefix"],
        ["web"] = ["enabled", "listen", "token", "token_file"],
        ["tariff"] = ["basic_charge", "tiers", "adjustments"],
    };

    /// <summary>Keys whose values are secrets: never printed, never in a message.</summary>
    public static bool IsSecret(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var last = key[(key.LastIndexOf(':') + 1)..];
        return last.Equals("password", StringComparison.OrdinalIgnoreCase)
            || last.Equals("id", StringComparison.OrdinalIgnoreCase)
            || last.Equals("token", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A warning for a key nobody reads (with the closest known key), or null when the key is known.</summary>
    public static string? Unknown(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split(':');
        IReadOnlyList<string>? known;
        string prefix;
        if (parts.Length == 3 && parts[0].Equals("meters", StringComparison.OrdinalIgnoreCase) && int.TryParse(parts[1], out _))
        {
            known = Meter;
            prefix = $"meters[{parts[1]}].";
        }
        else if (parts.Length == 2 && Sections.TryGetValue(parts[0], out known))
        {
            prefix = parts[0].ToLowerInvariant() + ".";
        }
        else if (parts.Length == 1)
        {
            known = Sections[string.Empty];
            prefix = string.Empty;
        }
        else
        {
            return null; // deeper keys belong to a known section's values (none today) or to another tool
        }

        var name = parts[^1];
        if (known.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        var close = known.FirstOrDefault(k => TextDistance.Levenshtein(k, name.ToLowerInvariant()) <= 2);
        return close is null
            ? $"unknown key '{prefix}{name}' ignored"
            : $"unknown key '{prefix}{name}' ignored; did you mean '{prefix}{close}'?";
    }
}

/// <summary>Edit distance for "did you mean" suggestions.</summary>
public static class TextDistance
{
    /// <summary>Insertions, deletions and substitutions to turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int Levenshtein(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
