using System.Globalization;
using System.Text.Json;
using BRoute.Cli.Settings;
using BRoute.History;
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
        return CliJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("source", outcome.Source);
            writer.WriteStartObject("dongle");
            CliJson.StringOrNull(writer, "family", outcome.Family is { } family ? FamilyNames.NameOf(family) : null);
            if (outcome.Dialect is { } dialect)
            {
                writer.WriteBoolean("identified", dialect.IsFamilyIdentified);
                writer.WriteStartArray("candidates");
                foreach (var candidate in dialect.Candidates)
                {
                    writer.WriteStringValue(FamilyNames.NameOf(candidate));
                }

                writer.WriteEndArray();
                writer.WriteBoolean("tentative", dialect.IsTentative);
            }
            else
            {
                writer.WriteNull("identified");
                writer.WriteNull("candidates");
                writer.WriteNull("tentative");
            }

            CliJson.StringOrNull(writer, "firmware", outcome.Dialect?.Version);
            CliJson.StringOrNull(writer, "app_version", outcome.Dialect?.AppVersion);
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
                CliJson.StringOrNull(writer, "found_at", outcome.FoundAt is { } at ? CliJson.Timestamp(MeterClock.ToMeterTime(at)) : null);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("meter");
            }

            writer.WriteString("pan_cache_file", outcome.PanCacheFile);
            writer.WriteBoolean("saved", outcome.Saved);
            CliJson.StringOrNull(writer, "error", outcome.Error);
            writer.WriteEndObject();
        });
    }

    private static void Pan(Utf8JsonWriter writer, MeterPan pan, byte? lqi)
    {
        writer.WriteNumber("channel", pan.Channel);
        writer.WriteString("pan_id", pan.PanId.ToString("X4", CultureInfo.InvariantCulture));
        writer.WriteString("mac", pan.MacHex);
        if (lqi is { } value)
        {
            writer.WriteNumber("lqi", value);
            writer.WriteNumber("rssi_dbm", LinkQuality.RoundedRssiDbm(value));
        }
        else
        {
            writer.WriteNull("lqi");
            writer.WriteNull("rssi_dbm");
        }
    }
}
