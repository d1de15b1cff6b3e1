using System.Text.Json;

namespace BRoute.Decoding;

/// <summary>
/// <c>"name":value</c>, or <c>"name":null</c> when the value is absent: the one way every BRoute JSON writer
/// (decode, export, history, status, MQTT payloads, the dashboard API) writes a value that may be missing.
/// </summary>
public static class NullableJson
{
    /// <summary>Writes the number, or null.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter writer, string name, decimal? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is decimal v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>Writes the number, or null.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter writer, ReadOnlySpan<byte> utf8Name, decimal? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is decimal v)
        {
            writer.WriteNumber(utf8Name, v);
        }
        else
        {
            writer.WriteNull(utf8Name);
        }
    }

    /// <summary>Writes the number, or null.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter writer, string name, double? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is double v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>Writes the number, or null.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter writer, JsonEncodedText name, int? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is int v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>Writes the number, or null.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter writer, string name, byte? value) =>
        writer.WriteNumberOrNull(JsonEncodedText.Encode(name), value);

    /// <summary>Writes the time in ISO 8601 with its offset, or null.</summary>
    public static void WriteStringOrNull(this Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is DateTimeOffset t)
        {
            writer.WriteString(name, t);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
