using System.Globalization;
using System.Text.Json;

namespace BRoute.Cli.Output;

/// <summary>
/// The "meter" object of <c>broute read --json</c>: where and when the values were read. Unknown
/// fields are written as null. Filled by the read command from the session.
/// </summary>
internal sealed record MeterReadInfo
{
    /// <summary>The device string (never a credential).</summary>
    public required string Device { get; init; }

    /// <summary>When the reply arrived.</summary>
    public required DateTimeOffset ReadAt { get; init; }

    /// <summary>Dongle family as named on the command line ("bp35a1"), if known.</summary>
    public string? DongleFamily { get; init; }

    /// <summary>Meter MAC, 16 hex digits.</summary>
    public string? Mac { get; init; }

    /// <summary>Meter link-local IPv6 address.</summary>
    public string? IPv6 { get; init; }

    /// <summary>Radio channel (33–60).</summary>
    public int? Channel { get; init; }

    /// <summary>PAN ID.</summary>
    public ushort? PanId { get; init; }

    /// <summary>Writes the object at the writer's position.</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("device", Device);
        CliJson.StringOrNull(writer, "dongle_family", DongleFamily);
        CliJson.StringOrNull(writer, "mac", Mac);
        CliJson.StringOrNull(writer, "ipv6", IPv6);
        if (Channel is int channel)
        {
            writer.WriteNumber("channel", channel);
        }
        else
        {
            writer.WriteNull("channel");
        }

        CliJson.StringOrNull(writer, "pan_id", PanId?.ToString("X4", CultureInfo.InvariantCulture));
        writer.WriteString("read_at", CliJson.Timestamp(ReadAt));
        writer.WriteEndObject();
    }
}
