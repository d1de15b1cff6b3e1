using BRoute.EchonetLite.Meter;
using BRoute.History;
using BRoute.Session;

namespace BRoute.Monitoring;

/// <summary>A day the fill could not get, and why.</summary>
/// <param name="Day">The JST day.</param>
/// <param name="Status">Unavailable (the meter no longer holds it, or has no E2) or failed (repeated too often, malformed data).</param>
/// <param name="Problem">What happened, for a user.</param>
public sealed record HistoryDayProblem(DateOnly Day, DayHistoryStatus Status, string Problem);

/// <summary>What one <see cref="HistoryGapFiller.FillAsync(MeterSession, string, IHalfHourSlots, Func{IReadOnlyList{HalfHour}, CancellationToken, ValueTask}, IProgress{BackfillProgressEvent}?, HistoryFillOptions?, CancellationToken)"/> did.</summary>
/// <param name="From">First slot end of the window looked at.</param>
/// <param name="To">Last slot end of the window.</param>
/// <param name="SlotsMissing">Slots the store lacked when the fill began.</param>
/// <param name="DaysRead">Days read from the meter (E5 + E2/E4).</param>
/// <param name="SlotsDelivered">Slots handed to the sink.</param>
/// <param name="SlotsHeldBack">Missing slots the meter had no data for yet, too recent to be final: left for the next fill.</param>
/// <param name="Problems">Days not read, with the reason.</param>
public sealed record HistoryFillResult(DateTimeOffset From, DateTimeOffset To, int SlotsMissing, int DaysRead, int SlotsDelivered, int SlotsHeldBack, IReadOnlyList<HistoryDayProblem> Problems)
{
    /// <summary>Days that failed (worth retrying); unavailable days are not counted.</summary>
    public int DaysFailed => Problems.Count(p => p.Status == DayHistoryStatus.Failed);
}

/// <summary>
/// The gap logic: finds which half-hours of a meter's history window a store lacks (<see cref="IHalfHourSlots"/>) and
/// fetches them from the meter's day history (SetC E5, Get E2/E4), the oldest day first — it is the first to fall off
/// the meter's 99-day window — within a share of the transmit budget, handing each day's missing slots to a sink.
/// Resumable by construction: nothing is remembered between runs, so a run after any interruption (cancellation, a lost
/// session, a killed process) finds and fetches what is still missing. The window ends at the latest half-hour
/// boundary that has passed, so today's slots so far are included unless <see cref="HistoryFillOptions.To"/> says otherwise.
/// </summary>
public static class HistoryGapFiller
{
    /// <summary>
    /// The window to look at, as of <paramref name="now"/>: from the deepest day the meter keeps (today − 99, 00:00 JST)
    /// or <see cref="HistoryFillOptions.From"/> if later, to the latest passed half-hour boundary or
    /// <see cref="HistoryFillOptions.To"/> if earlier; both ends on :00/:30 (From rounded up, To down). Null when empty.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To)? Window(DateTimeOffset now, HistoryFillOptions? options = null)
    {
        options ??= new HistoryFillOptions();
        var deepest = MeterClock.StartOf(MeterClock.Today(now).AddDays(-HistoryRequests.MaxDaysBack));
        var from = Ceiling(options.From is { } f && f > deepest ? f : deepest);
        var to = Floor(options.To is { } t && t < now ? t : now);
        return from <= to ? (from, to) : null;
    }

    /// <summary>The slots of <paramref name="meterId"/> that <paramref name="store"/> lacks in the window as of <paramref name="now"/>.</summary>
    public static async Task<HistoryGaps> FindGapsAsync(IHalfHourSlots store, string meterId, DateTimeOffset now, HistoryFillOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(meterId);
        options ??= new HistoryFillOptions();
        options.Validate();
        if (Window(now, options) is not var (from, to))
        {
            var empty = Floor(now);
            return new HistoryGaps(empty, empty, []);
        }

        var stored = await store.StoredSlotsAsync(meterId, from, to, cancellationToken).ConfigureAwait(false);
        var have = stored.Select(s => s.UtcDateTime).ToHashSet();
        var missing = new List<DateTimeOffset>();
        for (var slot = from; slot <= to; slot += HistorySlots.SlotLength)
        {
            if (!have.Contains(slot.UtcDateTime))
            {
                missing.Add(slot);
            }
        }

        return new HistoryGaps(from, to, missing);
    }

    /// <summary>As the batch overload, handing the slots to <paramref name="sink"/> one by one (each day's, oldest first).</summary>
    public static Task<HistoryFillResult> FillAsync(
        MeterSession session,
        string meterId,
        IHalfHourSlots store,
        Func<HalfHour, CancellationToken, ValueTask> sink,
        IProgress<BackfillProgressEvent>? progress = null,
        HistoryFillOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return FillAsync(session, meterId, store, async (day, ct) =>
        {
            foreach (var halfHour in day)
            {
                await sink(halfHour, ct).ConfigureAwait(false);
            }
        }, progress, options, cancellationToken);
    }

