using System.Globalization;
using BRoute.Cli.Output;
using BRoute.Cli.Running;
using BRoute.Cli.Sessions;
using BRoute.EchonetLite.Meter;
using BRoute.History;
using BRoute.Monitoring;

namespace BRoute.Cli.History;

/// <summary>What <c>broute history</c> was asked for.</summary>
/// <param name="Days">Whole days ending yesterday (0: none).</param>
/// <param name="Today">Today's slots so far too.</param>
/// <param name="Format">CSV or JSON Lines.</param>
internal sealed record HistoryRequest(int Days, bool Today, HistoryFormat Format)
{
    /// <summary>The slots wanted as of <paramref name="now"/>: from the first day's 00:00 to yesterday 23:30, or to now with <see cref="Today"/>.</summary>
    public HistoryFillOptions Window(DateTimeOffset now)
    {
        var today = MeterClock.Today(now);
        var first = Days > 0 ? today.AddDays(-Days) : today;
        return new HistoryFillOptions
        {
            From = MeterClock.StartOf(first),
            To = Today ? null : MeterClock.StartOf(today) - HistorySlots.SlotLength,
            NoDataGrace = HistoryFile.PendingGrace,
        };
    }

    /// <summary>"the last 3 day(s)", "today's slots so far", "the last 3 day(s) and today's slots so far".</summary>
    public string Describe() => (Days, Today) switch
    {
        (> 0, true) => string.Create(CultureInfo.InvariantCulture, $"the last {Days} day(s) and today's slots so far"),
        (> 0, false) => string.Create(CultureInfo.InvariantCulture, $"the last {Days} day(s)"),
        _ => "today's slots so far",
    };
}

/// <summary>
/// The body of <c>broute history</c>: asks the library's gap logic what the file (or, without one, nothing) lacks, connects
/// only when something is missing, and writes each day's rows as the fill delivers them. Parsing is in
/// <see cref="Commands.HistoryCommand"/>; files and rows are <see cref="HistoryFile"/> and <see cref="HistoryRow"/>.
/// </summary>
internal static class HistoryRun
{
    public static async Task<int> RunAsync(DeviceCommandContext ctx, HistoryRequest request, HistoryFile? file, CancellationToken ct)
    {
        if (file?.Repair is { } repair)
        {
            ctx.Warn($"{file.Path}: {repair}");
        }

        var window = request.Window(ctx.Time.GetUtcNow());
        IHalfHourSlots store = file ?? (IHalfHourSlots)new NothingStored();
        var gaps = await HistoryGapFiller.FindGapsAsync(store, "file", ctx.Time.GetUtcNow(), window, ct).ConfigureAwait(false);
        if (gaps.IsEmpty)
        {
            ctx.Error.WriteLine(file is null
                ? "broute history: nothing to read yet (no half-hour of today has passed)"
                : $"broute history: {file.Path} already holds {request.Describe()}; nothing to read");
            return ExitCodes.Success;
        }

        var connecting = new ProgressPrinter(ctx, lines: false);
        var session = await SessionSetup.ConnectAsync(ctx, connecting, ct).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            // D7 (the counters' wrap) as the meter gives it now: answered from the session's meter info, or — when the
            // session started from what was remembered with the PAN — in the one Get that checks D3/D7/E1, which the
            // first day's read would otherwise send itself.
            await session.ReadAsync([MeterEpc.EffectiveDigits], ct).ConfigureAwait(false);
            var rows = new HistoryRowBuilder(HistoryRowBuilder.WrapOf(session.Meter));
            foreach (var row in file?.Rows ?? [])
            {
                rows.Remember(row);
            }

            if (file is null && request.Format == HistoryFormat.Csv)
            {
                await ctx.Output.WriteAsync(HistoryRow.CsvHeader + CsvText.RecordEnd).ConfigureAwait(false);
            }

            var meterId = session.Pan is { } pan ? pan.MacAddress.ToString("X16", CultureInfo.InvariantCulture) : "meter";
            var bar = ProgressLine.Create(ctx.Console, "history");
            var started = ctx.Time.GetTimestamp();
            int daysWritten = 0, written = 0, already = 0, held = 0;
            var progress = new Reporter<BackfillProgressEvent>(p =>
            {
                if (p.Done >= p.Total)
                {
                    return; // the summary line follows
                }

                TimeSpan? left = p.Done > 0 ? ctx.Time.GetElapsedTime(started) / p.Done * (p.Total - p.Done) : null;
                bar.Report(p.Done, p.Total, p.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), left);
            });

            async ValueTask WriteDayAsync(IReadOnlyList<HalfHour> day, CancellationToken token)
            {
                var built = rows.Build(day);
                if (file is null)
                {
                    await ctx.Output.WriteAsync(string.Concat(built.Select(r => request.Format == HistoryFormat.Json ? r.ToJsonLine() : r.ToCsv()))).ConfigureAwait(false);
                    written += built.Count;
                }
                else
                {
                    var result = file.Append(built, ctx.Time.GetUtcNow());
                    written += result.Written;
                    already += result.AlreadyStored;
                    held += result.HeldBack;
                }

                daysWritten++;
            }

            HistoryFillResult filled;
            try
            {
                filled = await HistoryGapFiller.FillAsync(session, meterId, store, WriteDayAsync, progress, window, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                bar.Finish(string.Create(CultureInfo.InvariantCulture, $"history: interrupted after {daysWritten} day(s); the file holds whole days, run the command again to resume"));
                throw;
            }

            held += filled.SlotsHeldBack;
            var target = file is null ? "standard output" : file.Path;
            bar.Finish(string.Create(
                CultureInfo.InvariantCulture,
                $"history: {filled.DaysRead} day(s) read, {written} row(s) written to {target}{(already > 0 ? $", {already} already there" : string.Empty)}{(held > 0 ? $", {held} held back (too recent)" : string.Empty)}"));
            foreach (var problem in filled.Problems)
            {
                ctx.Warn(problem.Status == Session.DayHistoryStatus.Failed
                    ? $"{problem.Day:yyyy-MM-dd} failed: {problem.Problem}; run the command again to retry it"
                    : $"{problem.Day:yyyy-MM-dd} not read: {problem.Problem}");
            }

            return filled.DaysFailed > 0 ? ExitCodes.MeterNotAnswering : ExitCodes.Success;
        }
    }

    /// <summary>Standard output keeps nothing: every slot of the window is missing.</summary>
    private sealed class NothingStored : IHalfHourSlots
    {
        public Task<IReadOnlySet<DateTimeOffset>> StoredSlotsAsync(string meterId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlySet<DateTimeOffset>>(new HashSet<DateTimeOffset>());
    }

    /// <summary>An <see cref="IProgress{T}"/> that calls back at once, on the reporting thread, in order (<see cref="Progress{T}"/> posts to the thread pool).</summary>
    private sealed class Reporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
