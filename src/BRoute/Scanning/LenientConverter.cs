using System.Text.Json;
using System.Text.Json.Serialization;

namespace BRoute.Scanning;

/// <summary>
/// Converter of an optional cache-file field (a number that fits a double, int or byte, or an ISO 8601 timestamp):
/// a value of the wrong JSON type or out of range reads as null, so a hand-edited or foreign file loses that field
/// only and the PAN still counts. Writes the value as the default converter would.
/// </summary>
internal sealed class LenientConverter<T> : JsonConverter<T?>
    where T : struct
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        object? value = reader.TokenType switch
        {
            JsonTokenType.Number when typeof(T) == typeof(double) && reader.TryGetDouble(out var d) => d,
            JsonTokenType.Number when typeof(T) == typeof(int) && reader.TryGetInt32(out var i) => i,
            JsonTokenType.Number when typeof(T) == typeof(byte) && reader.TryGetByte(out var b) => b,
            JsonTokenType.String when typeof(T) == typeof(DateTimeOffset) && reader.TryGetDateTimeOffset(out var t) => t,
            _ => null,
        };

        // An object or array in place of the value is skipped whole (a no-op for a single token).
        reader.Skip();
        return (T?)value;
    }

    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case byte b:
                writer.WriteNumberValue(b);
                break;
            case DateTimeOffset t:
                writer.WriteStringValue(t);
                break;
            default:
                throw new NotSupportedException($"{typeof(T).Name} is not a type this converter reads");
        }
    }
}