    /// <summary>
    /// Fills the gaps of <paramref name="meterId"/> in <paramref name="store"/> from the connected
    /// <paramref name="session"/>: each day with a missing slot is read once, oldest first, and its missing slots
    /// (<see cref="ValueSource.History"/>, oldest first) go to <paramref name="sink"/> in one call per day — store them
    /// before returning, so an interruption loses at most the day being read. "No data" slots are passed on as
    /// <see cref="SlotEnergy.NoData"/> once older than <see cref="HistoryFillOptions.NoDataGrace"/>, else left missing.
    /// <paramref name="progress"/> gets a <see cref="BackfillProgressEvent"/> before each day and one at the end.
    /// </summary>
    /// <exception cref="BRouteException">The meter's unit (E1) is unknown, so its history cannot be given in kWh.</exception>
    /// <exception cref="MeterUnreachableException">The meter stopped answering (run again after reconnecting: the fill resumes).</exception>
    public static async Task<HistoryFillResult> FillAsync(
        MeterSession session,
        string meterId,
        IHalfHourSlots store,
        Func<IReadOnlyList<HalfHour>, CancellationToken, ValueTask> sink,
        IProgress<BackfillProgressEvent>? progress = null,
        HistoryFillOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(sink);
        options ??= new HistoryFillOptions();
        var time = session.Clock;
        var gaps = await FindGapsAsync(store, meterId, time.GetUtcNow(), options, cancellationToken).ConfigureAwait(false);
        var problems = new List<HistoryDayProblem>();
        int read = 0, delivered = 0, heldBack = 0;
        if (gaps.IsEmpty)
        {
            return new HistoryFillResult(gaps.From, gaps.To, 0, 0, 0, 0, problems);
        }

        if (!session.Meter.Scale.IsUnitKnown) // the meter info's unit (a remembered one is checked by the first day's read)
        {
            throw new BRouteException("the meter's unit (E1) is unknown, so its history cannot be given in kWh; allow the session to assume the unit (MeterSessionOptions.AssumeUnitWhenMissing) or check the meter");
        }

        var total = gaps.Days.Count;
        for (var done = 0; done < total; done++)
        {
            var day = gaps.Days[done];
            progress?.Report(new BackfillProgressEvent(time.GetUtcNow(), meterId, day, done, total));
            await WaitForBudgetAsync(session, options, cancellationToken).ConfigureAwait(false);
            var history = await session.ReadDayHistoryAsync(day, cancellationToken).ConfigureAwait(false);
            if (history.Status != DayHistoryStatus.Complete)
            {
                problems.Add(new HistoryDayProblem(day, history.Status, history.Problem ?? history.Status.ToString()));
                continue;
            }

            read++;
            var wanted = gaps.ByDay[day].Select(s => s.UtcDateTime).ToHashSet();
            var now = time.GetUtcNow();
            var slots = new List<HalfHour>(wanted.Count);
            foreach (var halfHour in HalfHourMapping.FromDayHistory(meterId, history))
            {
                if (!wanted.Contains(halfHour.SlotEnd.UtcDateTime))
                {
                    continue;
                }

                if (halfHour.Import.Status == ValueStatus.NoData && halfHour.SlotEnd > now - options.NoDataGrace)
                {
                    heldBack++;
                    continue;
                }

                slots.Add(halfHour);
            }

            if (slots.Count > 0)
            {
                await sink(slots, cancellationToken).ConfigureAwait(false);
                delivered += slots.Count;
            }
        }

        progress?.Report(new BackfillProgressEvent(time.GetUtcNow(), meterId, gaps.Days[^1], total, total));
        return new HistoryFillResult(gaps.From, gaps.To, gaps.Missing.Count, read, delivered, heldBack, problems);
    }

    /// <summary>Waits while the air time of the last hour is at or above the fill's share of the session's budget.</summary>
    private static async Task WaitForBudgetAsync(MeterSession session, HistoryFillOptions options, CancellationToken cancellationToken)
    {
        var share = TimeSpan.FromTicks((long)(session.AirTimeLimit.Ticks * options.BudgetShare));
        while (session.Statistics.AirTimeThisHour >= share)
        {
            await Task.Delay(options.BudgetRecheck, session.Clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private static DateTimeOffset Floor(DateTimeOffset t)
    {
        var jst = MeterClock.ToMeterTime(t);
        return new DateTimeOffset(jst.Year, jst.Month, jst.Day, jst.Hour, jst.Minute < 30 ? 0 : 30, 0, MeterClock.Offset);
    }

    private static DateTimeOffset Ceiling(DateTimeOffset t)
    {
        var floor = Floor(t);
        return floor == t ? floor : floor + HistorySlots.SlotLength;
    }
}
