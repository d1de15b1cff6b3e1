namespace BRoute.History;

/// <summary>
/// Which days of 30-minute history still need reading, for a resumable backfill of N complete days
/// (today is partial and left to the live readings). Days are handed out oldest first because
/// those are the first to drop out of the meter's 99-day window. Days already stored (from an
/// earlier, interrupted run) are skipped; a day the meter no longer holds is reported unavailable.
/// </summary>
public sealed class HistoryBackfillPlan
{
    private readonly SortedSet<DateOnly> _pending = [];
    private readonly SortedSet<DateOnly> _unavailable = [];

    /// <param name="today">The meter's today (JST) when the plan is made.</param>
    /// <param name="days">Complete days wanted: today − days … today − 1.</param>
    /// <param name="stored">Days already in storage.</param>
    public HistoryBackfillPlan(DateOnly today, int days, IEnumerable<DateOnly> stored)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 0);
        ArgumentNullException.ThrowIfNull(stored);
        var have = stored.ToHashSet();
        for (var d = today.AddDays(-days); d < today; d = d.AddDays(1))
        {
            if (!have.Contains(d))
            {
                _pending.Add(d);
            }
        }
    }

    /// <summary>Days still to read, oldest first.</summary>
    public IReadOnlyCollection<DateOnly> Pending => _pending;

    /// <summary>Days the meter no longer holds (or could not deliver).</summary>
    public IReadOnlyCollection<DateOnly> Unavailable => _unavailable;

    /// <summary>True when nothing is left.</summary>
    public bool IsDone => _pending.Count == 0;

    /// <summary>
    /// The oldest pending day the meter still holds as of <paramref name="meterToday"/>; days that
    /// fell out of the window meanwhile move to <see cref="Unavailable"/>.
    /// </summary>
    public bool TryNext(DateOnly meterToday, out DateOnly day)
    {
        while (_pending.Count > 0)
        {
            var oldest = _pending.Min;
            if (meterToday.DayNumber - oldest.DayNumber <= HistoryRequests.MaxDaysBack)
            {
                day = oldest;
                return true;
            }

            _pending.Remove(oldest);
            _unavailable.Add(oldest);
        }

        day = default;
        return false;
    }

    /// <summary>The day was read and stored.</summary>
    public void MarkStored(DateOnly day) => _pending.Remove(day);

    /// <summary>The day cannot be read (e.g. <see cref="DayReadStatus.Failed"/>): stop asking for it.</summary>
    public void MarkUnavailable(DateOnly day)
    {
        if (_pending.Remove(day))
        {
            _unavailable.Add(day);
        }
    }
}
