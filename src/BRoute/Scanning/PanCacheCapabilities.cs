using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using BRoute.Reading;

namespace BRoute.Scanning;

/// <summary>
/// The on-disk shape of a <see cref="MeterCapabilitySnapshot"/> inside a cache file's optional <c>capabilities</c>
/// object: the meter's MAC it belongs to, numbers, and the meter's answers in hex as on the wire.
/// </summary>
internal sealed class PanCacheCapabilitiesFile
{
    /// <summary>The MAC (16 hex digits) of the meter they were learned from; must be the entry's.</summary>
    [JsonPropertyName("mac")]
    public string? Mac { get; set; }

    [JsonPropertyName("maxOpc")]
    public int? MaxOpc { get; set; }

    [JsonPropertyName("largestAcceptedOpc")]
    public int? LargestAcceptedOpc { get; set; }

    /// <summary>EPCs refused when asked alone, two hex digits each ("8486"; empty when none).</summary>
    [JsonPropertyName("refused")]
    public string? Refused { get; set; }

    /// <summary>9F, D3, D7, E1 as answered: EPC (2 hex digits) → EDT in hex.</summary>
    [JsonPropertyName("meterInfo")]
    public Dictionary<string, string>? MeterInfo { get; set; }
}

/// <summary>
/// Converts the optional capabilities of a cache entry to and from JSON. Reading is lenient: a missing, malformed,
/// out-of-range or another meter's object reads as null (the session then relearns after the join), never as an error
/// that would cost the PAN.
/// </summary>
internal static class PanCacheCapabilities
{
    public static JsonElement? ToJson(MeterCapabilitySnapshot? capabilities, ulong mac)
    {
        if (capabilities is null)
        {
            return null;
        }

        var file = new PanCacheCapabilitiesFile
        {
            Mac = mac.ToString("X16", CultureInfo.InvariantCulture),
            MaxOpc = capabilities.MaxOpc,
            LargestAcceptedOpc = capabilities.LargestAcceptedOpc,
            Refused = Convert.ToHexString([.. capabilities.Refused]),
            MeterInfo = capabilities.MeterInfo.OrderBy(p => p.Key).ToDictionary(
                p => p.Key.ToString("X2", CultureInfo.InvariantCulture),
                p => Convert.ToHexString(p.Value.Span)),
        };
        return JsonSerializer.SerializeToElement(file, PanCacheJsonContext.Default.PanCacheCapabilitiesFile);
    }

    public static MeterCapabilitySnapshot? FromJson(JsonElement? element, ulong mac)
    {
        if (element is not { ValueKind: JsonValueKind.Object } json)
        {
            return null;
        }

        PanCacheCapabilitiesFile? file;
        try
        {
            file = json.Deserialize(PanCacheJsonContext.Default.PanCacheCapabilitiesFile);
        }
        catch (JsonException)
        {
            return null;
        }

        if (file is not { MaxOpc: { } maxOpc and >= 1 and <= byte.MaxValue, LargestAcceptedOpc: { } largest and >= 0 and <= byte.MaxValue, Refused: { } refusedHex, MeterInfo: { } infoHex }
            || file.Mac is not { Length: 16 } macText
            || !ulong.TryParse(macText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var owner)
            || owner != mac
            || !TryHex(refusedHex, out var refused))
        {
            return null;
        }

        var info = new Dictionary<byte, ReadOnlyMemory<byte>>();
        foreach (var (key, value) in infoHex)
        {
            if (key is not { Length: 2 } || !byte.TryParse(key, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var epc)
                || !MeterCapabilitySnapshot.MeterInfoEpcs.Contains(epc) || !TryHex(value, out var edt) || edt.Length is 0 or > byte.MaxValue)
            {
                return null;
            }

            info[epc] = edt;
        }

        return new MeterCapabilitySnapshot(maxOpc, largest, refused.Distinct().Order().ToArray(), info);
    }

    private static bool TryHex(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null || text.Length % 2 != 0 || text.Length > 1024)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
