using System.Text;

namespace BRoute.Cli.Output;

/// <summary>Plain aligned columns: a header row, a rule, and the rows; the last column is not padded.</summary>
internal static class TextTable
{
    public static string Render(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
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

        var text = new StringBuilder();
        AppendRow(text, header, widths);
        AppendRow(text, [.. widths.Select(w => new string('-', w))], widths);
        foreach (var row in all.Skip(1))
        {
            AppendRow(text, row, widths);
        }

        return text.ToString();
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
