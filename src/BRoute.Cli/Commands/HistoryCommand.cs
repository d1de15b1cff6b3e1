using System.CommandLine;
using System.Globalization;
using BRoute.Cli.History;
using BRoute.Cli.Output;
using BRoute.Cli.Running;
using BRoute.Cli.Sessions;
using BRoute.Cli.Settings;
using BRoute.History;
using BRoute.Session;

namespace BRoute.Cli.Commands;

/// <summary>
/// <c>broute history --days N [--out FILE.csv]</c>: the 30-minute history of the last N complete days (E2, and
/// E4 when the meter measures reverse flow), oldest first, with a progress bar. With --out the file is appended
/// to day by day (fsync after each day) and a second run reads only the days the file does not hold yet; a file
/// that is not ours is refused untouched. Without --out the CSV goes to standard output.
/// </summary>
internal static class HistoryCommand
{
    public static Command Create(CliConsole console)
    {
        var days = new Option<int>("--days")
        {
            Description = $"Complete days to read, 1–{HistoryRequests.MaxDaysBack}, ending yesterday (JST); today is still being recorded.",
            HelpName = "N",
            Required = true,
        };
        var outFile = new Option<string?>("--out", "-o")
        {
            Description = "CSV file to create or resume (timestamp,kwh_normal,kwh_reverse,status). Default: standard output, no resume.",
            HelpName = "FILE",
        };
        var command = new Command("history", "30-minute history of the last N days as CSV, resumable, with progress.") { days, outFile };
        CommandRunner.SetDeviceAction(command, console, new DeviceOptions(), CredentialsRequirement.Required, async (ctx, ct) =>
        {
            var count = ctx.Parse.GetValue(days);
            if (count is < 1 or > HistoryRequests.MaxDaysBack)
            {
                throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"--days must be 1–{HistoryRequests.MaxDaysBack} (the meter keeps {HistoryRequests.MaxDaysBack} days), got {count}"));
            }

            ctx.Settings.RequireCredentials();
            var path = ctx.Parse.GetValue(outFile);
            using var file = path is null ? null : HistoryCsvFile.Open(path);
            return await RunAsync(ctx, count, file, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(DeviceCommandContext ctx, int days, HistoryCsvFile? file, CancellationToken ct)
    {
        if (file?.Repair is { } repair)
        {
            ctx.Warn($"{file.Path}: {repair}");
        }

        var stored = file?.CompleteDays ?? new HashSet<DateOnly>();
        var plan = new HistoryBackfillPlan(MeterClock.Today(ctx.Time.GetUtcNow()), days, stored);
        if (plan.IsDone)
        {
            ctx.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"broute history: {file!.Path} already holds the last {days} day(s); nothing to read"));
            return ExitCodes.Success;
        }

        var connecting = new ProgressPrinter(ctx, lines: false);
        var session = await SessionSetup.ConnectAsync(ctx, connecting, ct).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            if (file is null)
            {
                await ctx.Output.WriteAsync(HistoryCsvFile.Header + CsvText.RecordEnd).ConfigureAwait(false);
            }

            var bar = ProgressLine.Create(ctx.Console, "history");
            var problems = new List<string>();
            int read = 0, written = 0, already = 0, held = 0, failed = 0;
            var reporter = new Reporter<HistoryProgress>(p => bar.Report(p.Done, p.Total, p.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            try
            {
                await foreach (var day in session.ReadHistoryAsync(days, stored, reporter, ct).ConfigureAwait(false))
                {
                    switch (day.Status)
                    {
                        case DayHistoryStatus.Complete:
                            read++;
                            var rows = HistoryCsvRow.FromDay(day, session.Scale);
                            if (file is null)
                            {
                                await ctx.Output.WriteAsync(string.Concat(rows.Select(r => r.ToCsv()))).ConfigureAwait(false);
                                written += rows.Count;
                            }
                            else
                            {
                                var result = file.Append(rows, ctx.Time.GetUtcNow());
                                written += result.Written;
                                already += result.AlreadyStored;
                                held += result.HeldBack;
                            }

                            break;
                        case DayHistoryStatus.Unavailable:
                            problems.Add($"{day.Day:yyyy-MM-dd} not read: {day.Problem}");
                            break;
                        default:
                            failed++;
                            problems.Add($"{day.Day:yyyy-MM-dd} failed: {day.Problem}; run the command again to retry it");
                            break;
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                bar.Finish(string.Create(CultureInfo.InvariantCulture, $"history: interrupted after {read} day(s); the file holds whole days, run the command again to resume"));
                throw;
            }

            var target = file is null ? "standard output" : file.Path;
            bar.Finish(string.Create(
                CultureInfo.InvariantCulture,
                $"history: {read} day(s) read, {written} row(s) written to {target}{(already > 0 ? $", {already} already there" : string.Empty)}{(held > 0 ? $", {held} held back (too recent)" : string.Empty)}"));
            foreach (var problem in problems)
            {
                ctx.Warn(problem);
            }

            return failed > 0 ? ExitCodes.MeterNotAnswering : ExitCodes.Success;
        }
    }

    /// <summary>An <see cref="IProgress{T}"/> that calls back at once, on the reporting thread, in order (<see cref="Progress{T}"/> posts to the thread pool).</summary>
    private sealed class Reporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
