using System.Globalization;
using System.Text;
using BRoute.Metrics;

namespace BRoute.Metrics.Tests;

/// <summary>The exposition text of a <see cref="MonitorMetrics"/>, and its samples by "name{labels}".</summary>
internal static class MetricsText
{
    public static async Task<string> ExportAsync(MonitorMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.WriteAsync(stream, CancellationToken.None);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Sample lines as "name{labels}" → value (labels exactly as written).</summary>
    public static Dictionary<string, double> Samples(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            samples[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }

        return samples;
    }
}
