using System.CommandLine;
using BRoute.Cli.Logging;
using BRoute.Cli.Output;
using BRoute.Cli.Running;
using BRoute.Cli.Sessions;
using BRoute.Cli.Settings;
using BRoute.Cli.Support;
using Microsoft.Extensions.Logging;

namespace BRoute.Cli.Commands;

/// <summary>
/// <c>broute doctor [--out DIR] [--folder] [--no-scan] [--json]</c>: checks the dongle (family, firmware, ERXUDP mode),
/// and with credentials the link (scan LQI, RSSI of the meter's frames) and the meter (version, maker, property maps,
/// counters); prints the findings (text, or one JSON line with --json) and writes a support bundle with the credentials
/// masked. It goes on after a failed check and exits with the first failure's code.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(CliConsole console)
    {
        var outDir = new Option<string?>("--out", "-o")
        {
            Description = "Folder for the support bundle. Default: the current folder.",
            HelpName = "DIR",
        };
        var folder = new Option<bool>("--folder") { Description = "Write the bundle as a folder instead of a .zip." };
        var noScan = new Option<bool>("--no-scan") { Description = "Use the cached PAN instead of scanning (the LQI is then the one remembered with the cache)." };
        var json = new Option<bool>("--json")
        {
            Description = "Print the findings as one JSON line instead of text: {created_at, broute_version, sections: {settings, dongle, pan, link, "
                + "meter, counters, problems: {key: string, or number for counts, channels, LQI and dBm}}, log_lines, log_lines_dropped, "
                + "support_bundle, exit_code}. Link keys: scans_run, pans_seen, other_meters, lqi, rssi (dBm), quality, lqi_source "
                + "(scan|pan_cache|none), lqi_at, frames_from_meter, frames_with_rssi, frame_rssi_last/min/max/mean (dBm) or frame_rssi "
                + "(why none). Credentials never appear.",
        };
        var command = new Command("doctor", "Check the dongle, the link and the meter; write a support bundle (credentials masked).") { outDir, folder, noScan, json };
        CommandRunner.SetDeviceAction(command, console, new DeviceOptions(), CredentialsRequirement.Optional, async (ctx, ct) =>
        {
            var logger = new CapturingLogger(ctx.LoggerFactory.CreateLogger(SessionSetup.LoggerCategory), ctx.Time);
            var checks = new DoctorChecks(ctx, logger);
            await checks.RunAsync(scan: !ctx.Parse.GetValue(noScan), ct).ConfigureAwait(false);
            var report = checks.Report.AddLogLines(logger.Lines);
            var redactor = ctx.Settings.Secrets;
            var findings = SupportBundleWriter.RedactedFindings(report, redactor);
            var asJson = ctx.Parse.GetValue(json);
            if (!asJson)
            {
                await ctx.Output.WriteAsync(redactor.Redact(SupportBundleWriter.FindingsText(findings))).ConfigureAwait(false);
            }

            var directory = ctx.Parse.GetValue(outDir) ?? Directory.GetCurrentDirectory();
            string? path = null;
            CliUsageException? failed = null;
            try
            {
                path = ctx.Parse.GetValue(folder)
                    ? await SupportBundleWriter.WriteDirectoryAsync(report, directory, redactor, ct).ConfigureAwait(false)
                    : await SupportBundleWriter.WriteZipAsync(report, directory, redactor, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failed = new CliUsageException($"cannot write the support bundle in {directory}: {ex.Message}; choose another --out", ex);
            }

            var exitCode = failed is null ? checks.ExitCode : ExitCodes.UsageOrInput;
            if (asJson)
            {
                // The same document as the bundle's findings.json, on one line, plus where the bundle went and the exit code.
                var text = SupportBundleWriter.FindingsJson(report, findings, indented: false, writer =>
                {
                    CliJson.StringOrNull(writer, "support_bundle", path);
                    writer.WriteNumber("exit_code", exitCode);
                });
                await ctx.Output.WriteLineAsync(redactor.Redact(text)).ConfigureAwait(false);
            }

            if (failed is not null)
            {
                throw failed;
            }

            if (!asJson)
            {
                await ctx.Output.WriteLineAsync($"support bundle: {path} (B-route ID and password masked; look through it before you share it)").ConfigureAwait(false);
            }

            return checks.ExitCode;
        });
        return command;
    }
}
