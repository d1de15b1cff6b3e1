using System.Text;

namespace BRoute.Cli.Output;

/// <summary>
/// Plain aligned columns: a header row, a rule, and the rows; the last column is not padded. Given a width and a column
/// that may wrap, a table that would be wider gets that column narrowed (to no less than <see cref="MinWrapWidth"/>) and
/// its long cells wrapped at spaces onto continuation lines, the other cells of the row on its first line.
/// </summary>
internal static class TextTable
{
    public const int MinWrapWidth = 24;

    public static string Render(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, int? maxWidth = null, int wrapColumn = -1)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = new int[header.Count];
        foreach (var row in all)
        {
            if (row.Count != header.Count)
            {
                throw new ArgumentException($"a row has {row.Count} cells; the header has {header.Count}", nameof(rows));
            }

            for (var c = 0; c < row.Count; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        var total = widths.Sum() + (2 * (widths.Length - 1));
        if (maxWidth is int max && total > max && wrapColumn >= 0 && wrapColumn < widths.Length)
        {
            widths[wrapColumn] = Math.Max(Math.Max(MinWrapWidth, header[wrapColumn].Length), widths[wrapColumn] - (total - max));
        }

        var text = new StringBuilder();
        AppendRow(text, header, widths);
        AppendRow(text, [.. widths.Select(w => new string('-', w))], widths);
        foreach (var row in all.Skip(1))
        {
            if (wrapColumn < 0 || wrapColumn >= row.Count || row[wrapColumn].Length <= widths[wrapColumn])
            {
                AppendRow(text, row, widths);
                continue;
            }

            var pieces = Wrap(row[wrapColumn], widths[wrapColumn]);
            AppendRow(text, [.. row.Select((cell, c) => c == wrapColumn ? pieces[0] : cell)], widths);
            foreach (var piece in pieces.Skip(1))
            {
                AppendRow(text, [.. row.Select((_, c) => c == wrapColumn ? piece : string.Empty)], widths);
            }
        }

        return text.ToString();
    }

    /// <summary>Lines of at most <paramref name="width"/> characters, broken at spaces (a longer word is cut).</summary>
    internal static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            var rest = word;
            while (rest.Length > 0 || line.Length == 0)
            {
                var room = line.Length == 0 ? width : width - line.Length - 1;
                if (rest.Length <= room)
                {
                    line.Append(line.Length == 0 ? string.Empty : " ").Append(rest);
                    break;
                }

                if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    continue;
                }

                lines.Add(rest[..width]);
                rest = rest[width..];
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    private static void AppendRow(StringBuilder text, IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var c = 0; c < cells.Count; c++)
        {
            if (c > 0)
            {
                line.Append("  ");
            }

            line.Append(c == cells.Count - 1 ? cells[c] : cells[c].PadRight(widths[c]));
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
