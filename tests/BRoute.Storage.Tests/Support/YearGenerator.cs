using System.Diagnostics;
using BRoute.Monitoring;
using BRoute.Storage.Tables;
using Microsoft.Data.Sqlite;

namespace BRoute.Storage.Tests.Support;

/// <summary>
/// Fills a store with one year of one meter as the daemon leaves it in steady state: 17,520 half-hours (import and
/// export), 14 days of samples every 10 s (power, R, T) and of E0/E3 every minute, 1-minute aggregates for the
/// year, and a few events a day. Returns the file size once the store is closed (WAL checkpointed).
/// </summary>
internal static class YearGenerator
{
    public sealed record Result(long Bytes, int HalfHours, int Samples, int Minutes, int Readings, TimeSpan Took);

    public static async Task<Result> RunAsync(string path)
    {
        var clock = Stopwatch.StartNew();
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(9));
        var end = start.AddYears(1);
        var random = new Random(42);
        using var store = MeterStore.Open(new StoreOptions { Path = path, CheckIntegrityOnOpen = false });
        await store.Meters.UpsertAsync(Samples.Meter(), CancellationToken.None);

        var halfHours = 0;
        decimal import = 12_345.6m, export = 321.0m;
        for (var day = start; day < end; day = day.AddDays(1))
        {
            var slots = new List<HalfHour>(48);
            for (var s = 1; s <= 48; s++)
            {
                import += random.Next(0, 20) / 10m;
                export += s is > 18 and < 32 ? random.Next(0, 10) / 10m : 0;
                slots.Add(new HalfHour(Samples.MeterId, day.AddMinutes(30 * s), SlotEnergy.Of(import), SlotEnergy.Of(export), ValueSource.Notification));
            }

            halfHours += await store.WriteAsync(
                scope =>
                {
                    foreach (var h in slots)
                    {
                        HalfHourTable.Upsert(scope, h);
                    }

                    Tables.EventTable.Insert(scope, scope.MeterKey(Samples.MeterId), day.AddHours(3), StoreEventKinds.Reauthenticating, null, "{\"reason\":\"EVENT 29: the module re-authenticates\"}");
                    Tables.EventTable.Insert(scope, scope.MeterKey(Samples.MeterId), day.AddHours(3).AddSeconds(5), StoreEventKinds.Connected, null, "{\"channel\":33,\"pan_id\":\"0x8888\",\"dongle\":\"bp35a1\"}");
                    return slots.Count;
                },
                CancellationToken.None);
        }

        // One-minute aggregates for the year, as maintenance writes them.
        var minutes = 0;
        for (var day = start; day < end; day = day.AddDays(1))
        {
            minutes += await store.WriteAsync(
                scope =>
                {
                    var key = scope.MeterKey(Samples.MeterId);
                    using var command = scope.Command(
                        """
                        INSERT INTO samples_1min (meter, minute, samples, power_min, power_mean, power_max,
                            current_r_min, current_r_mean, current_r_max, current_t_min, current_t_mean, current_t_max)
                        VALUES ($m, $minute, 6, $pmin, $pmean, $pmax, $rmin, $rmean, $rmax, $tmin, $tmean, $tmax)
                        """);
                    var p = command.Parameters;
                    foreach (var name in new[] { "$m", "$minute", "$pmin", "$pmean", "$pmax", "$rmin", "$rmean", "$rmax", "$tmin", "$tmean", "$tmax" })
                    {
                        p.Add(new SqliteParameter(name, null));
                    }

                    p["$m"].Value = key;
                    for (var m = 0; m < 1440; m++)
                    {
                        var basePower = 300 + random.Next(0, 2500);
                        p["$minute"].Value = day.AddMinutes(m).ToUnixTimeMilliseconds();
                        p["$pmin"].Value = (double)(basePower - random.Next(0, 200));
                        p["$pmean"].Value = basePower + (random.Next(0, 1000) / 6.0);
                        p["$pmax"].Value = (double)(basePower + random.Next(0, 400));
                        p["$rmin"].Value = basePower / 100 / 10.0;
                        p["$rmean"].Value = (basePower / 100.0) + (random.Next(0, 10) / 60.0);
                        p["$rmax"].Value = (basePower / 100 / 10.0) + 1;
                        p["$tmin"].Value = basePower / 200 / 10.0;
                        p["$tmean"].Value = (basePower / 200.0) + (random.Next(0, 10) / 60.0);
                        p["$tmax"].Value = (basePower / 200 / 10.0) + 1;
                        command.ExecuteNonQuery();
                    }

                    return 1440;
                },
                CancellationToken.None);
        }

