using BRoute.Monitoring;
using BRoute.Session;
using BRoute.Storage.Schema;

namespace BRoute.Storage.Tables;

/// <summary>
/// A meter's latest link figures, from the monitor's last <see cref="CountersEvent"/>. The counters count from the
/// start of the session (<see cref="ConnectedAt"/>); <see cref="Reconnects"/> from the monitor's start.
/// </summary>
/// <param name="MeterId">The meter.</param>
/// <param name="At">When the monitor took the figures.</param>
/// <param name="ConnectedAt">When the session they count from came up; null when it never did.</param>
/// <param name="MeterFrames">ERXUDP datagrams from the meter.</param>
/// <param name="FramesWithLqi">Of those, the ones carrying an RSSI/LQI byte (dongles printing the 11-token ERXUDP).</param>
/// <param name="LastLqi">The raw LQI byte of the last meter frame that carried one.</param>
/// <param name="MinLqi">The weakest.</param>
/// <param name="MaxLqi">The strongest.</param>
/// <param name="MeanLqi">The mean.</param>
/// <param name="ScanLqi">The LQI of the meter's EPANDESC (the scan that found it); null when unknown.</param>
/// <param name="ScanLqiSource">"scan" (this session's) or "pan_cache" (remembered); null when unknown.</param>
/// <param name="ScanLqiAt">When that scan found the meter.</param>
/// <param name="Requests">ECHONET requests begun.</param>
/// <param name="Resends">Requests sent again after a timeout or a failed send.</param>
/// <param name="ReplyTimeouts">Attempts whose reply did not come in time.</param>
/// <param name="RequestsGivenUp">Requests given up after every attempt.</param>
/// <param name="FramesDropped">Incoming frames dropped (stale, duplicate, foreign, malformed …).</param>
/// <param name="Reauthentications">PANA re-authentications by the module.</param>
/// <param name="Reconnects">Sessions the monitor replaced since it started.</param>
/// <param name="AirTime">Transmit time used in the last hour.</param>
/// <param name="AirTimeLimit">Where the budget stops sending in an hour; null when unknown.</param>
public sealed record StoredLink(
    string MeterId,
    DateTimeOffset At,
    DateTimeOffset? ConnectedAt,
    long MeterFrames,
    long FramesWithLqi,
    byte? LastLqi,
    byte? MinLqi,
    byte? MaxLqi,
    double? MeanLqi,
    byte? ScanLqi,
    string? ScanLqiSource,
    DateTimeOffset? ScanLqiAt,
    long Requests,
    long Resends,
    long ReplyTimeouts,
    long RequestsGivenUp,
    long FramesDropped,
    long Reauthentications,
    long Reconnects,
    TimeSpan AirTime,
    TimeSpan? AirTimeLimit)
{
    /// <summary>The share of the hour's budget used (0–1, above 1 past the limit); null when the limit is unknown.</summary>
    public double? BudgetUsed => AirTimeLimit is { Ticks: > 0 } limit ? AirTime / limit : null;

    /// <summary>Resends per request; null before the first request.</summary>
    public double? ResendRate => Requests > 0 ? (double)Resends / Requests : null;
}

/// <summary>The link_quality table: one row per meter, replaced by each newer <see cref="CountersEvent"/>.</summary>
public sealed class LinkTable
{
    private const string Columns =
        "m.id, l.at, l.connected_at, l.meter_frames, l.frames_with_lqi, l.last_lqi, l.min_lqi, l.max_lqi, l.mean_lqi, l.scan_lqi, l.scan_lqi_source, l.scan_lqi_at, " +
        "l.requests, l.resends, l.reply_timeouts, l.requests_given_up, l.frames_dropped, l.reauthentications, l.reconnects, l.air_time_ms, l.air_time_limit_ms";

    private readonly MeterStore _store;

    internal LinkTable(MeterStore store) => _store = store;

    /// <summary>The meter's latest link figures, or null when none were stored.</summary>
    public async Task<StoredLink?> LatestAsync(string meterId, CancellationToken cancellationToken)
        => (await Query.ListAsync(_store, $"SELECT {Columns} FROM link_quality l JOIN meters m ON m.key = l.meter WHERE m.id = $id", Map, cancellationToken, ("$id", meterId)).ConfigureAwait(false))
            .FirstOrDefault();

