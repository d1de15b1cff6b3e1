using BRoute.Storage.Schema;

namespace BRoute.Storage.Tables;

/// <summary>An instantaneous sample: power and currents read together; a null is a value not read or "no data".</summary>
public sealed record StoredSample(string MeterId, DateTimeOffset At, double? PowerW, double? CurrentRA, double? CurrentTA, string Source);

/// <summary>Minimum, mean and maximum of one quantity over a minute.</summary>
public readonly record struct MinMeanMax(double Min, double Mean, double Max);

/// <summary>One minute of samples: how many, and min/mean/max per quantity (null when none had a value).</summary>
public sealed record MinuteAggregate(string MeterId, DateTimeOffset Minute, int Samples, MinMeanMax? PowerW, MinMeanMax? CurrentRA, MinMeanMax? CurrentTA);

/// <summary>The means of one minute (a chart's point); null where no sample of the minute had the value.</summary>
public readonly record struct MinuteMean(DateTimeOffset Minute, double? PowerW, double? CurrentRA, double? CurrentTA);

/// <summary>The samples and samples_1min tables.</summary>
public sealed class SampleTable
{
    private readonly MeterStore _store;

    internal SampleTable(MeterStore store) => _store = store;

    /// <summary>Raw samples of the meter in [from, to], oldest first (kept for <see cref="StoreOptions.RawSampleRetention"/>).</summary>
    public async Task<IReadOnlyList<StoredSample>> RangeAsync(string meterId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        => await Query.ListAsync(
            _store,
            """
            SELECT m.id, s.at, s.power_w, s.current_r_a, s.current_t_a, s.source
            FROM samples s JOIN meters m ON m.key = s.meter
            WHERE m.id = $meter AND s.at BETWEEN $from AND $to ORDER BY s.at
            """,
            r => new StoredSample(r.GetString(0), DbValues.Time(r.GetInt64(1)), r.Double(2), r.Double(3), r.Double(4), r.GetString(5)),
            cancellationToken,
            ("$meter", meterId),
            ("$from", DbValues.Time(from)),
            ("$to", DbValues.Time(to))).ConfigureAwait(false);

    /// <summary>One-minute aggregates of the meter with minute starts in [from, to], oldest first (built by maintenance).</summary>
    public async Task<IReadOnlyList<MinuteAggregate>> MinutesAsync(string meterId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        => await Query.ListAsync(
            _store,
            """
            SELECT m.id, a.minute, a.samples,
                   a.power_min, a.power_mean, a.power_max,
                   a.current_r_min, a.current_r_mean, a.current_r_max,
                   a.current_t_min, a.current_t_mean, a.current_t_max
            FROM samples_1min a JOIN meters m ON m.key = a.meter
            WHERE m.id = $meter AND a.minute BETWEEN $from AND $to ORDER BY a.minute
            """,
            r => new MinuteAggregate(
                r.GetString(0),
                DbValues.Time(r.GetInt64(1)),
                r.GetInt32(2),
                Triple(r, 3),
                Triple(r, 6),
                Triple(r, 9)),
            cancellationToken,
            ("$meter", meterId),
            ("$from", DbValues.Time(from)),
            ("$to", DbValues.Time(to))).ConfigureAwait(false);

    /// <summary>
    /// The means only of the one-minute aggregates in [from, to], oldest first: what a long chart draws, read without
    /// the minima, maxima and meter column (a week is 10,080 rows).
    /// </summary>
    public async Task<IReadOnlyList<MinuteMean>> MeansAsync(string meterId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        => await Query.ListAsync(
            _store,
            """
            SELECT minute, power_mean, current_r_mean, current_t_mean FROM samples_1min
            WHERE meter = (SELECT key FROM meters WHERE id = $meter) AND minute BETWEEN $from AND $to ORDER BY minute
            """,
            r => new MinuteMean(DbValues.Time(r.GetInt64(0)), r.Double(1), r.Double(2), r.Double(3)),
            cancellationToken,
            ("$meter", meterId),
            ("$from", DbValues.Time(from)),
            ("$to", DbValues.Time(to))).ConfigureAwait(false);

    /// <summary>When the meter's last raw sample was taken; null when none is stored.</summary>
    public async Task<DateTimeOffset?> LastSampleTimeAsync(string meterId, CancellationToken cancellationToken)
        => (await Query.ListAsync(
            _store,
            "SELECT max(s.at) FROM samples s WHERE s.meter = (SELECT key FROM meters WHERE id = $meter)",
            r => r.Long(0) is long ms ? DbValues.Time(ms) : (DateTimeOffset?)null,
            cancellationToken,
            ("$meter", meterId)).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>Stores a sample; a second one at the same instant fills in what the first lacked.</summary>
    internal static void Upsert(WriteScope scope, long meterKey, DateTimeOffset at, decimal? power, decimal? currentR, decimal? currentT, string source)
        => scope.Execute(
            """
            INSERT INTO samples (meter, at, power_w, current_r_a, current_t_a, source) VALUES ($meter, $at, $p, $r, $t, $source)
            ON CONFLICT (meter, at) DO UPDATE SET
                power_w = coalesce(excluded.power_w, power_w),
                current_r_a = coalesce(excluded.current_r_a, current_r_a),
                current_t_a = coalesce(excluded.current_t_a, current_t_a)
            """,
            ("$meter", meterKey),
            ("$at", DbValues.Time(at)),
            ("$p", power is decimal p ? (double)p : null),
            ("$r", currentR is decimal r ? (double)r : null),
            ("$t", currentT is decimal t ? (double)t : null),
            ("$source", source));

    private static MinMeanMax? Triple(Microsoft.Data.Sqlite.SqliteDataReader r, int i)
        => r.Double(i) is double min && r.Double(i + 1) is double mean && r.Double(i + 2) is double max ? new MinMeanMax(min, mean, max) : null;
}