        // The last 14 days of raw samples (every 10 s) and registers (every minute).
        var samples = 0;
        var readings = 0;
        for (var day = end.AddDays(-14); day < end; day = day.AddDays(1))
        {
            var (s, r) = await store.WriteAsync(
                scope =>
                {
                    var key = scope.MeterKey(Samples.MeterId);
                    var n = 0;
                    var k = 0;
                    for (var t = 0; t < 8640; t++)
                    {
                        var power = 300 + random.Next(0, 2500);
                        SampleTable.Upsert(scope, key, day.AddSeconds(10 * t), power, (power / 100) / 10m, (power / 200) / 10m, "get");
                        n++;
                        if (t % 6 == 0)
                        {
                            import += 0.01m;
                            EnergyReadingTable.Upsert(scope, key, EnergyReadingTable.Register, day.AddSeconds(10 * t), null, import, export, "get");
                            k++;
                        }
                    }

                    return (n, k);
                },
                CancellationToken.None);
            samples += s;
            readings += r;
        }

        store.Dispose(); // the last connection to close checkpoints the WAL into the file and removes it
        SqliteConnection.ClearAllPools();
        return new Result(new FileInfo(path).Length, halfHours, samples, minutes, readings, clock.Elapsed);
    }

    /// <summary>Times the dashboard's and exporter's queries on a generated year (warm, best of three).</summary>
    public static async Task<IReadOnlyList<(string Query, double Ms, int Rows)>> TimeQueriesAsync(string path)
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(9));
        var end = start.AddYears(1);
        var ct = CancellationToken.None;
        using var store = MeterStore.Open(new StoreOptions { Path = path });
        var queries = new (string Name, Func<Task<int>> Run)[]
        {
            ("half-hours with deltas, 1 year", async () => (await store.HalfHours.RangeAsync(Samples.MeterId, start, end, ct)).Count),
            ("half-hours with deltas, 2 days", async () => (await store.HalfHours.RangeAsync(Samples.MeterId, end.AddDays(-2), end, ct)).Count),
            ("daily totals, 31 days", async () => (await store.Totals.DailyAsync(Samples.MeterId, DateOnly.FromDateTime(end.AddDays(-31).DateTime), DateOnly.FromDateTime(end.AddDays(-1).DateTime), ct)).Count),
            ("monthly totals, 12 months", async () => (await store.Totals.MonthlyAsync(Samples.MeterId, DateOnly.FromDateTime(start.DateTime), DateOnly.FromDateTime(end.AddDays(-1).DateTime), ct)).Count),
            ("gaps, 100 days", async () => (await store.HalfHours.GapsAsync(Samples.MeterId, end.AddDays(-100), end, ct)).Expected),
            ("raw samples, 6 hours", async () => (await store.Samples.RangeAsync(Samples.MeterId, end.AddHours(-6), end, ct)).Count),
            ("1-minute aggregates, 7 days", async () => (await store.Samples.MinutesAsync(Samples.MeterId, end.AddDays(-7), end, ct)).Count),
            ("last sample time", async () => (await store.Samples.LastSampleTimeAsync(Samples.MeterId, ct)) is null ? 0 : 1),
        };
        var results = new List<(string, double, int)>();
        foreach (var (name, run) in queries)
        {
            var best = double.MaxValue;
            var rows = 0;
            for (var i = 0; i < 3; i++)
            {
                var watch = Stopwatch.StartNew();
                rows = await run();
                best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
            }

            results.Add((name, best, rows));
        }

        return results;
    }
}
