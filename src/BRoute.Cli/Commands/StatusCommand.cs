using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BRoute.Cli.Output;
using BRoute.Storage;
using BRoute.Storage.Tables;

namespace BRoute.Cli.Commands;

/// <summary><c>broute status [--json]</c>: per meter, what the store says the daemon has been doing.</summary>
internal static class StatusCommand
{
    /// <summary>The meter's history window: today and 99 days back (meter-0288.md, E2/E5).</summary>
    public const int HistoryDays = 99;

    public static Command Create(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "One JSON object: meters, each with its last sample, last half-hour, missing half-hours, link quality and the last day's events." };
        var store = new Option<string?>("--store") { Description = "The store file (default: from the configuration, as 'broute run' uses it).", HelpName = "FILE" };
        var config = new Option<string?>("--config") { Description = "The config file that names the store.", HelpName = "FILE" };
        var command = new Command("status", "What the daemon has stored, per meter: age of the last sample, the last half-hour, the half-hours missing from the meter's 100-day history window (count and ranges), link quality (signal, resends, transmit budget), and the last day's events (connects, outages, re-authentications, pauses).")
        {
            json, store, config,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var opened = StoreCommandSupport.Open(console, parse.GetValue(store), parse.GetValue(config));
            var now = console.Time.GetUtcNow();
            var reports = new List<MeterStatus>();
            foreach (var meter in await opened.Meters.AllAsync(cancellationToken).ConfigureAwait(false))
            {
                reports.Add(await MeterStatus.ReadAsync(opened, meter, now, cancellationToken).ConfigureAwait(false));
            }

            console.Output.Write(parse.GetValue(json) ? Json(reports, opened.Path, now) : Text(reports, opened.Path, now));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Text(List<MeterStatus> reports, string path, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"store {path}, {reports.Count} meter(s), at {ExportWriter.Time(now)}\n");
        foreach (var r in reports)
        {
            var id = r.Meter.Identity;
            text.Append(CultureInfo.InvariantCulture, $"meter {id.Id}{(id.SerialNumber is { } s ? $" (serial {s})" : string.Empty)}, first seen {ExportWriter.Time(r.Meter.FirstSeen)}\n");
            text.Append("  last sample: ").Append(r.LastSample is { } at ? $"{ExportWriter.Time(at)} ({AgeText.Of(now - at)} ago)" : "none").Append('\n');
            text.Append("  last half-hour: ").Append(r.LastHalfHour is { } h
                ? string.Create(CultureInfo.InvariantCulture, $"{ExportWriter.Time(h.SlotEnd)} import {Kwh(h.Import.Kwh)}{(h.ImportDeltaKwh is { } d ? $" (+{d} kWh)" : string.Empty)}, export {Kwh(h.Export.Kwh)}")
                : "none").Append('\n');
            text.Append(CultureInfo.InvariantCulture, $"  half-hours in the history window ({ExportWriter.Time(r.WindowStart)} … {ExportWriter.Time(r.WindowEnd)}): {r.Gaps.Stored} of {r.Gaps.Expected} stored ({r.Gaps.NoData} with the meter's 'no data')");
            var missing = r.Gaps.Expected - r.Gaps.Stored;
            text.Append(missing == 0 ? ", none missing\n" : string.Create(CultureInfo.InvariantCulture, $", {missing} missing:\n"));
            foreach (var range in r.Gaps.Ranges.Take(10))
            {
                text.Append(CultureInfo.InvariantCulture, $"    {ExportWriter.Time(range.First)} … {ExportWriter.Time(range.Last)} ({range.Count})\n");
            }

            if (r.Gaps.Ranges.Count > 10)
            {
                text.Append(CultureInfo.InvariantCulture, $"    … and {r.Gaps.Ranges.Count - 10} more range(s) ('broute status --json' lists them all)\n");
            }

            text.Append(LinkStatus.Text(r.Link, now));

            // A backfill reports every day it reads: only the latest of a run of them is worth a line.
            var events = r.Events.Where((e, i) => e.Kind != "backfill_progress" || i == r.Events.Count - 1 || r.Events[i + 1].Kind != "backfill_progress").ToList();
            text.Append(CultureInfo.InvariantCulture, $"  events in the last day: {r.Events.Count}\n");
            foreach (var e in events.TakeLast(15))
            {
                text.Append(CultureInfo.InvariantCulture, $"    {ExportWriter.Time(e.At)} {e.Kind}{(e.Until is { } u ? $" until {ExportWriter.Time(u)}" : string.Empty)}\n");
            }
        }

        return text.ToString();
    }

