using System.Globalization;
using BRoute.Cli.Output;
using BRoute.Cli.Running;
using BRoute.Cli.Sessions;
using BRoute.Cli.Settings;
using BRoute.Connection;
using BRoute.Decoding;
using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.History;
using BRoute.Session;

namespace BRoute.Cli.Watch;

/// <summary>
/// The loop of <c>broute watch</c> and <c>broute demo</c>: connect, then read E7/E8 every interval and print a
/// status line with the trend (<see cref="PowerTrend"/>); print the meter's notifications (the 30-minute EA/EB)
/// and re-connections as they happen. Ends after <see cref="WatchPlan.Count"/> readings or
/// <see cref="WatchPlan.Duration"/> (exit 0), or on Ctrl-C (the session is closed with SKTERM; exit 130 via the
/// runner). A reading without reply is reported and the loop goes on; three in a row, or a connection that
/// failed for good, end the command with the session's error.
/// </summary>
internal static class WatchRunner
{
    /// <summary>Readings in a row without a reply before watch gives up.</summary>
    public const int MaxFailuresInARow = 3;

    private static readonly byte[] Epcs = [MeterEpc.InstantaneousPower, MeterEpc.InstantaneousCurrent];

    public static async Task<int> RunAsync(DeviceCommandContext context, WatchPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plan);
        var output = new LockedLines(context.Output, context.Settings.Secrets);
        var time = context.Time;
        var progress = new ProgressPrinter(context, lines: false)
        {
            AfterConnect = p => output.Line($"{Clock(time.GetUtcNow())}  {Describe(p)}"),
        };
        var session = await SessionSetup.ConnectAsync(context, progress, cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            var pan = session.Pan is { } p ? $" {p}" : string.Empty;
            var until = plan.Count is { } c ? string.Create(CultureInfo.InvariantCulture, $"{c} reading(s)") : plan.Duration is { } d ? DurationText.Show(d) : "Ctrl-C";
            context.Error.WriteLine(context.Settings.Secrets.Redact(
                $"broute {context.CommandName}: connected to the meter{pan}; power and current every {DurationText.Show(plan.Interval)} until {until}"));

            using var limit = plan.Duration is { } duration ? new CancellationTokenSource(duration, time) : new CancellationTokenSource();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
            using var printing = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            var notifications = PrintNotificationsAsync(session, output, printing.Token);
            var readings = 0;
            var failures = 0;
            try
            {
                var trend = new PowerTrend();
                using var timer = new PeriodicTimer(plan.Interval, time);
                do
                {
                    try
                    {
                        var reading = await session.ReadAsync(Epcs, stop.Token).ConfigureAwait(false);
                        trend.Add(WatchSample.From(MeterClock.ToMeterTime(reading.ReadAt), reading.Properties));
                        output.Line(trend.StatusLine());
                        failures = 0;
                    }
                    catch (MeterUnreachableException ex) when (session.Phase != ConnectionPhase.Failed && ++failures < MaxFailuresInARow)
                    {
                        output.Line($"{Clock(time.GetUtcNow())}  no reading: {ex.Message}");
                    }

                    readings++;
                }
                while (readings < (plan.Count ?? int.MaxValue) && await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // --duration is over: a normal end.
            }
            finally
            {
                await printing.CancelAsync().ConfigureAwait(false);
                await notifications.ConfigureAwait(false);
            }

            var stats = session.Statistics;
            context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"broute {context.CommandName}: {readings} reading(s), {stats.Notifications} notification(s), {stats.Rejoins} re-join(s), {stats.Retries} resend(s); closing the session"));
        }

        return ExitCodes.Success;
    }

    /// <summary>"08:30:05" in JST, the meter's time zone.</summary>
    internal static string Clock(DateTimeOffset instant) => MeterClock.ToMeterTime(instant).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A re-connection report: "reconnecting: …" when the session dropped, "reconnected: …" when it is back, else the step.</summary>
    internal static string Describe(SessionProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return progress.Stage switch
        {
            SessionStage.Reconnecting => $"reconnecting: {progress.Message}",
            SessionStage.Connected => $"reconnected: {progress.Message}",
            _ => progress.Message,
        };
    }

    /// <summary>One line per meter property the meter announced (EA/EB every 30 minutes); the node profile's instance list is left out.</summary>
    internal static IEnumerable<string> Describe(SessionNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var kind = notification.Esv.Symbol();
        foreach (var property in notification.Properties.Where(p => p.ClassCode == PropertyCatalog.SmartMeterClass))
        {
            yield return $"{Clock(notification.ReceivedAt)}  notification ({kind}): {property.Name} {property.ToDisplayString()}";
        }
    }

    private static async Task PrintNotificationsAsync(MeterSession session, LockedLines output, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var notification in session.ReadNotificationsAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var line in Describe(notification))
                {
                    output.Line(line);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // watch is ending
        }
    }
}
