using System.Globalization;
using BRoute.Cli.Tests.Support;

namespace BRoute.Cli.Tests.Commands;

/// <summary>
/// <c>broute history</c> against the simulator: a constant 1.2 kW load makes every half-hour register predictable
/// (8000 kWh at 2026-01-15 10:10 JST, 0.6 kWh less per half hour back).
/// </summary>
[Collection(SimulatorCollection.Name)]
public sealed class HistoryCommandTests : IDisposable
{
    private static readonly DateTimeOffset Start = ScaledTimeProvider.DefaultStart;
    private readonly TempDirectory _dir = new();
    private readonly ScaledTimeProvider _time = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The cumulative register at a slot, at 0.1 kWh resolution (rounded down, as the meter counts).</summary>
    private static decimal Expected(DateTimeOffset slot) =>
        Math.Floor((TcpSimulator.EnergyKwh - ((long)(Start - slot).TotalMinutes * TcpSimulator.LoadW / 60_000m)) * 10m) / 10m;

    /// <summary>The CSV row of a slot: registers, status, and the half-hour's import and export (none for the first slot of a run).</summary>
    private static string Row(DateTimeOffset slot, bool first = false) => first
        ? string.Create(CultureInfo.InvariantCulture, $"{slot:yyyy-MM-dd'T'HH:mm:sszzz},{Expected(slot):0.0},0.0,ok,,")
        : string.Create(CultureInfo.InvariantCulture, $"{slot:yyyy-MM-dd'T'HH:mm:sszzz},{Expected(slot):0.0},0.0,ok,{Expected(slot) - Expected(slot.AddMinutes(-30)):0.0},0.0");

    [Fact]
    public async Task Two_days_are_96_rows_with_the_meters_registers_and_a_second_run_reads_nothing()
    {
        await using var sim = new TcpSimulator(_time);
        var file = _dir.File("history.csv");
        string[] args = ["history", "--days", "2", "--out", file, .. SessionCli.DeviceArgs(sim, _dir.Path)];

        var first = await SessionCli.RunAsync(_time, args);

        Assert.True(first.ExitCode == ExitCodes.Success, first.Error);
        var lines = await File.ReadAllLinesAsync(file);
        Assert.Equal(97, lines.Length);
        Assert.Equal("timestamp,kwh_normal,kwh_reverse,status,import_delta_kwh,export_delta_kwh", lines[0]);
        var day = new DateTimeOffset(2026, 1, 13, 0, 0, 0, TimeSpan.FromHours(9));
        Assert.Equal(Enumerable.Range(0, 96).Select(k => Row(day.AddMinutes(30 * k), first: k == 0)), lines.Skip(1));
        Assert.Equal("2026-01-13T00:00:00+09:00,7930.2,0.0,ok,,", lines[1]);   // 58 h 10 min before 10:10 on the 15th
        Assert.Equal("2026-01-13T00:30:00+09:00,7930.8,0.0,ok,0.6,0.0", lines[2]); // 1.2 kW for half an hour
        Assert.Equal("2026-01-14T23:30:00+09:00,7987.2,0.0,ok,0.6,0.0", lines[^1]);  // 10 h 40 min before
        Assert.Equal(2, sim.Host.Stats.GetsOf(0xE2));
        Assert.Equal(2, sim.Host.Stats.GetsOf(0xE4));
        Assert.Contains("history: 0/2 2026-01-13", first.Error, StringComparison.Ordinal);
        Assert.Contains($"history: 2 day(s) read, 96 row(s) written to {file}", first.Error, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(file);

        var second = await SessionCli.RunAsync(_time, args);

        Assert.Equal(ExitCodes.Success, second.ExitCode);
        Assert.Equal($"broute history: {file} already holds the last 2 day(s); nothing to read\n", second.Error);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(file));
        Assert.Equal(1, sim.Host.Stats.Joins); // the second run did not even connect
    }

