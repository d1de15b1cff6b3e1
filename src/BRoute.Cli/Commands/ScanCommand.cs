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
/// <c>broute scan [--rescan]</c>: finds the meter with the active-scan ladder (progress on standard error),
/// prints every PAN that answered and saves ours in the PAN cache, so later commands join without a scan.
/// With a cached PAN it only shows that one, unless <c>--rescan</c>.
/// </summary>
internal static class ScanCommand
{
    public static Command Create(CliConsole console)
    {
        var rescan = new Option<bool>("--rescan") { Description = "Scan even when the PAN cache already knows the meter." };
        var command = new Command("scan", "Active scan for the meter; prints what answered and caches the meter's PAN.") { rescan };
        CommandRunner.SetDeviceAction(command, console, new DeviceOptions(), CredentialsRequirement.Required, async (ctx, ct) =>
        {
            var settings = ctx.Settings;
            var credentials = settings.RequireCredentials();
            var cache = settings.CreatePanCache();
            if (!ctx.Parse.GetValue(rescan))
            {
                var lookup = await cache.LoadAsync(credentials, ct).ConfigureAwait(false);
                if (lookup is { Status: PanCacheStatus.Hit, Entry: { } entry })
                {
                    ctx.Output.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"cached: {entry.Pan} (found {entry.FoundAt.ToOffset(BRoute.History.MeterClock.Offset):yyyy-MM-dd HH:mm:ss zzz} with a {FamilyNames.NameOf(entry.DongleFamily)} dongle)"));
                    ctx.Output.WriteLine($"{cache.PathFor(credentials)}; 'broute scan --rescan' scans again");
                    return ExitCodes.Success;
                }

                if (lookup.Status != PanCacheStatus.Missing)
                {
                    ctx.Warn($"the PAN cache was not used ({lookup.Status}: {lookup.Reason}); scanning");
                }
            }

            var progress = new ProgressPrinter(ctx, lines: true);
            ScanReport report;
            try
            {
                report = await MeterSession.ScanAsync(SessionSetup.Options(ctx), progress, ct).ConfigureAwait(false);
            }
            finally
            {
                progress.Finish();
            }

            if (report.Dialect is { } dialect)
            {
                ctx.Output.WriteLine($"dongle: {FamilyNames.NameOf(dialect.Family)}{(dialect.IsTentative ? " (tentative)" : string.Empty)}, EVER {dialect.Version ?? "?"}, EAPPVER {dialect.AppVersion ?? "?"}");
            }

            WriteCandidates(ctx.Output, report);
            if (report.Found is not { } found)
            {
                throw new MeterUnreachableException(report.Failure ?? "the scan found no PAN with our pairing ID");
            }

            ctx.Output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"found the meter: {found.Pan}, LQI 0x{found.Lqi:X2} (RSSI {LinkQuality.Rssi(found.Lqi)}) after {report.ScansRun} scan(s)"));
            ctx.Output.WriteLine($"saved in the PAN cache: {cache.PathFor(credentials)}");
            return ExitCodes.Success;
        });
        return command;
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
