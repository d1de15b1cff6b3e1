namespace BRoute.Storage.Tables;

/// <summary>
/// Day sums already computed, per meter, kept valid by the store's change sequence: a day is computed again only when
/// one of its slots, or the slot before its first (its first delta), was inserted or changed since. A page asking for
/// 12 months every few minutes then costs the SQL for today, not for the year. Rows are never deleted, so the
/// sequence sees every change; a new unit or digit count (a wrap) drops the meter's days.
/// </summary>
internal sealed class DaySumCache(MeterStore store)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Entry> _meters = new(StringComparer.Ordinal);

    public async Task<Dictionary<DateOnly, DaySum>> GetAsync(string meterId, DateOnly first, DateOnly end, CancellationToken cancellationToken)
    {
        var scale = await DaySums.ScaleAsync(store, meterId, cancellationToken).ConfigureAwait(false);
        if (scale is null)
        {
            return [];
        }

        if (!DaySums.SqlIsExact(scale))
        {
            return await DaySums.FromRowsAsync(store, meterId, first, end, cancellationToken).ConfigureAwait(false);
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_meters.TryGetValue(meterId, out var entry) || entry.Scale with { Sequence = 0 } != scale with { Sequence = 0 })
            {
                entry = new Entry(scale with { Sequence = 0 });
                _meters[meterId] = entry;
            }
            else if (entry.Sequence != scale.Sequence)
            {
                foreach (var slot in await DaySums.ChangedSlotsAsync(store, scale.Key, entry.Sequence, cancellationToken).ConfigureAwait(false))
                {
                    entry.Days.Remove(DaySums.DayOf(slot));
                    entry.Days.Remove(DaySums.DayOf(slot + 1_800_000)); // the next slot's delta starts from this one
                }
            }

            // Read before the SQL: a write meanwhile has a later sequence and is seen next time (a day too many, never one too few).
            entry.Sequence = scale.Sequence;
            DateOnly? missingFirst = null, missingLast = null;
            for (var day = first; day < end; day = day.AddDays(1))
            {
                if (!entry.Days.ContainsKey(day))
                {
                    missingFirst ??= day;
                    missingLast = day;
                }
            }

            if (missingFirst is DateOnly from && missingLast is DateOnly to)
            {
                var computed = await DaySums.ReadAsync(store, scale, from, to.AddDays(1), cancellationToken).ConfigureAwait(false);
                for (var day = from; day <= to; day = day.AddDays(1))
                {
                    entry.Days[day] = computed.GetValueOrDefault(day);
                }
            }

            var days = new Dictionary<DateOnly, DaySum>(end.DayNumber - first.DayNumber);
            for (var day = first; day < end; day = day.AddDays(1))
            {
                days[day] = entry.Days[day];
            }

            return days;
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed class Entry(StoredScale scale)
    {
        public StoredScale Scale { get; } = scale;

        public long Sequence { get; set; }

        public Dictionary<DateOnly, DaySum> Days { get; } = [];
    }
}
