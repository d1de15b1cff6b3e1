using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BRoute.EchonetLite.Meter;

namespace BRoute.Decoding;

/// <summary>
/// The one JSON form of decoded meter properties, shared by <c>broute decode --json</c> and <c>broute read --json</c>
/// (and anything else that prints a property as JSON). The codec (BRoute.EchonetLite) keeps values, units and states;
/// their JSON lives here, next to the decode writers. Shapes are documented in BRoute.EchonetLite's README ("JSON").
/// Written for throughput: no intermediate strings for EPCs, raw hex or timestamps.
/// </summary>
public static class ValueJson
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss";

    internal static readonly JsonEncodedText EpcName = JsonEncodedText.Encode("epc");
    internal static readonly JsonEncodedText NameName = JsonEncodedText.Encode("name");
    internal static readonly JsonEncodedText RawName = JsonEncodedText.Encode("raw");
    private static readonly JsonEncodedText StatusName = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText UnitName = JsonEncodedText.Encode("unit");
    private static readonly JsonEncodedText ErrorName = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText[] StatusTexts = [JsonEncodedText.Encode("ok"), JsonEncodedText.Encode("no_data"), JsonEncodedText.Encode("unset"), JsonEncodedText.Encode("not_supported")];

    /// <summary>"ok", "no_data", "unset" or "not_supported".</summary>
    public static string ToJsonName(this ValueStatus status) => status switch
    {
        ValueStatus.Ok => "ok",
        ValueStatus.NoData => "no_data",
        ValueStatus.Unset => "unset",
        ValueStatus.NotSupported => "not_supported",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "undefined value status"),
    };

    /// <summary>
    /// Writes one JSON object:
    /// <c>{"epc":"0xE7","name":"instantaneous_power","raw":"00000274","status":"ok","value":628,"unit":"W"}</c>;
    /// <c>"coefficient_assumed":true</c> is added when it applies. On a decode error:
    /// <c>{"epc":…,"name":…,"raw":…,"error":"…"}</c> (no status, value or unit).
    /// </summary>
    public static void WriteJson(this DecodedProperty property, Utf8JsonWriter writer) => WriteJson(property, writer, cache: null);

    /// <summary>As <see cref="WriteJson(DecodedProperty, Utf8JsonWriter)"/>, names and units encoded once per <paramref name="cache"/>.</summary>
    internal static void WriteJson(DecodedProperty property, Utf8JsonWriter writer, DecodeJsonCache? cache)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        WriteCode(writer, EpcName, property.Epc);
        if (cache is null)
        {
            writer.WriteString(NameName, property.Name);
        }
        else
        {
            writer.WriteString(NameName, cache.Text(property.Name));
        }

        WriteHex(writer, RawName, property.Raw.Span);
        if (property.Status is not ValueStatus status)
        {
            writer.WriteString(ErrorName, property.Error);
            writer.WriteEndObject();
            return;
        }

        writer.WriteString(StatusName, (uint)status < StatusTexts.Length ? StatusTexts[(int)status] : JsonEncodedText.Encode(status.ToJsonName()));
        writer.WritePropertyName(ValueName);
        if (property.Value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            property.Value.WriteJson(writer);
        }

        if (cache is null || property.Unit is null)
        {
            writer.WriteString(UnitName, property.Unit);
        }
        else
        {
            writer.WriteString(UnitName, cache.Text(property.Unit));
        }

        if (property.CoefficientAssumed)
        {
            writer.WriteBoolean("coefficient_assumed", true);
        }

        writer.WriteEndObject();
    }

    /// <summary>The JSON object of <see cref="WriteJson(DecodedProperty, Utf8JsonWriter)"/> as a compact string (default escaping).</summary>
    public static string ToJson(this DecodedProperty property) => Compact(property.WriteJson);

    /// <summary>The JSON value of <paramref name="value"/> as a compact string (default escaping).</summary>
    public static string ToJson(this MeterValue value) => Compact(value.WriteJson);

    /// <summary>Writes the JSON value (a number, string, object or list) at the writer's position.</summary>
    public static void WriteJson(this MeterValue value, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case NumberValue v:
                writer.WriteNumberValue(v.Number);
                break;
            case TextValue v:
                writer.WriteStringValue(v.Text);
                break;
            case EnergyValue v when v.Energy.UnitKnown && v.Energy.Kwh is decimal kwh:
                writer.WriteNumberValue(kwh);
                break;
            case EnergyValue v:
                writer.WriteStartObject();
                WriteEnergyFields(writer, v.Energy);
                writer.WriteEndObject();
                break;
            case CurrentValue v:
                writer.WriteStartObject();
                writer.WriteNumberOrNull("r", v.R);
                writer.WriteNumberOrNull("t", v.T);
                writer.WriteEndObject();
                break;
            case TimedEnergyValue v:
                writer.WriteStartObject();
                WriteTimestamp(writer, "timestamp", v.Timestamp);
                WriteEnergyFields(writer, v.Energy);
                writer.WriteEndObject();
                break;
            case OneMinuteEnergyValue v:
                writer.WriteStartObject();
                WriteTimestamp(writer, "timestamp", v.Timestamp);
                WriteEnergyObject(writer, "normal", v.Normal);
                WriteEnergyObject(writer, "reverse", v.Reverse);
                writer.WriteEndObject();
                break;
            case DayHistoryValue v:
                WriteDayHistory(writer, v);
                break;
            case PairHistoryValue v:
                WritePairHistory(writer, v);
                break;
            case HistorySettingValue v:
                writer.WriteStartObject();
                WriteTimestamp(writer, "timestamp", v.Timestamp);
                writer.WriteNumber("count", v.Count);
                writer.WriteEndObject();
                break;
            case StandardVersionValue v:
                writer.WriteStartObject();
                writer.WriteString("release", v.Release.ToString());
                writer.WriteNumber("revision", v.Revision);
                writer.WriteEndObject();
                break;
            case ProfileVersionValue v:
                writer.WriteStartObject();
                writer.WriteNumber("major", v.Major);
                writer.WriteNumber("minor", v.Minor);
                WriteCode(writer, JsonEncodedText.Encode("formats"), v.Formats);
                writer.WriteEndObject();
                break;
            case PropertyMapValue v:
                writer.WriteStartArray();
                foreach (var epc in v.Map.ToArray())
                {
                    Span<byte> text = [(byte)'0', (byte)'x', HexDigit(epc >> 4), HexDigit(epc & 0xF)];
                    writer.WriteStringValue(text);
                }

                writer.WriteEndArray();
                break;
            case InstanceListValue v:
                writer.WriteStartArray();
                foreach (var eoj in v.Instances)
                {
                    writer.WriteStringValue(eoj.ToString());
                }

                writer.WriteEndArray();
                break;
            case ClassListValue v:
                writer.WriteStartArray();
                foreach (var code in v.ClassCodes)
                {
                    writer.WriteStringValue(code.ToString("X4", CultureInfo.InvariantCulture));
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"no JSON form for {value.GetType().Name}", nameof(value));
        }
    }

    /// <summary>
    /// E2/E4: <c>{"day":1,"day_status":"ok","date":"2020-03-13","slots":[{"time":"00:00","timestamp":…,"kwh":…,"status":"ok"},…]}</c>.
    /// </summary>
    private static void WriteDayHistory(Utf8JsonWriter writer, DayHistoryValue v)
    {
        writer.WriteStartObject();
        writer.WriteNumberOrNull("day", (decimal?)v.Day);
        writer.WriteString("day_status", v.DayStatus.ToJsonName());
        if (v.Date is DateOnly date)
        {
            Span<char> text = stackalloc char[10];
            date.TryFormat(text, out var n, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            writer.WriteString("date", text[..n]);
        }
        else
        {
            writer.WriteNull("date");
        }

        writer.WriteStartArray("slots");
        Span<char> time = stackalloc char[5];
        foreach (var slot in v.Slots)
        {
            writer.WriteStartObject();
            slot.Time.TryFormat(time, out var n, "HH:mm", CultureInfo.InvariantCulture);
            writer.WriteString("time", time[..n]);
            WriteTimestamp(writer, "timestamp", slot.Timestamp);
            WriteEnergyFields(writer, slot.Energy);
            writer.WriteString("status", slot.Energy.Status.ToJsonName());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>
    /// EC/EE: <c>{"timestamp":…,"timestamp_status":"ok","interval_minutes":30,"slots":[{"timestamp":…,"normal":{…},"reverse":{…}},…]}</c>.
    /// </summary>
    private static void WritePairHistory(Utf8JsonWriter writer, PairHistoryValue v)
    {
        writer.WriteStartObject();
        WriteTimestamp(writer, "timestamp", v.Timestamp);
        writer.WriteString("timestamp_status", v.TimestampStatus.ToJsonName());
        writer.WriteNumber("interval_minutes", (int)v.Interval.TotalMinutes);
        writer.WriteStartArray("slots");
        foreach (var slot in v.Slots)
        {
            writer.WriteStartObject();
            WriteTimestamp(writer, "timestamp", slot.Timestamp);
            WriteEnergyObject(writer, "normal", slot.Normal);
            WriteEnergyObject(writer, "reverse", slot.Reverse);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary><c>"kwh":8653.4</c>, or <c>"raw":86534</c> when the unit is unknown (null when no data).</summary>
    private static void WriteEnergyFields(Utf8JsonWriter writer, EnergyReading energy)
    {
        if (energy.UnitKnown)
        {
            writer.WriteNumberOrNull("kwh", energy.Kwh);
        }
        else
        {
            writer.WriteNumberOrNull("raw", (decimal?)energy.Raw);
        }
    }

    /// <summary><c>"name":{"kwh":…,"status":"ok"}</c> (or <c>"raw"</c> in place of <c>"kwh"</c>).</summary>
    private static void WriteEnergyObject(Utf8JsonWriter writer, string name, EnergyReading energy)
    {
        writer.WriteStartObject(name);
        WriteEnergyFields(writer, energy);
        writer.WriteString("status", energy.Status.ToJsonName());
        writer.WriteEndObject();
    }

    /// <summary>The meter's wall-clock time without offset, "2020-03-14T08:30:00"; null when unset.</summary>
    private static void WriteTimestamp(Utf8JsonWriter writer, string name, DateTime? value)
    {
        if (value is not DateTime t)
        {
            writer.WriteNull(name);
            return;
        }

        Span<char> text = stackalloc char[19];
        t.TryFormat(text, out var n, TimestampFormat, CultureInfo.InvariantCulture);
        writer.WriteString(name, text[..n]);
    }

    /// <summary><c>"name":"0xNN"</c>.</summary>
    internal static void WriteCode(Utf8JsonWriter writer, JsonEncodedText name, byte code)
    {
        Span<byte> text = [(byte)'0', (byte)'x', HexDigit(code >> 4), HexDigit(code & 0xF)];
        writer.WriteString(name, text);
    }

    /// <summary>Upper-case hex of <paramref name="bytes"/>, as Convert.ToHexString, straight into UTF-8.</summary>
    internal static void WriteHex(Utf8JsonWriter writer, JsonEncodedText name, ReadOnlySpan<byte> bytes)
    {
        var length = bytes.Length * 2;
        byte[]? rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        var text = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        for (var i = 0; i < bytes.Length; i++)
        {
            text[2 * i] = HexDigit(bytes[i] >> 4);
            text[(2 * i) + 1] = HexDigit(bytes[i] & 0xF);
        }

        writer.WriteString(name, text);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The upper-case hex digit of a nibble, as a UTF-8 byte.</summary>
    internal static byte HexDigit(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);

    private static string Compact(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