    private static string Json(List<MeterStatus> reports, string path, DateTimeOffset now)
    {
        return CliJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("store", path);
            w.WriteString("at", ExportWriter.Time(now));
            w.WriteStartArray("meters");
            foreach (var r in reports)
            {
                w.WriteStartObject();
                w.WriteString("meter", r.Meter.Identity.Id);
                w.WriteString("serial", r.Meter.Identity.SerialNumber);
                w.WriteString("first_seen", ExportWriter.Time(r.Meter.FirstSeen));
                w.WriteString("last_sample", r.LastSample is { } at ? ExportWriter.Time(at) : null);
                if (r.LastSample is { } sampleAt)
                {
                    w.WriteNumber("last_sample_age_seconds", Math.Round((now - sampleAt).TotalSeconds, 1));
                }
                else
                {
                    w.WriteNull("last_sample_age_seconds");
                }

                w.WriteString("last_half_hour", r.LastHalfHour is { } h ? ExportWriter.Time(h.SlotEnd) : null);
                w.WriteStartObject("history_window");
                w.WriteString("from", ExportWriter.Time(r.WindowStart));
                w.WriteString("to", ExportWriter.Time(r.WindowEnd));
                w.WriteNumber("expected", r.Gaps.Expected);
                w.WriteNumber("stored", r.Gaps.Stored);
                w.WriteNumber("no_data", r.Gaps.NoData);
                w.WriteNumber("missing", r.Gaps.Expected - r.Gaps.Stored);
                w.WriteStartArray("missing_ranges");
                foreach (var range in r.Gaps.Ranges)
                {
                    w.WriteStartObject();
                    w.WriteString("first", ExportWriter.Time(range.First));
                    w.WriteString("last", ExportWriter.Time(range.Last));
                    w.WriteNumber("count", range.Count);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
                LinkStatus.Json(w, r.Link, now);
                w.WriteStartArray("events");
                foreach (var e in r.Events)
                {
                    w.WriteStartObject();
                    w.WriteString("at", ExportWriter.Time(e.At));
                    w.WriteString("kind", e.Kind);
                    w.WriteString("until", e.Until is { } u ? ExportWriter.Time(u) : null);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }) + "\n";
    }

    private static string Kwh(decimal? kwh) => kwh is decimal k ? string.Create(CultureInfo.InvariantCulture, $"{k} kWh") : "no data";

    /// <summary>One meter's status as the store has it.</summary>
    private sealed record MeterStatus(StoredMeter Meter, DateTimeOffset? LastSample, StoredHalfHour? LastHalfHour, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, SlotGaps Gaps, StoredLink? Link, IReadOnlyList<StoredEvent> Events)
    {
        public static async Task<MeterStatus> ReadAsync(MeterStore store, StoredMeter meter, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var id = meter.Identity.Id;
            // The window: the meter's history (today and 99 days back), up to the last slot that ended (the one that
            // ended within the last 5 minutes may still be on its way).
            var start = StoreCommandSupport.DaysBack(now, HistoryDays);
            var end = new DateTimeOffset((now - TimeSpan.FromMinutes(5)).UtcTicks / TimeSpan.FromMinutes(30).Ticks * TimeSpan.FromMinutes(30).Ticks, TimeSpan.Zero);
            var gaps = await store.HalfHours.GapsAsync(id, start, end, cancellationToken).ConfigureAwait(false);
            return new MeterStatus(
                meter,
                await store.Samples.LastSampleTimeAsync(id, cancellationToken).ConfigureAwait(false),
                await store.HalfHours.LatestAsync(id, cancellationToken).ConfigureAwait(false),
                start,
                end,
                gaps,
                await store.Links.LatestAsync(id, cancellationToken).ConfigureAwait(false),
                await store.Events.RangeAsync(id, now.AddDays(-1), now, cancellationToken).ConfigureAwait(false));
        }
    }
}
