using System.Globalization;
using System.Text;
using System.Text.Json;
using BRoute.Cli.Output;
using BRoute.Decoding;
using BRoute.EchonetLite.Meter;
using BRoute.History;
using BRoute.Monitoring;

namespace BRoute.Cli.History;

/// <summary>
/// One 30-minute slot of <c>broute history</c>: the cumulative registers at the slot's end (kWh, the meter's
/// resolution kept), a status — "ok" (every given register has data), "no_data" (none has), "partial" (normal or
/// reverse is missing) — and the energy of the half-hour that ends at <see cref="Timestamp"/>: import (normal
/// direction) and export (reverse), the difference to the slot 30 minutes earlier across the register's wrap (D7).
/// kwh_reverse is empty for a meter without reverse metering, or when it had no data; a delta is empty when either
/// register is unknown (the first slot of a run, a no-data slot).
/// </summary>
internal sealed record HistoryRow(DateTimeOffset Timestamp, decimal? KwhNormal, decimal? KwhReverse, string Status, decimal? ImportDelta = null, decimal? ExportDelta = null)
{
    public const string Ok = "ok";
    public const string NoData = "no_data";
    public const string Partial = "partial";

    /// <summary>The CSV header (one column per field, in order).</summary>
    public const string CsvHeader = "timestamp,kwh_normal,kwh_reverse,status,import_delta_kwh,export_delta_kwh";

    /// <summary>The header of files written before the half-hour consumption columns; such files are resumed as they are.</summary>
    public const string LegacyCsvHeader = "timestamp,kwh_normal,kwh_reverse,status";

    /// <summary>The meter's time zone: every timestamp is written with +09:00.</summary>
    public static readonly TimeSpan Jst = MeterClock.Offset;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The slot's day in JST.</summary>
    public DateOnly Day => DateOnly.FromDateTime(Timestamp.ToOffset(Jst).DateTime);

    /// <summary>A row from a (merged) half-hour, without deltas. A direction the source did not carry is empty.</summary>
    public static HistoryRow FromHalfHour(HalfHour halfHour)
    {
        ArgumentNullException.ThrowIfNull(halfHour);
        var reverseGiven = halfHour.Export.Status is ValueStatus.Ok or ValueStatus.NoData;
        var given = reverseGiven ? 2 : 1;
        var withData = (halfHour.Import.Kwh is null ? 0 : 1) + (reverseGiven && halfHour.Export.Kwh is not null ? 1 : 0);
        var status = withData == given ? Ok : withData == 0 ? NoData : Partial;
        return new HistoryRow(halfHour.SlotEnd.ToOffset(Jst), halfHour.Import.Kwh, halfHour.Export.Kwh, status);
    }

    /// <summary>"2026-01-15T00:30:00+09:00".</summary>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.ToOffset(Jst).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The CSV record with its CR LF; <paramref name="withDeltas"/> false writes the legacy four columns.</summary>
    public string ToCsv(bool withDeltas = true) => withDeltas
        ? CsvText.Record(FormatTimestamp(Timestamp), Text(KwhNormal), Text(KwhReverse), Status, Text(ImportDelta), Text(ExportDelta))
        : CsvText.Record(FormatTimestamp(Timestamp), Text(KwhNormal), Text(KwhReverse), Status);

    /// <summary>One JSON object on one line (JSON Lines), with its LF; unknown values are null.</summary>
    public string ToJsonLine()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", FormatTimestamp(Timestamp));
            json.WriteNumberOrNull("kwh_normal", KwhNormal);
            json.WriteNumberOrNull("kwh_reverse", KwhReverse);
            json.WriteString("status", Status);
            json.WriteNumberOrNull("import_delta_kwh", ImportDelta);
            json.WriteNumberOrNull("export_delta_kwh", ExportDelta);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    /// <summary>Parses one CSV record (without its line end) of <paramref name="columns"/> (4: legacy, 6: current) fields.</summary>
    public static bool TryParseCsv(string line, int columns, out HistoryRow? row, out string? problem)
    {
        row = null;
        if (!CsvText.TryParseRecord(line, out var fields) || fields.Count != columns)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"not {columns} comma-separated fields");
            return false;
        }

        decimal? import = null, export = null;
        if (columns > 4 && (!TryNumber(fields[4], out import) || !TryNumber(fields[5], out export)))
        {
            problem = "a delta field is not a number";
            return false;
        }

        return TryCreate(fields[0], fields[1], fields[2], fields[3], import, export, out row, out problem);
    }

    /// <summary>Parses one JSON Lines record written by <see cref="ToJsonLine"/>.</summary>
    public static bool TryParseJson(string line, out HistoryRow? row, out string? problem)
    {
        row = null;
        try
        {
            using var doc = JsonDocument.Parse(line);
            var o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object
                || !o.TryGetProperty("timestamp", out var at) || at.ValueKind != JsonValueKind.String
                || !o.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.String)
            {
                problem = "not a history object (timestamp and status are needed)";
                return false;
            }

            if (!TryJsonNumber(o, "kwh_normal", out var normal) || !TryJsonNumber(o, "kwh_reverse", out var reverse)
                || !TryJsonNumber(o, "import_delta_kwh", out var import) || !TryJsonNumber(o, "export_delta_kwh", out var export))
            {
                problem = "a kWh field is not a number or null";
                return false;
            }

            return TryCreate(at.GetString()!, normal, reverse, status.GetString()!, import, export, out row, out problem);
        }
        catch (JsonException)
        {
            problem = "not a JSON object";
            return false;
        }
    }

    private static bool TryCreate(string timestamp, string normalText, string reverseText, string status, decimal? import, decimal? export, out HistoryRow? row, out string? problem)
    {
        row = null;
        if (!TryNumber(normalText, out var normal) || !TryNumber(reverseText, out var reverse))
        {
            problem = "a kWh field is not a number";
            return false;
        }

        return TryCreate(timestamp, normal, reverse, status, import, export, out row, out problem);
    }

    private static bool TryCreate(string timestamp, decimal? normal, decimal? reverse, string status, decimal? import, decimal? export, out HistoryRow? row, out string? problem)
    {
        row = null;
        if (!DateTimeOffset.TryParseExact(timestamp, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            problem = "the timestamp is not ISO 8601 with an offset";
            return false;
        }

        if (status is not (Ok or NoData or Partial))
        {
            problem = "the status is not ok, no_data or partial";
            return false;
        }

        row = new HistoryRow(at, normal, reverse, status, import, export);
        problem = null;
        return true;
    }

    private static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static bool TryJsonNumber(JsonElement o, string name, out decimal? value)
    {
        value = null;
        if (!o.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out var v))
        {
            value = v;
            return true;
        }

        return false;
    }

    private static bool TryNumber(string text, out decimal? value)
    {
        value = null;
        if (text.Length == 0)
        {
            return true;
        }

        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v))
        {
            value = v;
            return true;
        }

        return false;
    }
}
