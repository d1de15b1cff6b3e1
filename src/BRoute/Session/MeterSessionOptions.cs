using BRoute.Authentication;
using BRoute.Connection;
using BRoute.Reading;
using BRoute.Radio;
using BRoute.Retry;
using BRoute.Scanning;
using BRoute.SkStack.Grammar;
using BRoute.Transactions;
using Microsoft.Extensions.Logging;

namespace BRoute.Session;

/// <summary>
/// Everything a <see cref="MeterSession"/> needs: credentials, how to open the dongle, the clock, and every
/// timeout and limit (defaults from timing.md "Client timeout defaults"; see the README table).
/// </summary>
public sealed record MeterSessionOptions
{
    /// <summary>The B-route ID and password (validated by <see cref="Credentials.Create"/>).</summary>
    public required Credentials Credentials { get; init; }

    /// <summary>Opens the dongle, at start and after a transport loss (<see cref="SkDeviceFactories"/>).</summary>
    public required SkDeviceFactory Device { get; init; }

    /// <summary>Clock for every wait and timeout (tests pass a FakeTimeProvider).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Logger of the session; also handed to the dongle driver. Credentials are never logged.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>Dongle family override (SIDE argument decision); null = detect.</summary>
    public DongleFamily? Family { get; init; }

    /// <summary>Timeout of one SKSTACK command (write → OK/FAIL/reply). Default 5 s.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Remember the PAN between runs (one JSON file per B-route ID) so a restart joins without a scan.</summary>
    public bool UsePanCache { get; init; } = true;

    /// <summary>
    /// Start from the meter capabilities remembered with the cached PAN (batch limit, refused EPCs, 9F/D3/D7/E1), checked
    /// by the first read, instead of a Get of 9F/D3/D7/E1 after every join. False: always ask the meter (what was learned
    /// is still saved). Default true.
    /// </summary>
    public bool UseRememberedCapabilities { get; init; } = true;

    /// <summary>Folder of the PAN cache; null = the XDG state directory (<see cref="PanCache.DefaultDirectory()"/>).</summary>
    public string? PanCacheDirectory { get; init; }

    /// <summary>Scan ladder and guards.</summary>
    public ScanOptions Scan { get; init; } = new();

    /// <summary>After EVENT 22, wait this long for an EPANDESC that trails it (SkstackIpDotNet: 0.5 s) when our meter was not seen yet.</summary>
    public TimeSpan ScanSettleTime { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Join, re-authentication and reopen limits and backoffs.</summary>
    public ConnectionOptions Connection { get; init; } = new();

    /// <summary>Per-request timeouts and attempts (every attempt resends the same TID).</summary>
    public RetryPolicy Retry { get; init; } = new();

    /// <summary>Radio transmission budget (ARIB STD-T108: 360 s per hour).</summary>
    public TransmitBudgetOptions TransmitBudget { get; init; } = new();

    /// <summary>Reply matching (controller object, how long answered TIDs are remembered).</summary>
    public ReplyMatcherOptions Matcher { get; init; } = new();

    /// <summary>
    /// How long a request waits for the connection to come back (re-authentication, re-join, reopen, EVENT 32 pause)
    /// before it fails with <see cref="MeterUnreachableException"/>. Default 3 min.
    /// </summary>
    public TimeSpan OutageTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>On close, how long to wait for EVENT 27/28 after SKTERM. Default 5 s.</summary>
    public TimeSpan TerminateTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Batch size (EPCs per Get) to start with; lowered only on evidence. Default 6 (AIF floor).</summary>
    public int InitialMaxOpc { get; init; } = MeterCapabilities.AifMaxOpc;

    /// <summary>
    /// Gets of one read that may await their replies at the same time (each with its own TID; the SKSENDTOs
    /// themselves go one after another). 1 = strictly one request at a time. Default 2: a read of more EPCs than
    /// fit in one Get waits for the slower of two replies instead of their sum. Retries of refused or unanswered
    /// EPCs always go alone.
    /// </summary>
    public int MaxRequestsInFlight { get; init; } = 2;

    /// <summary>
    /// When the meter does not give E1 (unit), assume 0x00 = 1 kWh per count and say so (<see cref="MeterInfo.UnitAssumed"/>).
    /// False: energies are reported as raw counts with unit "unknown". Default true.
    /// </summary>
    public bool AssumeUnitWhenMissing { get; init; } = true;

    /// <summary>Notifications buffered per subscriber of <see cref="MeterSession.ReadNotificationsAsync"/> (oldest dropped and counted). Default 256.</summary>
    public int NotificationCapacity { get; init; } = 256;

    /// <summary>No day-history read starts or ends this close to midnight JST (meter clocks may differ by minutes). Default 2 min.</summary>
    public TimeSpan HistoryMidnightGuard { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts at one history day before it is reported failed. Default 3.</summary>
    public int HistoryMaxAttempts { get; init; } = 3;

    /// <summary>Seed of the first TID and the backoff jitter; null = random (a restarted process then avoids its predecessor's TIDs).</summary>
    public int? Seed { get; init; }

    /// <summary>Called with the session as soon as it exists, before it connects (tests watch it on a fake clock).</summary>
    internal Action<MeterSession>? OnCreated { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (Credentials is null)
        {
            throw new ArgumentException("the B-route credentials are required", nameof(Credentials));
        }

        if (Device is null)
        {
            throw new ArgumentException("a device factory is required (e.g. SkDeviceFactories.Open(\"/dev/ttyUSB0\"))", nameof(Device));
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ArgumentNullException.ThrowIfNull(Scan, nameof(Scan));
        ArgumentNullException.ThrowIfNull(Connection, nameof(Connection));
        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        ArgumentNullException.ThrowIfNull(TransmitBudget, nameof(TransmitBudget));
        ArgumentNullException.ThrowIfNull(Matcher, nameof(Matcher));
        Scan.Validate();
        Connection.Validate();
        Retry.Validate();
        TransmitBudget.Validate();
        foreach (var (name, value) in new[]
        {
            (nameof(CommandTimeout), CommandTimeout), (nameof(OutageTimeout), OutageTimeout), (nameof(TerminateTimeout), TerminateTimeout),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, value, "a timeout must be positive");
            }
        }

        if (ScanSettleTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ScanSettleTime), ScanSettleTime, "the scan settle time cannot be negative");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(InitialMaxOpc, 1, nameof(InitialMaxOpc));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(InitialMaxOpc, byte.MaxValue, nameof(InitialMaxOpc));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestsInFlight, 1, nameof(MaxRequestsInFlight));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRequestsInFlight, 8, nameof(MaxRequestsInFlight));
        ArgumentOutOfRangeException.ThrowIfLessThan(NotificationCapacity, 1, nameof(NotificationCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(HistoryMaxAttempts, 1, nameof(HistoryMaxAttempts));
        if (HistoryMidnightGuard < TimeSpan.Zero || HistoryMidnightGuard >= TimeSpan.FromHours(12))
        {
            throw new ArgumentOutOfRangeException(nameof(HistoryMidnightGuard), HistoryMidnightGuard, "the midnight guard must be between 0 and 12 h");
        }
    }
}
