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

    /// <summary>Optional (kept as raw JSON so a value of the wrong type is ignored, not fatal): smoothed reply time of short requests, milliseconds (absent in older files).</summary>
    [JsonPropertyName("replySrttMs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? ReplySrttMs { get; set; }

    /// <summary>Optional: reply time variation of short requests, milliseconds.</summary>
    [JsonPropertyName("replyRttvarMs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? ReplyRttvarMs { get; set; }

    /// <summary>Optional: how many replies the estimate is made of.</summary>
    [JsonPropertyName("replySamples")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? ReplySamples { get; set; }

    /// <summary>Optional (raw JSON like the reply times): the LQI (0–255) of the meter's EPANDESC in the scan that found the PAN.</summary>
    [JsonPropertyName("scanLqi")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? ScanLqi { get; set; }

    /// <summary>Optional (raw JSON, a value of the wrong type is ignored): when a session with this PAN last ended with SKTERM, ISO 8601.</summary>
    [JsonPropertyName("lastTerminatedAt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? LastTerminatedAt { get; set; }
}

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(PanCacheFile))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(DateTimeOffset))]
internal sealed partial class PanCacheJsonContext : JsonSerializerContext;
