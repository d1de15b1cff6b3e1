using System.Text;
using System.Text.Json;

namespace BRoute.Storage.Schema;

/// <summary>An event's detail as a small flat JSON object (null fields left out).</summary>
internal static class Detail
{
    public static string Of(params (string Name, object? Value)[] fields)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                switch (value)
                {
                    case null:
                        break;
                    case string s:
                        json.WriteString(name, s);
                        break;
                    case int i:
                        json.WriteNumber(name, i);
                        break;
                    case long l:
                        json.WriteNumber(name, l);
                        break;
                    case decimal d:
                        json.WriteNumber(name, d);
                        break;
                    case bool b:
                        json.WriteBoolean(name, b);
                        break;
                    case DateTimeOffset t:
                        json.WriteString(name, t.ToOffset(DbValues.Jst).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFzzz", System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    default:
                        json.WriteString(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
