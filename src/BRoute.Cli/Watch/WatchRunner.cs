using System.Globalization;
using BRoute.Cli.Output;
using BRoute.Cli.Running;
using BRoute.Cli.Sessions;
using BRoute.Cli.Settings;
using BRoute.History;
using BRoute.Monitoring;

namespace BRoute.Cli.Watch;

/// <summary>
/// The loop of <c>broute watch</c> and <c>broute demo</c>, on a <see cref="MeterMonitor"/> reading E7/E8 every
/// interval: a status line with the trend (<see cref="PowerTrend"/>) per reading, the meter's half-hour notifications,
/// and a line when the link is lost, what is being done, and when readings resume. Outages are ridden through. Ends
/// after <see cref="WatchPlan.Count"/> readings or <see cref="WatchPlan.Duration"/> (exit 0), on Ctrl-C (the session
/// is closed with SKTERM, the same summary is printed; exit 130 via the runner), or when the meter refuses the
/// credentials (exit 4).
/// </summary>
internal static class WatchRunner
{
    public static async Task<int> RunAsync(DeviceCommandContext context, WatchPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plan);
        var output = new LockedLines(context.Output, context.Settings.Secrets);
        var progress = new ProgressPrinter(context, lines: false);
        var monitor = new MeterMonitor(new MeterMonitorOptions
        {
            Session = SessionSetup.Options(context),
            Schedule = ReadSchedule.PowerEvery(plan.Interval),
            Progress = progress,
        });
        var watch = new WatchLoop(context, plan, output, progress);
        using var events = monitor.Subscribe();
        using var stop = new CancellationTokenSource();
        var running = monitor.RunAsync(stop.Token);
        try
        {
            await watch.ConsumeAsync(events, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            progress.Finish();
            await stop.CancelAsync().ConfigureAwait(false);
            await running.ConfigureAwait(false);
            context.Error.WriteLine(context.Settings.Secrets.Redact(watch.Summary()));
        }

        if (watch.Refused)
        {
            throw new AuthenticationFailedException("authentication failed: the meter refused the B-route ID or password (EVENT 24 to every join); check them and try again");
        }

        cancellationToken.ThrowIfCancellationRequested(); // Ctrl-C: the runner says "interrupted" (exit 130)
        return ExitCodes.Success;
    }

    /// <summary>What watch does with each event; ends on --count, --duration, Ctrl-C or refused credentials.</summary>
    private sealed class WatchLoop(DeviceCommandContext context, WatchPlan plan, LockedLines output, ProgressPrinter progress)
    {
        private readonly PowerTrend _trend = new();
        private bool _connected;
        private int _readings;
        private int _halfHours;
        private int _restored;

        private ITimer? _duration;

        public bool Refused { get; private set; }

        public async Task ConsumeAsync(MonitorSubscription events, CancellationToken cancellationToken)
        {
            using var limit = new CancellationTokenSource();
            using var end = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
            try
            {
                await foreach (var e in events.ReadAllAsync(end.Token).ConfigureAwait(false))
                {
                    if (!Handle(e, limit, context.Time))
                    {
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // --duration is over: a normal end.
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl-C: the summary is printed all the same.
            }
            finally
            {
                _duration?.Dispose();
            }
        }

        /// <summary>The same line whatever ended watch (--count, --duration, Ctrl-C, refused credentials).</summary>
        public string Summary() => string.Create(
            CultureInfo.InvariantCulture,
            $"broute {context.CommandName}: {_readings} reading(s), {_halfHours} notification(s), {_restored} reconnection(s); session closed");

        /// <summary>False when watch is done.</summary>
        private bool Handle(MonitorEvent e, CancellationTokenSource limit, TimeProvider time)
        {
            switch (e)
            {
                case StateChangedEvent { State: var state }:
                    return OnState(state, limit, time);
                case MeasurementsEvent m when m.Measurements.Any(x => x.Quantity == Quantity.Power && x.Source == ValueSource.Get):
                    _trend.Add(WatchSample.From(MeterClock.ToMeterTime(m.At), m.Measurements));
                    output.Line(_trend.StatusLine());
                    return ++_readings < (plan.Count ?? int.MaxValue);
                case HalfHourEvent { HalfHour: { Source: ValueSource.Notification } slot } h:
                    output.Line(WatchLines.HalfHour(h.At, slot));
                    _halfHours++;
                    return true;
                default:
                    return true;
            }
        }

        private bool OnState(MonitorState state, CancellationTokenSource limit, TimeProvider time)
        {
            if (state.Kind == MonitorStateKind.AuthenticationRefused)
            {
                Refused = true;
                return false;
            }

            if (!_connected)
            {
                if (state.Kind == MonitorStateKind.Connected)
                {
                    _connected = true;
                    progress.Finish();
                    var pan = state.Pan is { } p ? $" {p}" : string.Empty;
                    var until = plan.Count is { } c ? string.Create(CultureInfo.InvariantCulture, $"{c} reading(s)") : plan.Duration is { } d ? DurationText.Show(d) : "Ctrl-C";
                    context.Error.WriteLine(context.Settings.Secrets.Redact(
                        $"broute {context.CommandName}: connected to the meter{pan}; power and current every {DurationText.Show(plan.Interval)} until {until}"));
                    if (plan.Duration is { } duration)
                    {
                        // --duration counts from the connect, on the command's clock.
                        _duration = time.CreateTimer(_ => limit.Cancel(), null, duration, Timeout.InfiniteTimeSpan);
                    }
                }
                else if (state.Kind == MonitorStateKind.Outage)
                {
                    progress.Finish();
                    context.Error.WriteLine(context.Settings.Secrets.Redact($"broute {context.CommandName}: cannot reach the meter yet: {state.Reason} (Ctrl-C to stop)"));
                }

                return true;
            }

            if (WatchLines.State(state) is { } line)
            {
                output.Line(line);
            }

            if (state.Kind == MonitorStateKind.Connected)
            {
                _restored++;
            }

            return true;
        }
    }
}