    /// <summary>Stores the figures of <paramref name="counters"/> unless newer ones are stored (the writer does this for each event).</summary>
    public Task UpsertAsync(CountersEvent counters, CancellationToken cancellationToken)
        => _store.WriteAsync(scope => { Upsert(scope, counters); return 0; }, cancellationToken);

    internal static void Upsert(WriteScope scope, CountersEvent counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        var s = counters.Statistics;
        var link = s.LinkQuality;
        scope.Execute(
            """
            INSERT INTO link_quality (meter, at, connected_at, meter_frames, frames_with_lqi, last_lqi, min_lqi, max_lqi, mean_lqi,
                scan_lqi, scan_lqi_source, scan_lqi_at, requests, resends, reply_timeouts, requests_given_up, frames_dropped,
                reauthentications, reconnects, air_time_ms, air_time_limit_ms)
            VALUES ($meter, $at, $connected, $frames, $withLqi, $last, $min, $max, $mean, $scan, $scanSource, $scanAt, $requests,
                $resends, $timeouts, $givenUp, $dropped, $reauths, $reconnects, $air, $limit)
            ON CONFLICT (meter) DO UPDATE SET
                at = excluded.at, connected_at = excluded.connected_at, meter_frames = excluded.meter_frames,
                frames_with_lqi = excluded.frames_with_lqi, last_lqi = excluded.last_lqi, min_lqi = excluded.min_lqi,
                max_lqi = excluded.max_lqi, mean_lqi = excluded.mean_lqi, scan_lqi = excluded.scan_lqi,
                scan_lqi_source = excluded.scan_lqi_source, scan_lqi_at = excluded.scan_lqi_at, requests = excluded.requests,
                resends = excluded.resends, reply_timeouts = excluded.reply_timeouts, requests_given_up = excluded.requests_given_up,
                frames_dropped = excluded.frames_dropped, reauthentications = excluded.reauthentications,
                reconnects = excluded.reconnects, air_time_ms = excluded.air_time_ms, air_time_limit_ms = excluded.air_time_limit_ms
            WHERE excluded.at >= link_quality.at
            """,
            ("$meter", scope.MeterKey(counters.MeterId)),
            ("$at", DbValues.Time(counters.At)),
            ("$connected", s.ConnectedAt is { } c ? DbValues.Time(c) : null),
            ("$frames", link.MeterFrames),
            ("$withLqi", link.FramesWithLqi),
            ("$last", (long?)link.LastLqi),
            ("$min", (long?)link.MinLqi),
            ("$max", (long?)link.MaxLqi),
            ("$mean", link.MeanLqi),
            ("$scan", (long?)link.ScanLqi),
            ("$scanSource", ScanSource(link.ScanLqiSource)),
            ("$scanAt", link.ScanLqiAt is { } sa ? DbValues.Time(sa) : null),
            ("$requests", s.Requests),
            ("$resends", s.Retries),
            ("$timeouts", s.ReplyTimeouts),
            ("$givenUp", s.RequestsGivenUp),
            ("$dropped", s.DroppedTotal),
            ("$reauths", s.Reauthentications),
            ("$reconnects", counters.Reconnects),
            ("$air", (long)s.AirTimeThisHour.TotalMilliseconds),
            ("$limit", s.AirTimeLimit is { } l ? (long)l.TotalMilliseconds : null));
    }

    private static string? ScanSource(ScanLqiSource source) => source switch
    {
        ScanLqiSource.Scan => "scan",
        ScanLqiSource.PanCache => "pan_cache",
        _ => null,
    };

    private static StoredLink Map(Microsoft.Data.Sqlite.SqliteDataReader r) => new(
        r.GetString(0),
        DbValues.Time(r.GetInt64(1)),
        r.Long(2) is long c ? DbValues.Time(c) : null,
        r.GetInt64(3),
        r.GetInt64(4),
        Byte(r.Long(5)),
        Byte(r.Long(6)),
        Byte(r.Long(7)),
        r.Double(8),
        Byte(r.Long(9)),
        r.Text(10),
        r.Long(11) is long sa ? DbValues.Time(sa) : null,
        r.GetInt64(12),
        r.GetInt64(13),
        r.GetInt64(14),
        r.GetInt64(15),
        r.GetInt64(16),
        r.GetInt64(17),
        r.GetInt64(18),
        TimeSpan.FromMilliseconds(r.GetInt64(19)),
        r.Long(20) is long limit ? TimeSpan.FromMilliseconds(limit) : null);

    private static byte? Byte(long? value) => value is long v ? checked((byte)v) : null;
}
