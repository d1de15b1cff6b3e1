using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BRoute.Metrics.Tests;

/// <summary>deploy/grafana/broute-dashboard.json: valid JSON, every query is valid PromQL and names only exported metrics.</summary>
public sealed partial class GrafanaDashboardTests
{
    private static readonly string DashboardPath = Path.Combine(RepositoryRoot(), "deploy", "grafana", "broute-dashboard.json");

    [Fact]
    public void Every_query_names_only_metrics_the_exporter_writes()
    {
        var queries = Queries();
        Assert.NotEmpty(queries);
        foreach (var (panel, expr) in queries)
        {
            var names = MetricName().Matches(expr).Select(m => m.Value).ToList();
            Assert.True(names.Count > 0, $"panel '{panel}': query names no broute metric: {expr}");
            foreach (var name in names)
            {
                Assert.True(MetricNames.All.Contains(name), $"panel '{panel}': {name} is not exported (MetricNames.All)");
            }
        }
    }

    [Fact]
    public void The_dashboard_shows_power_currents_half_hours_daily_energy_link_quality_and_resends()
    {
        var all = string.Join('\n', Queries().Select(q => q.Expr));
        foreach (var name in new[] { MetricNames.Power, MetricNames.Current, MetricNames.HalfHourEnergy, MetricNames.Energy, MetricNames.LinkRssi, MetricNames.Resends, MetricNames.Reconnects })
        {
            Assert.Contains(name, all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_query_is_valid_PromQL_for_promtool()
    {
        // promtool checks a recording-rule file's expressions with Prometheus's own parser.
        var rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        var i = 0;
        foreach (var (_, expr) in Queries())
        {
            var concrete = expr.Replace("$meter", ".*", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal);
            rules.Append("      - record: dashboard:query_").Append(i++).Append("\n        expr: '").Append(concrete).Append("'\n");
        }

        var file = Path.Combine(Path.GetTempPath(), $"broute-dashboard-rules-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, rules.ToString());
        try
        {
            var (exit, output) = await PromtoolTests.PromtoolAsync(string.Empty, "check", "rules", file);
            Assert.True(exit == 0, $"promtool check rules exited {exit}:\n{output}\n{rules}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static List<(string Panel, string Expr)> Queries()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        var result = new List<(string, string)>();
        foreach (var panel in document.RootElement.GetProperty("panels").EnumerateArray())
        {
            var title = panel.GetProperty("title").GetString()!;
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                result.Add((title, target.GetProperty("expr").GetString()!));
            }
        }

        return result;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BRoute.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("BRoute.slnx not found above the test binaries");
    }

    [GeneratedRegex("broute_[a-z_]+")]
    private static partial Regex MetricName();
}
