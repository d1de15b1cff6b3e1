namespace BRoute.Storage.Tables;

/// <summary>
/// Energy over a JST period [<paramref name="Start"/>, <paramref name="End"/>): the sum of the half-hour deltas known in
/// it. A slot whose delta is unknown (missing, "no data", or its neighbour is) adds nothing and is not counted, so a
/// period is <see cref="ImportComplete"/> only when all its slots are known; a partial sum is never scaled up.
/// </summary>
/// <param name="Start">First day (JST).</param>
/// <param name="End">The day after the last (JST).</param>
/// <param name="ImportKwh">Sum of known import deltas; null when none is known.</param>
/// <param name="ExportKwh">Sum of known export deltas; null when none is known.</param>
/// <param name="ImportSlots">Slots with a known import delta.</param>
/// <param name="ExportSlots">Slots with a known export delta.</param>
/// <param name="Slots">Slots in the period (48 a day; JST has no daylight saving).</param>
public sealed record EnergyTotal(DateOnly Start, DateOnly End, decimal? ImportKwh, decimal? ExportKwh, int ImportSlots, int ExportSlots, int Slots)
{
    /// <summary>Every slot's import delta is known.</summary>
    public bool ImportComplete => ImportSlots == Slots;

    /// <summary>Every slot's export delta is known.</summary>
    public bool ExportComplete => ExportSlots == Slots;
}

/// <summary>Daily and monthly totals from the half-hours (JST days: a day holds the slots ending 00:30 … 24:00).</summary>
public sealed class TotalsQueries
{
    private const int SlotsPerDay = 48;

    private readonly DaySumCache _days;

    internal TotalsQueries(MeterStore store) => _days = new DaySumCache(store);

    /// <summary>One total per JST day from <paramref name="first"/> to <paramref name="last"/> inclusive.</summary>
    public async Task<IReadOnlyList<EnergyTotal>> DailyAsync(string meterId, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var periods = new List<(DateOnly Start, DateOnly End)>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            periods.Add((day, day.AddDays(1)));
        }

        return await TotalsAsync(meterId, periods, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One total per month from the month of <paramref name="first"/> to that of <paramref name="last"/> inclusive.</summary>
    public async Task<IReadOnlyList<EnergyTotal>> MonthlyAsync(string meterId, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var periods = new List<(DateOnly Start, DateOnly End)>();
        for (var month = new DateOnly(first.Year, first.Month, 1); month <= last; month = month.AddMonths(1))
        {
            periods.Add((month, month.AddMonths(1)));
        }

        return await TotalsAsync(meterId, periods, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<EnergyTotal>> TotalsAsync(string meterId, List<(DateOnly Start, DateOnly End)> periods, CancellationToken cancellationToken)
    {
        if (periods.Count == 0)
        {
            return [];
        }

        var days = await _days.GetAsync(meterId, periods[0].Start, periods[^1].End, cancellationToken).ConfigureAwait(false);
        var totals = new List<EnergyTotal>(periods.Count);
        foreach (var (start, end) in periods)
        {
            decimal? import = null, export = null;
            int importSlots = 0, exportSlots = 0;
            for (var day = start; day < end; day = day.AddDays(1))
            {
                if (days.TryGetValue(day, out var sum))
                {
                    import = sum.ImportSlots > 0 ? (import ?? 0) + sum.ImportKwh : import;
                    export = sum.ExportSlots > 0 ? (export ?? 0) + sum.ExportKwh : export;
                    importSlots += sum.ImportSlots;
                    exportSlots += sum.ExportSlots;
                }
            }

            totals.Add(new EnergyTotal(start, end, import, export, importSlots, exportSlots, (end.DayNumber - start.DayNumber) * SlotsPerDay));
        }

        return totals;
    }
}
