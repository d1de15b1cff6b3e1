using System.Globalization;
using System.Text.Json;
using BRoute.Decoding;
using BRoute.EchonetLite.Meter;

namespace BRoute.Cli.Output;

/// <summary>How <c>broute read</c> prints.</summary>
internal enum ReadFormat
{
    /// <summary>Aligned columns for people.</summary>
    Table,

    /// <summary>One JSON object: {"meter":{…},"properties":[…]}.</summary>
    Json,

    /// <summary>RFC 4180 CSV, one record per value: epc,name,field,timestamp,status,value,unit,raw (<see cref="ReadCsv"/>).</summary>
    Csv,
}

/// <summary>
/// Renders decoded meter properties: a table (EPC, name, value with unit, status), JSON whose
/// "properties" entries are exactly <see cref="ValueJson.WriteJson(DecodedProperty, Utf8JsonWriter)"/> (the shape of
/// <c>broute decode --json</c>), or CSV.
/// </summary>
internal static class ReadOutputWriter
{
    /// <summary>The width a table is fitted to when standard output is not a terminal (a terminal gives its own).</summary>
    public const int DefaultWidth = 120;

    public static void Write(TextWriter output, ReadFormat format, MeterReadInfo meter, IReadOnlyList<DecodedProperty> properties, int? width = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case ReadFormat.Table:
                WriteTable(output, meter, properties, width ?? DefaultWidth);
                break;
            case ReadFormat.Json:
                WriteJson(output, meter, properties);
                break;
            case ReadFormat.Csv:
                WriteCsv(output, properties);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "unknown read format");
        }
    }

    /// <summary>
    /// A one-line heading (device, meter, time) and the table, fitted to <paramref name="width"/> columns: a long value
    /// (the Get map's EPC list) wraps within the VALUE column. --json and --csv always carry the full value.
    /// </summary>
    public static void WriteTable(TextWriter output, MeterReadInfo? meter, IReadOnlyList<DecodedProperty> properties, int width = DefaultWidth)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(properties);
        if (meter is not null)
        {
            var where = meter.Mac is null ? string.Empty : $" meter {meter.Mac}";
            var radio = meter.Channel is int ch ? string.Create(CultureInfo.InvariantCulture, $", channel {ch}") : string.Empty;
            var pan = meter.PanId is ushort p ? string.Create(CultureInfo.InvariantCulture, $", PAN {p:X4}") : string.Empty;
            output.Write(string.Create(CultureInfo.InvariantCulture, $"{meter.Device}{where}{radio}{pan}, read {meter.ReadAt:yyyy-MM-dd HH:mm:ss zzz}\n"));
        }

        var rows = properties.Select(p => (IReadOnlyList<string>)[$"0x{p.Epc:X2}", p.Name, TableValue(p), TableStatus(p)]);
        output.Write(TextTable.Render(["EPC", "NAME", "VALUE", "STATUS"], rows, width, wrapColumn: 2));
    }

    /// <summary>{"meter":{…},"properties":[ValueJson.WriteJson, …]} and a newline.</summary>
    public static void WriteJson(TextWriter output, MeterReadInfo meter, IReadOnlyList<DecodedProperty> properties)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(properties);
        output.Write(CliJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("meter");
            meter.WriteJson(writer);
            writer.WriteStartArray("properties");
            foreach (var property in properties)
            {
                property.WriteJson(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }));
        output.Write('\n');
    }

    /// <summary>Header and one record per value (<see cref="ReadCsv"/>).</summary>
    public static void WriteCsv(TextWriter output, IReadOnlyList<DecodedProperty> properties) => ReadCsv.Write(output, properties);

    private static string TableValue(DecodedProperty p) => p.Status switch
    {
        null => p.Error!,
        ValueStatus.Ok => p.ToDisplayString(),
        _ => "-",
    };

    private static string TableStatus(DecodedProperty p) => p.Status switch
    {
        null => "error",
        ValueStatus.Ok when p.CoefficientAssumed => "ok (coefficient D3 assumed 1)",
        ValueStatus s => s.ToDisplayString(),
    };
}
