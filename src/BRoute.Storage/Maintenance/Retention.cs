using System.Globalization;
using BRoute.Storage.Schema;

namespace BRoute.Storage.Maintenance;

/// <summary>What one maintenance run did.</summary>
/// <param name="MinutesAggregated">One-minute aggregate rows written (new or recomputed).</param>
/// <param name="SamplesDeleted">Raw samples older than the raw retention removed.</param>
/// <param name="EnergyReadingsDeleted">Energy readings older than the raw retention removed.</param>
/// <param name="MinutesDeleted">One-minute aggregates older than their retention removed.</param>
public sealed record MaintenanceReport(int MinutesAggregated, int SamplesDeleted, int EnergyReadingsDeleted, int MinutesDeleted);

/// <summary>Aggregation and retention (see <see cref="MeterStore.RunMaintenanceAsync"/>).</summary>
internal static class Retention
{
    private const long MinuteMs = 60_000;
    private const long LateMinutes = 10;

    public static async Task<MaintenanceReport> RunAsync(MeterStore store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowMs = DbValues.Time(now);
        var finishedMinutes = nowMs / MinuteMs * MinuteMs; // minutes before this one are complete
        var rawCutoff = DbValues.Time(now - store.Options.RawSampleRetention);
        var aggregateCutoff = DbValues.Time(now - store.Options.MinuteAggregateRetention);

        // Each step is its own transaction so that a long first run does not hold the writer for long.
        var aggregated = await store.WriteAsync(scope => Aggregate(scope, finishedMinutes), cancellationToken).ConfigureAwait(false);
        var samples = await store.WriteAsync(
            scope => scope.Execute("DELETE FROM samples WHERE at < $cutoff AND at < $done", ("$cutoff", rawCutoff), ("$done", finishedMinutes)),
            cancellationToken).ConfigureAwait(false);
        var readings = await store.WriteAsync(
            scope => scope.Execute("DELETE FROM energy_readings WHERE at < $cutoff", ("$cutoff", rawCutoff)),
            cancellationToken).ConfigureAwait(false);
        var minutes = await store.WriteAsync(
            scope => scope.Execute("DELETE FROM samples_1min WHERE minute < $cutoff", ("$cutoff", aggregateCutoff)),
            cancellationToken).ConfigureAwait(false);
        await store.WriteAsync(scope => scope.Execute("PRAGMA optimize"), cancellationToken).ConfigureAwait(false);
        return new MaintenanceReport(aggregated, samples, readings, minutes);
    }

    /// <summary>
    /// Per meter, (re)computes every minute from ten minutes before its last aggregated minute (the writer may store
    /// samples a little late) up to the last finished minute.
    /// </summary>
    private static int Aggregate(WriteScope scope, long finishedMinutes)
    {
        var keys = new List<long>();
        using (var command = scope.Command("SELECT key FROM meters"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                keys.Add(reader.GetInt64(0));
            }
        }

        var written = 0;
        foreach (var key in keys)
        {
            var last = scope.Scalar("SELECT max(minute) FROM samples_1min WHERE meter = $meter", ("$meter", key));
            var from = last is null or DBNull ? long.MinValue : Convert.ToInt64(last, CultureInfo.InvariantCulture) - (LateMinutes * MinuteMs);
            written += scope.Execute(
                """
                INSERT OR REPLACE INTO samples_1min (
                    meter, minute, samples, power_min, power_mean, power_max,
                    current_r_min, current_r_mean, current_r_max, current_t_min, current_t_mean, current_t_max)
                SELECT meter, at / 60000 * 60000 AS m, count(*),
                       min(power_w), avg(power_w), max(power_w),
                       min(current_r_a), avg(current_r_a), max(current_r_a),
                       min(current_t_a), avg(current_t_a), max(current_t_a)
                FROM samples
                WHERE meter = $meter AND at >= $from AND at < $to
                GROUP BY m
                """,
                ("$meter", key),
                ("$from", from),
                ("$to", finishedMinutes));
        }

        return written;
    }
}
