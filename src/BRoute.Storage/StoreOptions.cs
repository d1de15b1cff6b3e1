namespace BRoute.Storage;

/// <summary>Where the store lives and how long it keeps what.</summary>
public sealed record StoreOptions
{
    /// <summary>The SQLite file; its directory is created when missing. See <see cref="StorePaths.Default"/>.</summary>
    public required string Path { get; init; }

    /// <summary>How long raw samples (and cumulative energy readings) are kept. Default 14 days.</summary>
    public TimeSpan RawSampleRetention { get; init; } = TimeSpan.FromDays(14);

    /// <summary>How long one-minute min/mean/max aggregates are kept. Default 2 years (731 days).</summary>
    public TimeSpan MinuteAggregateRetention { get; init; } = TimeSpan.FromDays(731);

    /// <summary>Run SQLite's quick_check when opening (reads the whole file once). Default true.</summary>
    public bool CheckIntegrityOnOpen { get; init; } = true;

    /// <summary>Checks the options; throws a <see cref="StoreException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new StoreException(StoreFailure.CannotOpen, "the store path is empty: set it, or leave it unset for the default (StorePaths.Default)");
        }

        if (RawSampleRetention <= TimeSpan.Zero)
        {
            throw new StoreException(StoreFailure.Other, $"RawSampleRetention must be positive (was {RawSampleRetention}); the default is 14 days");
        }

        if (MinuteAggregateRetention < RawSampleRetention)
        {
            throw new StoreException(StoreFailure.Other, $"MinuteAggregateRetention ({MinuteAggregateRetention}) must be at least RawSampleRetention ({RawSampleRetention}); the default is 2 years");
        }
    }
}
