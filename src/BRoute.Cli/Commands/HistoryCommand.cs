using System.CommandLine;
using System.Globalization;
using BRoute.Cli.History;
using BRoute.Cli.Output;
using BRoute.Cli.Running;
using BRoute.Cli.Sessions;
using BRoute.Cli.Settings;
using BRoute.History;
using BRoute.Monitoring;

namespace BRoute.Cli.Commands;

/// <summary>
/// <c>broute history [--days N] [--today] [--out FILE] [--json]</c>: the 30-minute history of the N whole days ending
/// yesterday (and/or today's slots so far) — cumulative registers and the energy of each half-hour — oldest first,
/// with a progress bar. It runs on the library's gap logic (<see cref="HistoryGapFiller"/>): with --out the file says
/// which slots are there, only the missing ones are read (the oldest day first), and each day is appended with an
/// fsync, so an interrupted run resumes; a file that is not ours is refused untouched. Without --out the rows go to
/// standard output.
/// </summary>
internal static class HistoryCommand
{
    public static Command Create(CliConsole console)
    {
        var days = new Option<int?>("--days")
        {
            Description = $"Whole days to read, 1–{HistoryRequests.MaxDaysBack}, ending yesterday (JST): --days 1 is yesterday 00:00–23:30. Today is not included (see --today).",
            HelpName = "N",
        };
        var today = new Option<bool>("--today")
        {
            Description = "Also read today's slots so far (up to the last half-hour boundary that has passed); alone, only today's.",
        };
        var outFile = new Option<string?>("--out", "-o")
        {
            Description = $"File to create or resume ({HistoryRow.CsvHeader}; with --json, JSON Lines). Default: standard output, no resume.",
            HelpName = "FILE",
        };
        var json = new Option<bool>("--json")
        {
            Description = "JSON Lines (one object per slot) instead of CSV.",
        };
        var command = new Command("history", "30-minute history: cumulative kWh and the kWh of each half-hour, as CSV or JSON Lines, resumable, with progress.") { days, today, outFile, json };
        CommandRunner.SetDeviceAction(command, console, new DeviceOptions(), CredentialsRequirement.Required, async (ctx, ct) =>
        {
            var count = ctx.Parse.GetValue(days);
            var withToday = ctx.Parse.GetValue(today);
            if (count is null && !withToday)
            {
                throw new CliUsageException($"say what to read: --days N (whole days ending yesterday, 1–{HistoryRequests.MaxDaysBack}), --today, or both");
            }

            if (count is < 1 or > HistoryRequests.MaxDaysBack)
            {
                throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"--days must be 1–{HistoryRequests.MaxDaysBack} (the meter keeps {HistoryRequests.MaxDaysBack} days before today), got {count}"));
            }

            ctx.Settings.RequireCredentials();
            var format = ctx.Parse.GetValue(json) ? HistoryFormat.Json : HistoryFormat.Csv;
            var path = ctx.Parse.GetValue(outFile);
            using var file = path is null ? null : HistoryFile.Open(path, format);
            return await HistoryRun.RunAsync(ctx, new HistoryRequest(count ?? 0, withToday, format), file, ct).ConfigureAwait(false);
        });
        return command;
    }
}
