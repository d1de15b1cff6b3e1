using BRoute.Session;

namespace BRoute.Monitoring;

/// <summary>
/// Nothing lost: with <see cref="MeterMonitorOptions.History"/> set (what a store holds), every connected session
/// fills the half-hours the store lacks from the meter's history — the whole window right after each connect and
/// every <see cref="MeterMonitorOptions.HistoryFillInterval"/>, and the latest slots a few minutes after each
/// half-hour boundary, so a half-hour whose notification never came is fetched right after its slot.
/// </summary>
public sealed partial class MeterMonitor
{
    private static readonly TimeSpan Slot = TimeSpan.FromMinutes(30);

    private async Task FillHistoryAsync(MeterSession session, string meterId, IHalfHourSlots store, CancellationToken cancellationToken)
    {
        // A second loop beside the schedule: busy while it runs, idle only in its own waits (IsWaiting counts both).
        Interlocked.Increment(ref _busy);
        try
        {
            await FillHistoryLoopAsync(session, meterId, store, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _busy);
        }
    }

    private async Task FillHistoryLoopAsync(MeterSession session, string meterId, IHalfHourSlots store, CancellationToken cancellationToken)
    {
        var nextFull = _time.GetUtcNow();
        var progress = new PublishingProgress(this);
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            var full = now >= nextFull;
            var lastBoundary = new DateTimeOffset(now.UtcTicks / Slot.Ticks * Slot.Ticks, TimeSpan.Zero);
            var options = full ? new HistoryFillOptions() : new HistoryFillOptions { From = lastBoundary - Slot, To = lastBoundary };
            try
            {
                var result = await WhileWaiting(HistoryGapFiller.FillAsync(session, meterId, store, PublishAsync, full ? progress : null, options, cancellationToken)).ConfigureAwait(false);
                if (result.SlotsDelivered > 0 || result.DaysFailed > 0)
                {
                    MonitorLog.HistoryFilled(_logger, result.SlotsDelivered, result.DaysRead, result.SlotsMissing, result.DaysFailed);
                }

                if (full)
                {
                    nextFull = now + _options.HistoryFillInterval;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The link is the schedule's business (it replaces the session); the fill tries again next time.
                MonitorLog.HistoryFailed(_logger, ex.GetType().Name, ex.Message);
            }

            var recheck = lastBoundary + Slot + _options.HistoryRecheckDelay;
            var wake = full && nextFull <= now ? recheck : (recheck < nextFull ? recheck : nextFull);
            try
            {
                await SleepAsync(wake - _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private ValueTask PublishAsync(IReadOnlyList<HalfHour> slots, CancellationToken cancellationToken)
    {
        var at = _time.GetUtcNow();
        foreach (var slot in slots)
        {
            Publish(new HalfHourEvent(at, slot));
        }

        return ValueTask.CompletedTask;
    }

    private sealed class PublishingProgress(MeterMonitor monitor) : IProgress<BackfillProgressEvent>
    {
        public void Report(BackfillProgressEvent value) => monitor.Publish(value);
    }
}
