namespace BRoute.Monitoring;

/// <summary>Settings of <see cref="HistoryGapFiller"/>.</summary>
public sealed record HistoryFillOptions
{
    /// <summary>Earliest slot end wanted (e.g. when the meter was first stored); null: as deep as the meter keeps (today − 99 days, 00:00).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Latest slot end wanted; null: the latest half-hour boundary that has passed.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>
    /// A slot the meter reports "no data" for is passed on (so a store keeps it as no data, for good) only when it
    /// ended longer ago than this; a younger one may still be recorded, so it stays missing for the next fill. Default 1 h.
    /// </summary>
    public TimeSpan NoDataGrace { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The share of the session's hourly transmit budget the fill may use (default 0.5: at least half stays for live
    /// polling). Before each day the fill waits while the air time of the last hour is at or above this share.
    /// </summary>
    public double BudgetShare { get; init; } = 0.5;

    /// <summary>How long to wait before looking at the budget again (default 1 min).</summary>
    public TimeSpan BudgetRecheck { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Throws when a value cannot work.</summary>
    public void Validate()
    {
        if (BudgetShare is <= 0 or > 1 || double.IsNaN(BudgetShare))
        {
            throw new ArgumentOutOfRangeException(nameof(BudgetShare), BudgetShare, "the budget share must be above 0 and at most 1");
        }

        if (BudgetRecheck <= TimeSpan.Zero || NoDataGrace < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(BudgetRecheck), "the budget recheck must be positive and the no-data grace not negative");
        }

        if (From is { } from && To is { } to && from > to)
        {
            throw new ArgumentException($"From ({from:O}) is after To ({to:O})", nameof(From));
        }
    }
}
