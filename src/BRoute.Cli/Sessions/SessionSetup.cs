using BRoute.Authentication;
using BRoute.Cli.Running;
using BRoute.Session;
using BRoute.SkStack.Device;
using Microsoft.Extensions.Logging;

namespace BRoute.Cli.Sessions;

/// <summary>
/// Builds the <see cref="MeterSessionOptions"/> of a device command from its resolved settings: the device,
/// credentials, family override, timeouts, scan ladder and PAN cache folder, the command's clock, and the
/// runner's redacting logger (with --verbose it carries the driver's masked dialogue at trace level).
/// </summary>
internal static class SessionSetup
{
    /// <summary>Logger category of the session and the driver below it.</summary>
    public const string LoggerCategory = "BRoute.Session";

    /// <summary>Options for <see cref="MeterSession.ConnectAsync"/> / <see cref="MeterSession.ScanAsync"/>.</summary>
    /// <param name="context">The command's context (settings, clock, logger factory).</param>
    /// <param name="logger">Overrides the runner's logger (doctor also keeps every line for its bundle).</param>
    /// <param name="device">Overrides how the dongle is opened (doctor watches the driver's counters).</param>
    public static MeterSessionOptions Options(DeviceCommandContext context, ILogger? logger = null, SkDeviceFactory? device = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Settings;
        Credentials credentials = settings.RequireCredentials();
        return new MeterSessionOptions
        {
            Credentials = credentials,
            Device = device ?? SkDeviceFactories.Open(settings.Device),
            TimeProvider = context.Time,
            Logger = logger ?? context.LoggerFactory.CreateLogger(LoggerCategory),
            Family = settings.Family,
            PanCacheDirectory = settings.StateDirectory,
            Scan = settings.ToScanOptions(),
            Connection = settings.ToConnectionOptions(),
            Retry = settings.ToRetryPolicy(),
        };
    }

    /// <summary>Connects, showing progress on standard error; the progress line is finished whether or not it worked.</summary>
    public static Task<MeterSession> ConnectAsync(DeviceCommandContext context, ProgressPrinter progress, CancellationToken cancellationToken) =>
        WithProgressAsync(progress, () => MeterSession.ConnectAsync(Options(context), progress, cancellationToken));

    /// <summary>Runs the scan ladder, showing progress on standard error; the progress line is finished whether or not it worked.</summary>
    public static Task<ScanReport> ScanAsync(DeviceCommandContext context, ProgressPrinter progress, CancellationToken cancellationToken) =>
        WithProgressAsync(progress, () => MeterSession.ScanAsync(Options(context), progress, cancellationToken));

    private static async Task<T> WithProgressAsync<T>(ProgressPrinter progress, Func<Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(progress);
        try
        {
            return await run().ConfigureAwait(false);
        }
        finally
        {
            progress.Finish();
        }
    }
}
