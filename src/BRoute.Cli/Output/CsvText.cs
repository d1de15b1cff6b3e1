using System.Text;

namespace BRoute.Cli.Output;

/// <summary>RFC 4180 CSV: fields with a comma, quote, CR or LF are quoted, quotes doubled; records end with CR LF.</summary>
internal static class CsvText
{
    public const string RecordEnd = "\r\n";

    /// <summary>One field, quoted when needed.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    /// <summary>One record, with its CR LF.</summary>
    public static string Record(params string?[] fields)
    {
        var line = new StringBuilder();
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            line.Append(Field(fields[i]));
        }

        return line.Append(RecordEnd).ToString();
    }

    /// <summary>
    /// Splits one record (without its line end) into fields. Returns false for a malformed record
    /// (an unterminated quote or text after a closing quote).
    /// </summary>
    public static bool TryParseRecord(string line, out List<string> fields)
    {
        ArgumentNullException.ThrowIfNull(line);
        fields = [];
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        return false; // unterminated quote
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',')
                {
                    return false;
                }
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var end = comma < 0 ? line.Length : comma;
                var text = line.AsSpan(i, end - i);
                if (text.Contains('"'))
                {
                    return false;
                }

                field.Append(text);
                i = end;
            }

            fields.Add(field.ToString());
            if (i >= line.Length)
            {
                return true;
            }

            i++; // the comma
        }
    }
}
