using System.Globalization;
using System.Text.Json;
using BRoute.Decoding;
using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;
using BRoute.Storage.Tables;

namespace BRoute.Cli.Output;

/// <summary>
/// What <c>broute export</c> writes: CSV (a header line, then one row per item) or JSON lines (one object per line).
/// Times are ISO 8601 in JST (+09:00); energies are exact decimals in kWh; "no data" is an empty cell / null, never 0.
/// </summary>
internal static class ExportWriter
{
    private static readonly TimeSpan Jst = MeterTimeZone.Offset;

    public const string HalfHourHeader = "meter,slot_end,import_kwh,export_kwh,import_delta_kwh,export_delta_kwh,source";

    public const string SampleHeader = "meter,at,power_w,current_r_a,current_t_a,source";

    public const string EventHeader = "meter,at,kind,until,detail";

    public static void WriteHalfHour(TextWriter output, StoredHalfHour row, bool json)
    {
        if (json)
        {
            WriteJson(output, w =>
            {
                w.WriteString("meter", row.MeterId);
                w.WriteString("slot_end", Time(row.SlotEnd));
                w.WriteNumberOrNull("import_kwh", row.Import.Kwh);
                w.WriteNumberOrNull("export_kwh", row.Export.Kwh);
                w.WriteString("import_status", Status(row.Import));
                w.WriteString("export_status", Status(row.Export));
                w.WriteNumberOrNull("import_delta_kwh", row.ImportDeltaKwh);
                w.WriteNumberOrNull("export_delta_kwh", row.ExportDeltaKwh);
                w.WriteString("source", Source(row.Source));
            });
            return;
        }

        output.Write(string.Join(',', row.MeterId, Time(row.SlotEnd), Cell(row.Import.Kwh), Cell(row.Export.Kwh), Cell(row.ImportDeltaKwh), Cell(row.ExportDeltaKwh), Source(row.Source)));
        output.Write('\n');
    }

    public static void WriteSample(TextWriter output, StoredSample row, bool json)
    {
        if (json)
        {
            WriteJson(output, w =>
            {
                w.WriteString("meter", row.MeterId);
                w.WriteString("at", Time(row.At));
                w.WriteNumberOrNull("power_w", row.PowerW);
                w.WriteNumberOrNull("current_r_a", row.CurrentRA);
                w.WriteNumberOrNull("current_t_a", row.CurrentTA);
                w.WriteString("source", row.Source);
            });
            return;
        }

        output.Write(string.Join(',', row.MeterId, Time(row.At), Cell(row.PowerW), Cell(row.CurrentRA), Cell(row.CurrentTA), row.Source));
        output.Write('\n');
    }

    public static void WriteEvent(TextWriter output, StoredEvent row, bool json)
    {
        if (json)
        {
            WriteJson(output, w =>
            {
                w.WriteString("meter", row.MeterId);
                w.WriteString("at", Time(row.At));
                w.WriteString("kind", row.Kind);
                w.WriteString("until", row.Until is { } until ? Time(until) : null);
                if (row.Detail is { } detail)
                {
                    w.WritePropertyName("detail");
                    using var document = JsonDocument.Parse(detail);
                    document.RootElement.WriteTo(w);
                }
                else
                {
                    w.WriteNull("detail");
                }
            });
            return;
        }

        output.Write(string.Join(',', row.MeterId ?? string.Empty, Time(row.At), row.Kind, row.Until is { } u ? Time(u) : string.Empty, CsvText.Field(row.Detail ?? string.Empty)));
        output.Write('\n');
    }

    /// <summary>ISO 8601 in JST, seconds precision (the meter's own zone).</summary>
    public static string Time(DateTimeOffset at) => CliJson.Timestamp(at.ToOffset(Jst));

    private static string Status(SlotEnergy energy) => energy.Status switch
    {
        null => "absent",
        EchonetLite.Meter.ValueStatus.Ok => "ok",
        EchonetLite.Meter.ValueStatus.NoData => "no_data",
        EchonetLite.Meter.ValueStatus.Unset => "unset",
        _ => "not_supported",
    };

    private static string Source(ValueSource? source) => source switch
    {
        ValueSource.Get => "get",
        ValueSource.Notification => "notification",
        ValueSource.History => "history",
        _ => string.Empty,
    };

    private static string Cell(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Cell(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;

    private static void WriteJson(TextWriter output, Action<Utf8JsonWriter> body)
    {
        output.Write(CliJson.Write(w =>
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }));
        output.Write('\n');
    }
}
