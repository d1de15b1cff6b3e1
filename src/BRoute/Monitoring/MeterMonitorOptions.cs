using BRoute.Retry;
using BRoute.Session;

namespace BRoute.Monitoring;

/// <summary>What a <see cref="MeterMonitor"/> needs: the session options, the schedule, and how it waits between attempts.</summary>
public sealed record MeterMonitorOptions
{
    /// <summary>Credentials, device, clock (<see cref="MeterSessionOptions.TimeProvider"/> is the monitor's clock too), logger, limits.</summary>
    public required MeterSessionOptions Session { get; init; }

    /// <summary>What to read and how often. Default: <see cref="ReadSchedule.Default"/>.</summary>
    public ReadSchedule Schedule { get; init; } = ReadSchedule.Default;

    /// <summary>Waits between connect attempts after a failure (dongle gone, meter silent): 5 s doubling to 5 min, ±20 %.</summary>
    public BackoffOptions ReconnectBackoff { get; init; } = new() { Initial = TimeSpan.FromSeconds(5), Max = TimeSpan.FromMinutes(5) };

    /// <summary>Waits after the meter refused the credentials (EVENT 24): 5 min doubling to 1 h, ±20 %; never hammers the meter.</summary>
    public BackoffOptions AuthenticationBackoff { get; init; } = new() { Initial = TimeSpan.FromMinutes(5), Max = TimeSpan.FromHours(1) };

    /// <summary>Reads in a row that got no answer before the session is closed and a new one connected. Default 3.</summary>
    public int FailedReadsBeforeReconnect { get; init; } = 3;

    /// <summary>How often the session's phase is looked at between reads (transmit pause, re-authentication). Default 2 s.</summary>
    public TimeSpan StatePollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a <see cref="CountersEvent"/> is emitted (also when a session ends). Default 5 min.</summary>
    public TimeSpan CountersInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long closing a failed session may take before the monitor moves on. Default 30 s.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Events kept per subscriber besides the latest measurement per quantity and the half-hours. Default 1024 (oldest dropped, counted).</summary>
    public int SubscriberCapacity { get; init; } = 1024;

    /// <summary>Also receives every session progress report (connect steps, reconnects), e.g. for a progress line.</summary>
    public IProgress<SessionProgress>? Progress { get; init; }

    /// <summary>
    /// What a store holds. When set, each session fills the half-hours it lacks from the meter's history (E2/E4, within
    /// half the transmit budget): the whole window after each connect and every <see cref="HistoryFillInterval"/>, the
    /// latest slots <see cref="HistoryRecheckDelay"/> after each half-hour boundary. Null: no backfill.
    /// </summary>
    public IHalfHourSlots? History { get; init; }

    /// <summary>How often the whole history window is checked again while a session lasts. Default 1 day.</summary>
    public TimeSpan HistoryFillInterval { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How long after a half-hour boundary the latest slots are checked (the notification normally came by then). Default 5 min.</summary>
    public TimeSpan HistoryRecheckDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Seed of the backoff jitter; null = random.</summary>
    public int? Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Session, nameof(Session));
        Session.Validate();
        ArgumentNullException.ThrowIfNull(Schedule, nameof(Schedule));
        Schedule.Validate();
        ArgumentNullException.ThrowIfNull(ReconnectBackoff, nameof(ReconnectBackoff));
        ArgumentNullException.ThrowIfNull(AuthenticationBackoff, nameof(AuthenticationBackoff));
        ReconnectBackoff.Validate();
        AuthenticationBackoff.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(FailedReadsBeforeReconnect, 1, nameof(FailedReadsBeforeReconnect));
        ArgumentOutOfRangeException.ThrowIfLessThan(SubscriberCapacity, 16, nameof(SubscriberCapacity));
        foreach (var (name, value) in new[] { (nameof(StatePollInterval), StatePollInterval), (nameof(CountersInterval), CountersInterval), (nameof(CloseTimeout), CloseTimeout), (nameof(HistoryFillInterval), HistoryFillInterval), (nameof(HistoryRecheckDelay), HistoryRecheckDelay) })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, value, "must be positive");
            }
        }
    }
}