    [Fact]
    public async Task More_days_later_reads_only_the_missing_day_without_duplicates()
    {
        await using var sim = new TcpSimulator(_time);
        var file = _dir.File("history.csv");
        Assert.Equal(ExitCodes.Success, (await SessionCli.RunAsync(_time, ["history", "--days", "2", "--out", file, .. SessionCli.DeviceArgs(sim, _dir.Path)])).ExitCode);

        var run = await SessionCli.RunAsync(_time, ["history", "--days", "3", "--out", file, .. SessionCli.DeviceArgs(sim, _dir.Path)]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var rows = (await File.ReadAllLinesAsync(file)).Skip(1).ToList();
        Assert.Equal(144, rows.Count);
        Assert.Equal(144, rows.Select(r => r.Split(',')[0]).Distinct().Count());
        Assert.Equal(3, sim.Host.Stats.GetsOf(0xE2)); // one more day, not three
        var oldest = new DateTimeOffset(2026, 1, 12, 0, 0, 0, TimeSpan.FromHours(9));
        // The first run's first slot and the older day's first slot had no predecessor when they were written.
        Assert.Equal(Enumerable.Range(0, 144).Select(k => Row(oldest.AddMinutes(30 * k), first: k is 0 or 48)), rows.OrderBy(r => r, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ctrl_c_between_days_leaves_whole_days_and_the_next_run_resumes()
    {
        await using var sim = new TcpSimulator(_time);
        var file = _dir.File("history.csv");
        string[] args = ["history", "--days", "4", "--out", file, .. SessionCli.DeviceArgs(sim, _dir.Path)];
        using var ctrlC = new CancellationTokenSource();
        var error = new WatchedWriter();

        // Ctrl-C the moment the second day is announced: the first one is in the file, the second is not asked for.
        error.LineWritten = line =>
        {
            if (line == "history: 1/4 2026-01-12")
            {
                ctrlC.Cancel();
            }
        };
        var code = await SessionCli.RunAsync(_time, TextWriter.Null, error, ctrlC.Token, args);

        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Contains("history: interrupted after 1 day(s); the file holds whole days, run the command again to resume\n", error.Text, StringComparison.Ordinal);
        Assert.EndsWith("broute history: interrupted\n", error.Text, StringComparison.Ordinal);
        Assert.Equal(49, (await File.ReadAllLinesAsync(file)).Length);
        Assert.Equal(1, sim.Host.Stats.GetsOf(0xE2));
        Assert.Contains("< SKTERM", sim.Dialogue, StringComparison.Ordinal);
        SessionCli.Checked(new CliRun(code, string.Empty, error.Text));

        var resumed = await SessionCli.RunAsync(_time, args);

        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.Error);
        var rows = (await File.ReadAllLinesAsync(file)).Skip(1).ToList();
        var oldest = new DateTimeOffset(2026, 1, 11, 0, 0, 0, TimeSpan.FromHours(9));
        Assert.Equal(Enumerable.Range(0, 192).Select(k => Row(oldest.AddMinutes(30 * k), first: k == 0)), rows); // the resumed day 2 continues day 1's registers
        Assert.Equal(4, sim.Host.Stats.GetsOf(0xE2));
    }

    [Fact]
    public async Task A_line_cut_by_a_crash_is_repaired_and_the_day_completed()
    {
        await using var sim = new TcpSimulator(_time);
        var file = _dir.File("history.csv");
        string[] args = ["history", "--days", "2", "--out", file, .. SessionCli.DeviceArgs(sim, _dir.Path)];
        Assert.Equal(ExitCodes.Success, (await SessionCli.RunAsync(_time, args)).ExitCode);
        var whole = await File.ReadAllBytesAsync(file);
        await File.WriteAllBytesAsync(file, whole[..^20]); // the last row cut in the middle

        var run = await SessionCli.RunAsync(_time, args);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains("broute history: warning: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("removed an incomplete last line", run.Error, StringComparison.Ordinal);
        Assert.Equal(whole, await File.ReadAllBytesAsync(file)); // the same 97 lines again, no duplicate
        Assert.Equal(3, sim.Host.Stats.GetsOf(0xE2));          // only the damaged day again
    }

    [Fact]
    public async Task A_file_that_is_not_a_history_file_is_refused_untouched_before_connecting()
    {
        await using var sim = new TcpSimulator(_time);
        var file = _dir.Write("notes.csv", "name,phone\r\nalice,123\r\n");

        var run = await SessionCli.RunAsync(_time, ["history", "--days", "1", "--out", file, .. SessionCli.DeviceArgs(sim, _dir.Path)]);

        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        Assert.Contains("is not a broute history file", run.Error, StringComparison.Ordinal);
        Assert.Equal("name,phone\r\nalice,123\r\n", await File.ReadAllTextAsync(file));
        Assert.Equal(0, sim.Host.Stats.Commands);
    }

    [Fact]
    public async Task Without_out_the_csv_goes_to_standard_output()
    {
        await using var sim = new TcpSimulator(_time);

        var run = await SessionCli.RunAsync(_time, ["history", "--days", "1", .. SessionCli.DeviceArgs(sim, _dir.Path)]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var lines = run.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(49, lines.Length);
        Assert.Equal("timestamp,kwh_normal,kwh_reverse,status,import_delta_kwh,export_delta_kwh", lines[0]);
        Assert.Equal(Row(new DateTimeOffset(2026, 1, 14, 0, 0, 0, TimeSpan.FromHours(9)), first: true), lines[1]);
        Assert.Equal(Row(new DateTimeOffset(2026, 1, 14, 23, 30, 0, TimeSpan.FromHours(9))), lines[^1]);
    }

    [Fact]
    public async Task Json_gives_one_object_per_slot_with_the_half_hours_energy()
    {
        await using var sim = new TcpSimulator(_time);

        var run = await SessionCli.RunAsync(_time, ["history", "--days", "1", "--json", .. SessionCli.DeviceArgs(sim, _dir.Path)]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(48, lines.Length);
        Assert.Equal("""{"timestamp":"2026-01-14T00:00:00+09:00","kwh_normal":7959.0,"kwh_reverse":0.0,"status":"ok","import_delta_kwh":null,"export_delta_kwh":null}""", lines[0]);
        Assert.Equal("""{"timestamp":"2026-01-14T00:30:00+09:00","kwh_normal":7959.6,"kwh_reverse":0.0,"status":"ok","import_delta_kwh":0.6,"export_delta_kwh":0.0}""", lines[1]);
        Assert.All(lines, l => Assert.StartsWith("{\"timestamp\":\"2026-01-14T", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Today_adds_todays_slots_so_far_and_a_later_run_adds_only_the_new_ones()
    {
        await using var sim = new TcpSimulator(_time);
        var file = _dir.File("history.csv");
        string[] args = ["history", "--days", "1", "--today", "--out", file, .. SessionCli.DeviceArgs(sim, _dir.Path)];

        var run = await SessionCli.RunAsync(_time, args);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var rows = (await File.ReadAllLinesAsync(file)).Skip(1).ToList();
        var now = _time.GetUtcNow().ToOffset(TimeSpan.FromHours(9));
        var lastBoundary = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute < 30 ? 0 : 30, 0, now.Offset);
        var yesterday = new DateTimeOffset(2026, 1, 14, 0, 0, 0, TimeSpan.FromHours(9));
        var expected = (int)((lastBoundary - yesterday).TotalMinutes / 30) + 1;
        Assert.Equal(Enumerable.Range(0, expected).Select(k => Row(yesterday.AddMinutes(30 * k), first: k == 0)), rows);
        Assert.Equal(2, sim.Host.Stats.GetsOf(0xE2)); // yesterday and today

        var todayOnly = await SessionCli.RunAsync(_time, ["history", "--today", .. SessionCli.DeviceArgs(sim, _dir.Path)]);
        Assert.True(todayOnly.ExitCode == ExitCodes.Success, todayOnly.Error);
        Assert.StartsWith("2026-01-15T00:00:00+09:00,", todayOnly.Output.Split("\r\n")[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_says_what_days_means_and_needs_nothing_else()
    {
        var run = await CliRun.InvokeAsync(string.Empty, "history", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("ending yesterday (JST): --days 1 is yesterday 00:00–23:30", run.Output, StringComparison.Ordinal);
        Assert.Contains("--today", run.Output, StringComparison.Ordinal);
        Assert.Contains("--json", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neither_days_nor_today_is_a_usage_error_that_says_what_to_give()
    {
        await using var sim = new TcpSimulator(_time);

        var run = await SessionCli.RunAsync(_time, ["history", .. SessionCli.DeviceArgs(sim, _dir.Path)]);

        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        Assert.Contains("--days N (whole days ending yesterday, 1–99), --today, or both", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, sim.Host.Stats.Commands);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100")]
    public async Task Days_outside_the_meters_99_are_a_usage_error(string days)
    {
        await using var sim = new TcpSimulator(_time);

        var run = await SessionCli.RunAsync(_time, ["history", "--days", days, .. SessionCli.DeviceArgs(sim, _dir.Path)]);

        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        Assert.Contains("--days must be 1–99", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, sim.Host.Stats.Commands);
    }
}
