using BRoute.Storage.Schema;

namespace BRoute.Storage.Tables;

/// <summary>The kinds of stored events (the <c>events.kind</c> column).</summary>
public static class StoreEventKinds
{
    /// <summary>Opening the dongle, scanning or joining.</summary>
    public const string Connecting = "connecting";

    /// <summary>The PANA session is up.</summary>
    public const string Connected = "connected";

    /// <summary>EVENT 29: the module re-authenticates.</summary>
    public const string Reauthenticating = "reauthenticating";

    /// <summary>The meter or dongle became unreachable.</summary>
    public const string OutageBegan = "outage_began";

    /// <summary>The first state after an outage; detail holds its length.</summary>
    public const string OutageEnded = "outage_ended";

    /// <summary>EVENT 32 or the own budget: no sending until <c>until</c>.</summary>
    public const string TransmitPaused = "transmit_paused";

    /// <summary>The meter refused the credentials (EVENT 24).</summary>
    public const string AuthenticationRefused = "authentication_refused";

    /// <summary>The monitor stopped.</summary>
    public const string Stopped = "stopped";

    /// <summary>The meter's identity was learned (each connect).</summary>
    public const string MeterIdentified = "meter_identified";

    /// <summary>A scale field (coefficient, unit, digits) changed from its stored value.</summary>
    public const string MeterChanged = "meter_changed";

    /// <summary>Progress of a history backfill.</summary>
    public const string BackfillProgress = "backfill_progress";

    /// <summary>Two copies of a half-hour disagree; the first stays. Detail says who saw it ("store" or "monitor").</summary>
    public const string HalfHourConflict = "half_hour_conflict";
}

/// <summary>A stored event.</summary>
/// <param name="Id">Its row id (grows with time).</param>
/// <param name="MeterId">The meter; null when it was not yet known.</param>
/// <param name="At">When it happened.</param>
/// <param name="Kind">One of <see cref="StoreEventKinds"/>.</param>
/// <param name="Until">When it ends at the latest, where known (transmit pause, retry after refusal).</param>
/// <param name="Detail">A small JSON object: reason, channel, PAN ID, slot, copies… never a credential.</param>
public sealed record StoredEvent(long Id, string? MeterId, DateTimeOffset At, string Kind, DateTimeOffset? Until, string? Detail);

/// <summary>The events table.</summary>
public sealed class EventTable
{
    private readonly MeterStore _store;

    internal EventTable(MeterStore store) => _store = store;

    /// <summary>Events with <c>at</c> in [from, to], oldest first; of one meter, or all when <paramref name="meterId"/> is null.</summary>
    public async Task<IReadOnlyList<StoredEvent>> RangeAsync(string? meterId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        => await Query.ListAsync(
            _store,
            """
            SELECT e.id, m.id, e.at, e.kind, e.until, e.detail
            FROM events e LEFT JOIN meters m ON m.key = e.meter
            WHERE e.at BETWEEN $from AND $to AND ($meter IS NULL OR m.id = $meter)
            ORDER BY e.at, e.id
            """,
            r => new StoredEvent(r.GetInt64(0), r.Text(1), DbValues.Time(r.GetInt64(2)), r.GetString(3), r.Long(4) is long u ? DbValues.Time(u) : null, r.Text(5)),
            cancellationToken,
            ("$meter", meterId),
            ("$from", DbValues.Time(from)),
            ("$to", DbValues.Time(to))).ConfigureAwait(false);

    internal static void Insert(WriteScope scope, long? meterKey, DateTimeOffset at, string kind, DateTimeOffset? until, string? detail)
        => scope.Execute(
            "INSERT INTO events (meter, at, kind, until, detail) VALUES ($meter, $at, $kind, $until, $detail)",
            ("$meter", meterKey),
            ("$at", DbValues.Time(at)),
            ("$kind", kind),
            ("$until", until is DateTimeOffset u ? DbValues.Time(u) : null),
            ("$detail", detail));

    /// <summary>The kind of the meter's last link-state event, for telling when an outage ends; null when none.</summary>
    internal static string? LastStateKind(WriteScope scope, long meterKey)
        => scope.Scalar(
            """
            SELECT kind FROM events
            WHERE meter = $meter AND kind IN ('connecting', 'connected', 'reauthenticating', 'outage_began', 'transmit_paused', 'authentication_refused', 'stopped')
            ORDER BY at DESC, id DESC LIMIT 1
            """,
            ("$meter", meterKey)) as string;

    /// <summary>When the meter's last outage began; null when none.</summary>
    internal static DateTimeOffset? LastOutageStart(WriteScope scope, long meterKey)
        => scope.Scalar("SELECT max(at) FROM events WHERE meter = $meter AND kind = 'outage_began'", ("$meter", meterKey)) is long ms
            ? DbValues.Time(ms)
            : null;
}
