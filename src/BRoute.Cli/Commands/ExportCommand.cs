using System.CommandLine;
using BRoute.Cli.Output;
using BRoute.Cli.Running;

namespace BRoute.Cli.Commands;

/// <summary><c>broute export [half-hours|samples|events] --from --to [--meter] [--csv|--json]</c>: what the store holds.</summary>
internal static class ExportCommand
{
    private static readonly string[] Kinds = ["half-hours", "samples", "events"];

    public static Command Create(CliConsole console)
    {
        var what = new Argument<string>("what") { Description = "half-hours (default), samples or events.", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "half-hours" };
        what.AcceptOnlyFromAmong(Kinds);
        var from = new Option<string?>("--from") { Description = "First time: a day (2026-11-01, from 00:00 JST), a JST time (2026-11-01T07:30) or ISO 8601 with an offset. Default: 7 days ago.", HelpName = "TIME" };
        var to = new Option<string?>("--to") { Description = "Last time: a day (that whole day included), a JST time or ISO 8601. Default: now.", HelpName = "TIME" };
        var meter = new Option<string?>("--meter") { Description = "Only this meter (its MAC, 16 hex digits, as 'broute status' shows). Default: every meter in the store.", HelpName = "MAC" };
        var csv = new Option<bool>("--csv") { Description = "CSV with a header line (the default)." };
        var json = new Option<bool>("--json") { Description = "One JSON object per line." };
        var store = new Option<string?>("--store") { Description = "The store file (default: from the configuration, as 'broute run' uses it).", HelpName = "FILE" };
        var config = new Option<string?>("--config") { Description = "The config file that names the store.", HelpName = "FILE" };
        var command = new Command("export", "Write what the store holds: half-hours (cumulative import/export kWh at each slot end and the consumption of the slot, across the register wrap), samples or events, as CSV or JSON lines. Times are JST (+09:00); 'no data' is an empty cell, never 0.")
        {
            what, from, to, meter, csv, json, store, config,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(csv) && parse.GetValue(json))
            {
                throw new CliUsageException("give --csv or --json, not both");
            }

            var now = DateTimeOffset.UtcNow;
            var first = Time(parse.GetValue(from), "--from", end: false) ?? StoreCommandSupport.DaysBack(now, 7);
            var last = Time(parse.GetValue(to), "--to", end: true) ?? now;
            if (last < first)
            {
                throw new CliUsageException($"--to ({ExportWriter.Time(last)}) is before --from ({ExportWriter.Time(first)}); swap them");
            }

            using var opened = StoreCommandSupport.Open(console, parse.GetValue(store), parse.GetValue(config));
            var meters = parse.GetValue(meter) is { } one
                ? [one.ToUpperInvariant()]
                : (await opened.Meters.AllAsync(cancellationToken).ConfigureAwait(false)).Select(m => m.Identity.Id).ToList();
            var asJson = parse.GetValue(json);
            var kind = parse.GetValue(what) ?? "half-hours";
            var output = console.Output;
            if (!asJson)
            {
                output.Write((kind switch { "samples" => ExportWriter.SampleHeader, "events" => ExportWriter.EventHeader, _ => ExportWriter.HalfHourHeader }) + "\n");
            }

            foreach (var id in meters)
            {
                switch (kind)
                {
                    case "samples":
                        foreach (var row in await opened.Samples.RangeAsync(id, first, last, cancellationToken).ConfigureAwait(false))
                        {
                            ExportWriter.WriteSample(output, row, asJson);
                        }

                        break;
                    case "events":
                        foreach (var row in await opened.Events.RangeAsync(id, first, last, cancellationToken).ConfigureAwait(false))
                        {
                            ExportWriter.WriteEvent(output, row, asJson);
                        }

                        break;
                    default:
                        foreach (var row in await opened.HalfHours.RangeAsync(id, first, last, cancellationToken).ConfigureAwait(false))
                        {
                            ExportWriter.WriteHalfHour(output, row, asJson);
                        }

                        break;
                }
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static DateTimeOffset? Time(string? text, string option, bool end)
    {
        if (text is null)
        {
            return null;
        }

        return StoreCommandSupport.TryParseTime(text, end, out var time)
            ? time
            : throw new CliUsageException($"{option} '{text}' is not a time; give a day (2026-11-01), a JST time (2026-11-01T07:30) or ISO 8601 with an offset (2026-11-01T07:30:00+09:00)");
    }
}
