using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BRoute.Cli.Settings;
using BRoute.Scanning;

namespace BRoute.Cli.Output;

/// <summary>
/// <c>broute scan --json</c>: one JSON line with the keys below (snake_case; every key is always present, null when
/// unknown). Pairing IDs are never written: they are the last 8 characters of the B-route ID.
/// <code>
/// {"source":"scan"|"cache",
///  "dongle":{"family","tentative","firmware","app_version"},
///  "scans_run":N, "other_meters":N,
///  "pans":[{"channel","pan_id","mac","lqi","rssi_dbm","ours"}],
///  "meter":{"channel","pan_id","mac","lqi","rssi_dbm","found_at"}|null,
///  "pan_cache_file":"…", "saved":bool, "error":"…"|null}
/// </code>
/// </summary>
internal static class ScanJsonWriter
{
    /// <summary>The JSON line (no newline).</summary>
    public static string Write(ScanOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("source", outcome.Source);
            writer.WriteStartObject("dongle");
            String(writer, "family", outcome.Family is { } family ? FamilyNames.NameOf(family) : null);
            if (outcome.Dialect is { } dialect)
            {
                writer.WriteBoolean("tentative", dialect.IsTentative);
            }
            else
            {
                writer.WriteNull("tentative");
            }

            String(writer, "firmware", outcome.Dialect?.Version);
            String(writer, "app_version", outcome.Dialect?.AppVersion);
            writer.WriteEndObject();
            writer.WriteNumber("scans_run", outcome.ScansRun);
            writer.WriteNumber("other_meters", outcome.OtherMeters);
            writer.WriteStartArray("pans");
            foreach (var pan in outcome.Pans)
            {
                writer.WriteStartObject();
                Pan(writer, pan.Pan, pan.Lqi);
                writer.WriteBoolean("ours", outcome.Meter == pan.Pan);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (outcome.Meter is { } meter)
            {
                writer.WriteStartObject("meter");
                Pan(writer, meter, outcome.MeterLqi);
                String(writer, "found_at", outcome.FoundAt?.ToOffset(global::BRoute.History.MeterClock.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("meter");
            }

            writer.WriteString("pan_cache_file", outcome.PanCacheFile);
            writer.WriteBoolean("saved", outcome.Saved);
            String(writer, "error", outcome.Error);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Pan(Utf8JsonWriter writer, MeterPan pan, byte? lqi)
    {
        writer.WriteNumber("channel", pan.Channel);
        writer.WriteString("pan_id", pan.PanId.ToString("X4", CultureInfo.InvariantCulture));
        writer.WriteString("mac", pan.MacHex);
        if (lqi is { } value)
        {
            writer.WriteNumber("lqi", value);
            writer.WriteNumber("rssi_dbm", LinkQuality.RoundedDbm(LinkQuality.RssiDbm(value)));
        }
        else
        {
            writer.WriteNull("lqi");
            writer.WriteNull("rssi_dbm");
        }
    }

    private static void String(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
