using System.Text.Json;
using System.Text.Json.Serialization;

namespace BRoute.Scanning;

/// <summary>The on-disk shape of one cache file (version 1). Numbers as SKSTACK writes them, in hex strings.</summary>
internal sealed class PanCacheFile
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("version")]
    public int Version { get; set; }

    /// <summary>Logical channel, decimal 33–60.</summary>
    [JsonPropertyName("channel")]
    public int? Channel { get; set; }

    /// <summary>PAN ID, 4 hex digits.</summary>
    [JsonPropertyName("panId")]
    public string? PanId { get; set; }

    /// <summary>Meter MAC, 16 hex digits.</summary>
    [JsonPropertyName("mac")]
    public string? Mac { get; set; }

    [JsonPropertyName("pairId")]
    public string? PairId { get; set; }

    [JsonPropertyName("foundAt")]
    public DateTimeOffset? FoundAt { get; set; }

    [JsonPropertyName("dongleFamily")]
    public string? DongleFamily { get; set; }

    /// <summary>
    /// Optional (absent in older files; a value of the wrong type is read as null, not an error): smoothed reply time
    /// of short requests, milliseconds.
    /// </summary>
    [JsonPropertyName("replySrttMs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(LenientConverter<double>))]
    public double? ReplySrttMs { get; set; }

    /// <summary>Optional: reply time variation of short requests, milliseconds.</summary>
    [JsonPropertyName("replyRttvarMs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(LenientConverter<double>))]
    public double? ReplyRttvarMs { get; set; }

    /// <summary>Optional: how many replies the estimate is made of.</summary>
    [JsonPropertyName("replySamples")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(LenientConverter<int>))]
    public int? ReplySamples { get; set; }

    /// <summary>Optional: the LQI (0–255) of the meter's EPANDESC in the scan that found the PAN.</summary>
    [JsonPropertyName("scanLqi")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(LenientConverter<byte>))]
    public byte? ScanLqi { get; set; }

    /// <summary>Optional: when a session with this PAN last ended with SKTERM, ISO 8601.</summary>
    [JsonPropertyName("lastTerminatedAt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(LenientConverter<DateTimeOffset>))]
    public DateTimeOffset? LastTerminatedAt { get; set; }

    /// <summary>
    /// Optional: the meter's capabilities (<see cref="PanCacheCapabilitiesFile"/>), kept as raw JSON so that anything
    /// malformed in it loses the capabilities only, never the PAN (<see cref="PanCacheCapabilities"/>).
    /// </summary>
    [JsonPropertyName("capabilities")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Capabilities { get; set; }
}

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(PanCacheFile))]
[JsonSerializable(typeof(PanCacheCapabilitiesFile))]
internal sealed partial class PanCacheJsonContext : JsonSerializerContext;
