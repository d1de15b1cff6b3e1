namespace BRoute.Storage.Writing;

/// <summary>How the <see cref="StoreWriter"/> queues and retries.</summary>
public sealed record StoreWriterOptions
{
    /// <summary>
    /// Measurement events (samples) held while the store cannot keep up or cannot write; beyond it the oldest are
    /// dropped and counted. Half-hours, states and other events are never dropped (they are few: ≤ 48 half-hours a
    /// day per meter). Default 8640 (one day of a sample every 10 s).
    /// </summary>
    public int SampleQueueCapacity { get; init; } = 8640;

    /// <summary>Events written in one transaction at most. Default 256.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>The wait before the first retry after a failed write; doubled up to <see cref="MaxRetryDelay"/>. Default 1 s.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between retries. Default 1 minute.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(1);
}

/// <summary>A snapshot of what the writer did.</summary>
/// <param name="EventsWritten">Events committed to the store.</param>
/// <param name="HalfHoursInserted">Half-hour slots stored for the first time.</param>
/// <param name="HalfHoursChanged">Stored slots that took a value (export arriving, "no data" completed).</param>
/// <param name="HalfHourConflicts">Copies that disagreed with the stored slot (recorded as events).</param>
/// <param name="SamplesDropped">Measurement events dropped because the sample queue was full.</param>
/// <param name="EventsSkipped">Events the store refused as invalid (logged); the rest of their batch was written.</param>
/// <param name="FailedWrites">Write attempts that failed (each is retried).</param>
/// <param name="Pending">Events queued, not yet written.</param>
/// <param name="FailingSince">When writes began to fail; null while they succeed.</param>
/// <param name="LastError">The last write failure's message; null while writes succeed.</param>
public sealed record StoreWriterStatistics(
    long EventsWritten,
    long HalfHoursInserted,
    long HalfHoursChanged,
    long HalfHourConflicts,
    long SamplesDropped,
    long EventsSkipped,
    long FailedWrites,
    int Pending,
    DateTimeOffset? FailingSince,
    string? LastError);
