using System.Diagnostics;
using static BRoute.Metrics.Tests.Events;

namespace BRoute.Metrics.Tests;

/// <summary>The page passes Prometheus's own linter, <c>promtool check metrics</c> (Debian's prometheus package; test.sh installs it).</summary>
public sealed class PromtoolTests
{
    [Fact]
    public async Task The_exposition_passes_promtool_check_metrics()
    {
        var metrics = new MonitorMetrics();
        foreach (var e in Typical())
        {
            metrics.Observe(e);
        }

        var text = await MetricsText.ExportAsync(metrics);
        var (exit, output) = await PromtoolAsync(text);

        Assert.True(exit == 0 && output.Length == 0, $"promtool check metrics exited {exit}:\n{output}\n--- page ---\n{text}");
    }

    [Fact]
    public async Task Promtool_does_reject_a_badly_named_counter()
    {
        // Guards the check above: the linter run here really lints.
        var (exit, output) = await PromtoolAsync("# HELP broute_requests Requests.\n# TYPE broute_requests counter\nbroute_requests 1\n");
        Assert.True(exit != 0 || output.Contains("_total", StringComparison.Ordinal), $"promtool accepted a counter without _total: {exit} {output}");
    }

    internal static async Task<(int Exit, string Output)> PromtoolAsync(string page, params string[] arguments)
    {
        const string promtool = "/usr/bin/promtool";
        Assert.True(File.Exists(promtool), "promtool is missing: install Debian's 'prometheus' package (./test.sh does it when run as root)");
        using var process = Process.Start(new ProcessStartInfo(promtool, arguments.Length == 0 ? ["check", "metrics"] : arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await process.StandardInput.WriteAsync(page);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, ((await stdout) + (await stderr)).Trim());
    }
}
