using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BRoute.Cli.Output;

/// <summary>
/// The JSON every command prints (read/scan/doctor/decode --json, the support bundle's findings.json): one
/// writer set-up, relaxed escaping ("+09:00" and Japanese stay readable; this goes to a terminal or a file,
/// never into HTML), and the few field shapes the writers share.
/// </summary>
internal static class CliJson
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    /// <summary>What <paramref name="write"/> writes, as text (no trailing newline).</summary>
    public static string Write(Action<Utf8JsonWriter> write, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, indented ? Indented : Compact))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary><c>"name":"value"</c>, or <c>"name":null</c>.</summary>
    public static void StringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>ISO 8601 to the second with the instant's own offset: "2026-01-15T08:30:00+09:00".</summary>
    public static string Timestamp(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
