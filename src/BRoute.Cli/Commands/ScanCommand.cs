using System.CommandLine;
using System.Globalization;
using BRoute.Cli.Output;
using BRoute.Cli.Running;
using BRoute.Cli.Sessions;
using BRoute.Cli.Settings;
using BRoute.Scanning;
using BRoute.Session;

namespace BRoute.Cli.Commands;

/// <summary>
/// <c>broute scan [--rescan] [--json]</c>: finds the meter with the active-scan ladder (progress on standard error),
/// prints every PAN that answered and saves ours in the PAN cache, so later commands join without a scan.
/// With a cached PAN it only shows that one, unless <c>--rescan</c>. <c>--json</c> prints the same as one JSON line
/// (<see cref="ScanJsonWriter"/>), credentials and pairing IDs never included.
/// </summary>
internal static class ScanCommand
{
    public static Command Create(CliConsole console)
    {
        var rescan = new Option<bool>("--rescan") { Description = "Scan even when the PAN cache already knows the meter." };
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON line instead of text: {source: scan|cache, dongle: {family, tentative, firmware, app_version}, "
                + "scans_run, other_meters, pans: [{channel, pan_id, mac, lqi, rssi_dbm, ours}], meter: {channel, pan_id, mac, lqi, "
                + "rssi_dbm, found_at} or null, pan_cache_file, saved, error}. Exit codes as without it.",
        };
        var command = new Command("scan", "Active scan for the meter; prints what answered and caches the meter's PAN.") { rescan, json };
        CommandRunner.SetDeviceAction(command, console, new DeviceOptions(), CredentialsRequirement.Required, async (ctx, ct) =>
        {
            var settings = ctx.Settings;
            var credentials = settings.RequireCredentials();
            var cache = settings.CreatePanCache();
            var asJson = ctx.Parse.GetValue(json);
            var cacheFile = cache.PathFor(credentials);
            if (!ctx.Parse.GetValue(rescan))
            {
                var lookup = await cache.LoadAsync(credentials, ct).ConfigureAwait(false);
                if (lookup is { Status: PanCacheStatus.Hit, Entry: { } entry })
                {
                    if (asJson)
                    {
                        WriteJson(ctx, new ScanOutcome
                        {
                            Source = "cache",
                            Family = entry.DongleFamily,
                            Meter = entry.Pan,
                            MeterLqi = entry.ScanLqi,
                            FoundAt = entry.FoundAt,
                            PanCacheFile = cacheFile,
                        });
                        return ExitCodes.Success;
                    }

                    ctx.Output.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"cached: {entry.Pan}{(entry.ScanLqi is { } lqi ? $", LQI 0x{lqi:X2} (RSSI {LinkQuality.Rssi(lqi)})" : string.Empty)} (found {entry.FoundAt.ToOffset(BRoute.History.MeterClock.Offset):yyyy-MM-dd HH:mm:ss zzz} with a {FamilyNames.NameOf(entry.DongleFamily)} dongle)"));
                    ctx.Output.WriteLine($"{cacheFile}; 'broute scan --rescan' scans again");
                    return ExitCodes.Success;
                }

                if (lookup.Status != PanCacheStatus.Missing)
                {
                    ctx.Warn($"the PAN cache was not used ({lookup.Status}: {lookup.Reason}); scanning");
                }
            }

            var report = await SessionSetup.ScanAsync(ctx, new ProgressPrinter(ctx, lines: true), ct).ConfigureAwait(false);

            // The library logs a failed cache write and goes on; the report says whether the meter is in the cache now.
            var saved = report.SavedToCache;
            var failure = report.Found is null ? report.Failure ?? "the scan found no PAN with our pairing ID" : null;
            if (asJson)
            {
                WriteJson(ctx, new ScanOutcome
                {
                    Source = "scan",
                    Family = report.Dialect?.Family,
                    Dialect = report.Dialect,
                    ScansRun = report.ScansRun,
                    OtherMeters = report.OtherPairIds,
                    Pans = report.Candidates,
                    Meter = report.Found?.Pan,
                    MeterLqi = report.Found?.Lqi,
                    FoundAt = report.Found is null ? null : ctx.Time.GetUtcNow(),
                    PanCacheFile = cacheFile,
                    Saved = saved,
                    Error = failure,
                });
            }
            else
            {
                WriteText(ctx.Output, report, cacheFile, saved);
            }

            return failure is null ? ExitCodes.Success : throw new MeterUnreachableException(failure);
        });
        return command;
    }

    private static void WriteJson(DeviceCommandContext ctx, ScanOutcome outcome) =>
        ctx.Output.WriteLine(ctx.Settings.Secrets.Redact(ScanJsonWriter.Write(outcome)));

    private static void WriteText(TextWriter output, ScanReport report, string cacheFile, bool saved)
    {
        if (report.Dialect is { } dialect)
        {
            output.WriteLine($"dongle: {FamilyNames.Describe(dialect)}, EVER {dialect.Version ?? "?"}, EAPPVER {dialect.AppVersion ?? "?"}");
        }

        WriteCandidates(output, report);
        if (report.Found is not { } found)
        {
            return;
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"found the meter: {found.Pan}, LQI 0x{found.Lqi:X2} (RSSI {LinkQuality.Rssi(found.Lqi)}) after {report.ScansRun} scan(s)"));
        output.WriteLine(saved ? $"saved in the PAN cache: {cacheFile}" : $"not saved in the PAN cache ({cacheFile}): the write failed, see the warning above");
    }

    /// <summary>Every PAN that answered: ours (the pairing ID of our B-route ID) or another meter's; pairing IDs are not printed.</summary>
    private static void WriteCandidates(TextWriter output, ScanReport report)
    {
        if (report.Candidates.Count == 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"no PAN answered {report.ScansRun} scan(s)"));
            return;
        }

        var rows = report.Candidates.Select(c => (IReadOnlyList<string>)
        [
            string.Create(CultureInfo.InvariantCulture, $"{c.Pan.Channel} (0x{c.Pan.Channel:X2})"),
            string.Create(CultureInfo.InvariantCulture, $"{c.Pan.PanId:X4}"),
            c.Pan.MacHex,
            string.Create(CultureInfo.InvariantCulture, $"0x{c.Lqi:X2}"),
            LinkQuality.Rssi(c.Lqi),
            report.Found is { } f && f.Pan == c.Pan ? "ours" : "another meter",
        ]);
        output.Write(TextTable.Render(["CHANNEL", "PAN", "MAC", "LQI", "RSSI", "METER"], rows));
    }
}
