using System.Text.Json;

namespace BRoute.EchonetLite.Meter;

/// <summary>The one JSON writing helper the value types share; strings need none (WriteString writes null for null).</summary>
internal static class JsonFields
{
    /// <summary>Writes <c>"name":number</c>, or <c>"name":null</c> when there is no value.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is decimal v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
