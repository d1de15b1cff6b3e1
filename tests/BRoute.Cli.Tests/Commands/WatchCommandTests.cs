using System.Text.RegularExpressions;
using BRoute.Cli.Tests.Support;

namespace BRoute.Cli.Tests.Commands;

/// <summary>
/// <c>broute watch</c> and <c>broute demo</c> on a clock 5 times faster than real time, so the 10 s interval takes
/// 2 s; the simulator shares that clock (its replies are instant either way).
/// </summary>
[Collection(SimulatorCollection.Name)]
public sealed partial class WatchCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ScaledTimeProvider _time = new(factor: 5);

    public void Dispose() => _dir.Dispose();

    // The command's clock starts at 10:10 JST; any time of that morning (not a UTC 01:xx), however long the run takes.
    [GeneratedRegex(@"^1\d:\d\d:\d\d  1200 W  R \d+\.\d A  T \d+\.\d A  (?<bars>▄+)  min 1200 W  max 1200 W$", RegexOptions.Multiline)]
    private static partial Regex StatusLine();

    [Fact]
    public async Task Watch_count_prints_one_status_line_per_reading_with_the_trend_and_closes_the_session()
    {
        await using var sim = new TcpSimulator(_time);

        var run = await SessionCli.RunAsync(_time, ["watch", "--count", "2", .. SessionCli.DeviceArgs(sim, _dir.Path)]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var lines = StatusLine().Matches(run.Output).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(["▄", "▄▄"], lines.Select(m => m.Groups["bars"].Value)); // equal readings: mid-height bars
        Assert.Equal(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, lines.Count);
        Assert.Equal(2, sim.Host.Stats.GetsOf(0xE7));
        Assert.Equal(3, sim.Host.Stats.GetsOf(0xE8)); // once more with the identity (8A 8D 82 E8): a two-wire meter has no phase T
        Assert.Contains("broute watch: connected to the meter channel 33 (0x21), PAN 0x8888, MAC 001C640000A1B2C3; power and current every 10 s until 2 reading(s)", run.Error, StringComparison.Ordinal);
        Assert.Contains("broute watch: 2 reading(s), ", run.Error, StringComparison.Ordinal);
        Assert.Contains("< SKTERM", sim.Dialogue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_c_ends_the_pana_session_with_skterm_and_exits_130()
    {
        await using var sim = new TcpSimulator(_time);
        var output = new WatchedWriter();
        var error = new WatchedWriter();
        using var ctrlC = new CancellationTokenSource();

        var running = SessionCli.RunAsync(_time, output, error, ctrlC.Token, ["watch", .. SessionCli.DeviceArgs(sim, _dir.Path)]);
        await output.WaitForLineAsync(l => StatusLine().IsMatch(l));
        await ctrlC.CancelAsync();
        var code = await running;

        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.EndsWith("broute watch: interrupted\n", error.Text, StringComparison.Ordinal);
        Assert.Matches(@"broute watch: [1-9]\d* reading\(s\), 0 notification\(s\), 0 reconnection\(s\); session closed\nbroute watch: interrupted\n$", error.Text); // the summary of --count too
        Assert.Contains("< SKTERM", sim.Dialogue, StringComparison.Ordinal);
        Assert.Contains("> EVENT 27 ", sim.Dialogue, StringComparison.Ordinal);
        SessionCli.Checked(new CliRun(code, output.Text, error.Text));
    }

    [Fact]
    public async Task The_meters_half_hour_notification_is_shown_as_it_arrives()
    {
        // The meter's clock runs 60 times faster than the command's (300 times real time), from 10:25: its 10:30 INF
        // comes about a second after the start (should the session not be up by then, the 11:00 one 6 s later).
        await using var sim = new TcpSimulator(_time, timeScale: 60, start: new DateTimeOffset(2026, 1, 15, 10, 25, 0, TimeSpan.FromHours(9)));
        var output = new WatchedWriter();
        var error = new WatchedWriter();
        using var stop = new CancellationTokenSource();

        var running = SessionCli.RunAsync(_time, output, error, stop.Token, ["watch", .. SessionCli.DeviceArgs(sim, _dir.Path)]);
        var line = await output.WaitForLineAsync(l => l.Contains("half hour to", StringComparison.Ordinal));
        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Interrupted, await running);

        Assert.Matches(@"^\d\d:\d\d:\d\d  half hour to 1[01]:[03]0: import \d+\.\d kWh$", line);
        Assert.True(sim.Host.Stats.NotificationsSent >= 1);
        SessionCli.Checked(new CliRun(0, output.Text, error.Text));
    }

    [Fact]
    public async Task A_session_the_meter_ends_is_restored_and_both_are_shown()
    {
        // The meter ends the PANA session (EVENT 26) every 2 simulated minutes; its clock runs 60 times faster.
        await using var sim = new TcpSimulator(_time, timeScale: 60, faults: "meter-terminate=120");
        var output = new WatchedWriter();
        var error = new WatchedWriter();
        using var stop = new CancellationTokenSource();

        var running = SessionCli.RunAsync(_time, output, error, stop.Token, ["watch", .. SessionCli.DeviceArgs(sim, _dir.Path)]);
        var dropped = await output.WaitForLineAsync(l => l.Contains("  link lost: ", StringComparison.Ordinal));
        var restored = await output.WaitForLineAsync(l => l.Contains("  link restored: ", StringComparison.Ordinal));
        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Interrupted, await running);

        Assert.Matches(@"^\d\d:\d\d:\d\d  link lost: the meter ended the session; joining it again$", dropped);
        Assert.Matches(@"^\d\d:\d\d:\d\d  link restored: readings resume$", restored);
        Assert.DoesNotMatch("Reopening|Joining|Reauthenticating|Exception", output.Text);
        Assert.True(output.Text.IndexOf(dropped, StringComparison.Ordinal) < output.Text.IndexOf(restored, StringComparison.Ordinal));
        Assert.True(sim.Host.Stats.JoinsSucceeded >= 2);
        SessionCli.Checked(new CliRun(0, output.Text, error.Text));
    }

    [Fact]
    public async Task A_dongle_gone_for_two_minutes_is_ridden_through_and_said_in_plain_words_and_readings_resume_at_the_interval()
    {
        // The issue's "done when": the simulated dongle disappears 200 s after the start for 2 minutes (TCP dropped,
        // connections refused) and comes back reset. The clock runs 20 times faster than real time.
        var time = new ScaledTimeProvider(factor: 20);
        await using var sim = new TcpSimulator(time, faults: "vanish=200/120");
        var output = new WatchedWriter();
        var error = new WatchedWriter();
        using var stop = new CancellationTokenSource();

        var running = SessionCli.RunAsync(time, output, error, stop.Token, ["watch", .. SessionCli.DeviceArgs(sim, _dir.Path)]);
        var lost = await output.WaitForLineAsync(l => l.Contains("  link lost: ", StringComparison.Ordinal));
        var restored = await output.WaitForLineAsync(l => l.Contains("  link restored: readings resume", StringComparison.Ordinal));
        var after = output.Text.IndexOf(restored, StringComparison.Ordinal);
        await output.WaitForLineAsync(l => StatusLine().IsMatch(l) && CountStatusLinesAfter(output.Text, after) >= 2);
        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Interrupted, await running);

        Assert.Matches(@"^\d\d:\d\d:\d\d  link lost: the dongle went away \(unplugged or reset\); waiting for it to come back$", lost);
        Assert.DoesNotMatch("Reopening|Joining|Exception|Failed", output.Text);
        var text = output.Text;
        Assert.True(text.IndexOf(lost, StringComparison.Ordinal) < text.IndexOf(restored, StringComparison.Ordinal));
        // Only bounds that cause and effect set, none that depend on how fast this machine is today (the clock runs with
        // real time, 20 times faster): the loss is seen once the dongle went (200 s after the start, 10:13:20), the
        // link is back once it returned (120 s later, 10:15:20).
        var lostAt = TimeOnly.Parse(lost[..8], System.Globalization.CultureInfo.InvariantCulture);
        var restoredAt = TimeOnly.Parse(restored[..8], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(lostAt >= new TimeOnly(10, 13, 20), $"link lost at {lostAt}, before the dongle went");
        Assert.True(restoredAt >= new TimeOnly(10, 15, 20), $"link restored at {restoredAt}, before the dongle came back");
        // After the reconnect the normal interval, no burst of missed ticks: the k-th reading after the restore began
        // no earlier than k intervals after it (its stamp is later still; both stamps are cut to the second).
        var stamps = text[text.IndexOf(restored, StringComparison.Ordinal)..].Split('\n').Where(l => StatusLine().IsMatch(l))
            .Select(l => TimeOnly.Parse(l[..8], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(stamps.Count >= 2);
        Assert.All(stamps.Select((at, k) => (at, k)), r => Assert.True((r.at - restoredAt).TotalSeconds >= (10 * r.k) - 1, $"reading {r.k} after the restore at {r.at}, restored at {restoredAt}: a burst"));
        Assert.Matches(@"broute watch: \d+ reading\(s\), \d+ notification\(s\), 1 reconnection\(s\); session closed\n", error.Text);
        SessionCli.Checked(new CliRun(0, output.Text, error.Text));
    }

    [Fact]
    public async Task Refused_credentials_end_watch_with_exit_4_after_the_summary()
    {
        await using var sim = new TcpSimulator(_time);

        var run = await SessionCli.RunAsync(_time, "watch", "--device", sim.Device, "--id", Planted.Id, "--password", Planted.OtherPassword, "--state-dir", _dir.Path);

        Assert.Equal(ExitCodes.AuthenticationFailed, run.ExitCode);
        Assert.EndsWith(
            "broute watch: 0 reading(s), 0 notification(s), 0 reconnection(s); session closed\n" +
            "broute watch: authentication failed: the meter refused the B-route ID or password (EVENT 24 to every join); check them and try again\n",
            run.Error,
            StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal(0, sim.Host.Stats.GetsOf(0xE7));
    }

    private static int CountStatusLinesAfter(string text, int start) =>
        text[Math.Min(start, text.Length)..].Split('\n').Count(l => StatusLine().IsMatch(l));

    [Theory]
    [InlineData("--interval", "5s", "--interval must be at least 10 s (got 5 s)")]
    [InlineData("--interval", "soon", "--interval: 'soon' is not a duration")]
    [InlineData("--count", "0", "--count must be at least 1 (got 0)")]
    [InlineData("--duration", "-3s", "--duration: '-3s' is not a positive duration")]
    public async Task Bad_watch_options_are_usage_errors_before_connecting(string option, string value, string message)
    {
        await using var sim = new TcpSimulator(_time);

        var run = await SessionCli.RunAsync(_time, ["watch", option, value, .. SessionCli.DeviceArgs(sim, _dir.Path)]);

        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        Assert.StartsWith($"broute watch: {message}", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, sim.Host.Stats.Commands);
    }

    [Fact]
    public async Task Demo_watch_with_a_duration_runs_the_simulator_on_a_pty_and_prints_values()
    {
        Assert.True(OperatingSystem.IsLinux(), "the demo's pseudo-terminal is tested on Linux");

        var run = SessionCli.Checked(await SessionCli.RunAsync(_time, "demo", "--watch", "--duration", "15s", "--latency-scale", "0"));

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var status = run.OutputLines.Where(l => Regex.IsMatch(l, @"^\d\d:\d\d:\d\d  -?\d+ W  R -?\d+\.\d A  T -?\d+\.\d A  \S+  min -?\d+ W  max -?\d+ W$")).ToList();
        // At 0 s and 10 s of the 15 s after connecting on the command's (scaled) clock; a stalled machine may push the
        // second past the end, so the count is not pinned, but the summary must count exactly the lines printed.
        Assert.InRange(status.Count, 1, 2);
        // The summary counts only what was printed: the node profile's instance list (D5) at the join is not a line.
        var printed = run.OutputLines.Count(l => l.Contains("  half hour to ", StringComparison.Ordinal));
        Assert.Contains($"broute demo: {status.Count} reading(s), {printed} notification(s), ", run.Error, StringComparison.Ordinal);
        Assert.Matches(@"broute demo: simulated bp35a1 dongle and smart meter on \S+/broute-demo-\w+/ttyBROUTE", run.Error);
        Assert.Contains("broute demo: connected to the meter channel 33 (0x21)", run.Error, StringComparison.Ordinal);
        var demoMeter = new BRoute.Simulator.Meter.MeterOptions(); // the demo uses the simulator's default credentials
        foreach (var secret in new[] { demoMeter.RouteBId, demoMeter.Password })
        {
            Assert.DoesNotContain(secret, run.Output + run.Error, StringComparison.Ordinal);
        }

        var pty = Regex.Match(run.Error, @"on (?<path>\S+/broute-demo-\w+)/ttyBROUTE").Groups["path"].Value;
        Assert.NotEqual(string.Empty, pty);
        Assert.False(Directory.Exists(pty), "the demo's temporary folder is removed");
    }

    [Fact]
    public async Task Demo_runs_the_daemon_with_its_dashboard_on_a_local_port_and_fills_the_store_with_history()
    {
        Assert.True(OperatingSystem.IsLinux(), "the demo's pseudo-terminal is tested on Linux");

        var run = SessionCli.Checked(await SessionCli.RunAsync(_time, "demo", "--duration", "30s", "--latency-scale", "0"));

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Matches(@"broute demo: the dashboard is on http://127\.0\.0\.1:\d+/ ", run.Error);
        Assert.Matches(@"broute demo: simulated bp35a1 dongle and smart meter with solar panels on \S+/broute-demo-\w+/ttyBROUTE", run.Error);
        Assert.Contains(run.OutputLines, l => l.EndsWith("connected; readings flow", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, l => Regex.IsMatch(l, @"^\d\d:\d\d:\d\d  -?\d+ W$"));
        var summary = Regex.Match(run.Error, @"broute demo: (?<readings>\d+) reading\(s\), \d+ live half-hour\(s\), (?<stored>\d+) half-hour\(s\) in the store; session closed");
        Assert.True(summary.Success, run.Error);
        Assert.True(int.Parse(summary.Groups["stored"].Value, System.Globalization.CultureInfo.InvariantCulture) > 48, "the meter's history went into the store");
        var folder = Regex.Match(run.Error, @"on (?<path>\S+/broute-demo-\w+)/ttyBROUTE").Groups["path"].Value;
        Assert.False(Directory.Exists(folder), "the demo's temporary folder is removed");
    }
}
