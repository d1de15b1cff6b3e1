using System.CommandLine;
using BRoute.Cli.Logging;
using BRoute.Cli.Running;
using BRoute.Cli.Sessions;
using BRoute.Cli.Settings;
using BRoute.Cli.Support;
using Microsoft.Extensions.Logging;

namespace BRoute.Cli.Commands;

/// <summary>
/// <c>broute doctor [--out DIR] [--folder] [--no-scan]</c>: checks the dongle (family, firmware, ERXUDP mode),
/// and with credentials the link (scan LQI) and the meter (version, maker, property maps, counters); prints the
/// findings and writes a support bundle with the credentials masked. It goes on after a failed check and exits
/// with the first failure's code.
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
        var noScan = new Option<bool>("--no-scan") { Description = "Use the cached PAN instead of scanning (no link quality then)." };
        var command = new Command("doctor", "Check the dongle, the link and the meter; write a support bundle (credentials masked).") { outDir, folder, noScan };
        CommandRunner.SetDeviceAction(command, console, new DeviceOptions(), CredentialsRequirement.Optional, async (ctx, ct) =>
        {
            var logger = new CapturingLogger(ctx.LoggerFactory.CreateLogger(SessionSetup.LoggerCategory), ctx.Time);
            var checks = new DoctorChecks(ctx, logger);
            await checks.RunAsync(scan: !ctx.Parse.GetValue(noScan), ct).ConfigureAwait(false);
            var report = checks.Report.AddLogLines(logger.Lines);
            var redactor = ctx.Settings.Secrets;
            var findings = report.Findings.Select(f => new SupportFinding(f.Section, f.Key, f.Value)).ToList();
            await ctx.Output.WriteAsync(redactor.Redact(SupportBundleWriter.FindingsText(findings))).ConfigureAwait(false);
            var directory = ctx.Parse.GetValue(outDir) ?? Directory.GetCurrentDirectory();
            string path;
            try
            {
                path = ctx.Parse.GetValue(folder)
                    ? await SupportBundleWriter.WriteDirectoryAsync(report, directory, redactor, ct).ConfigureAwait(false)
                    : await SupportBundleWriter.WriteZipAsync(report, directory, redactor, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliUsageException($"cannot write the support bundle in {directory}: {ex.Message}; choose another --out", ex);
            }

            await ctx.Output.WriteLineAsync($"support bundle: {path} (B-route ID and password masked; look through it before you share it)").ConfigureAwait(false);
            return checks.ExitCode;
        });
        return command;
    }
}
