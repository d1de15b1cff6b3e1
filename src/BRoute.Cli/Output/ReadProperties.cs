using BRoute.Daemon.Configuration;
using System.Globalization;
using BRoute.Cli.Running;
using BRoute.Cli.Settings;
using BRoute.EchonetLite.Meter;

namespace BRoute.Cli.Output;

/// <summary>Which meter properties <c>broute read</c> asks for: the default set, or the EPCs/names given.</summary>
internal static class ReadProperties
{
    /// <summary>
    /// The seed client's 15 (80, D3, D7, E0, E1, E2, E3, E4, E5, E7, E8, EA, EB, EC, ED) plus the
    /// standard version (82), maker (8A), production number (8D) and Get map (9F), by EPC.
    /// </summary>
    public static IReadOnlyList<byte> Default { get; } =
        [0x80, 0x82, 0x8A, 0x8D, 0x9F, 0xD3, 0xD7, 0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE7, 0xE8, 0xEA, 0xEB, 0xEC, 0xED];

    /// <summary>
    /// The EPCs named by <paramref name="arguments"/> in order, duplicates dropped: "0xE7", "E7",
    /// "instantaneous_power" (case-insensitive), the Japanese name, or several joined by commas.
    /// None → <see cref="Default"/>. An unknown name raises <see cref="CliUsageException"/> listing close names.
    /// </summary>
    public static IReadOnlyList<byte> Resolve(IEnumerable<string>? arguments)
    {
        var result = new List<byte>();
        foreach (var argument in arguments ?? [])
        {
            foreach (var part in argument.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var epc = ResolveOne(part);
                if (!result.Contains(epc))
                {
                    result.Add(epc);
                }
            }
        }

        return result.Count == 0 ? Default : result;
    }

    private static byte ResolveOne(string text)
    {
        var meter = PropertyCatalog.SmartMeter;
        var japanese = meter.FirstOrDefault(p => string.Equals(p.JapaneseName, text, StringComparison.Ordinal));
        if (japanese is not null)
        {
            return japanese.Epc;
        }

        if (PropertyCatalog.TryResolve(PropertyCatalog.SmartMeterClass, text, out var epc, out _))
        {
            return epc >= 0x80
                ? epc
                : throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"'{text}' is not a property code: ECHONET Lite properties are 0x80–0xFF"));
        }

        var close = CloseNames(text, meter);
        var hint = close.Count > 0 ? $"; did you mean {string.Join(", ", close)}?" : "; give an EPC like 0xE7 or a name like instantaneous_power ('broute help read')";
        throw new CliUsageException($"unknown property '{text}'{hint}");
    }

    /// <summary>Up to five catalog names near <paramref name="text"/>: small edit distance, or containing it.</summary>
    internal static IReadOnlyList<string> CloseNames(string text, IEnumerable<PropertyInfo> catalog)
    {
        var query = text.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        var limit = Math.Max(2, query.Length / 4);
        return catalog
            .Select(p => (p.Name, Distance: TextDistance.Levenshtein(query, p.Name)))
            .Where(c => c.Distance <= limit || (query.Length >= 3 && c.Name.Contains(query, StringComparison.Ordinal)))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(5)
            .Select(c => c.Name)
            .ToList();
    }
}
