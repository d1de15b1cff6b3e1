using System.Diagnostics;
using System.Globalization;
using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;
using BRoute.Storage;
using BRoute.Storage.Writing;
using BRoute.Web;
using BRoute.Web.Dashboard;

namespace BRoute.Benchmarks;

/// <summary>
/// <c>-- api [--rounds N]</c>: the dashboard API over real HTTP (Kestrel on 127.0.0.1) on a store holding one year of
/// one meter: 17,520 half-hours, a year of one-minute aggregates and 14 days of raw samples every 10 s (the default
/// retention). Prints the median and p95 of each request; the target is 50 ms.
/// </summary>
public static class ApiBenchmark
{
    private const string MeterId = "001C640000A1B2C3";
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    public static Task<int>? TryRun(string[] args) => args switch
    {
        ["api", "--rounds", var n] => RunAsync(int.Parse(n, CultureInfo.InvariantCulture)),
        ["api"] => RunAsync(50),
        _ => null,
    };

    private static async Task<int> RunAsync(int rounds)
    {
        var folder = Directory.CreateTempSubdirectory("broute-bench-api-").FullName;
        try
        {
            var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()); // whole seconds, as stored
            using var store = MeterStore.Open(new StoreOptions { Path = Path.Combine(folder, "broute.db") });
            var fill = Stopwatch.StartNew();
            await FillAsync(store, now);
            Console.WriteLine($"filled in {fill.Elapsed.TotalSeconds:0.0} s: {new FileInfo(store.Path).Length / 1e6:0.0} MB");

            var live = new LiveState();
            live.Observe(new MeasurementsEvent(now, [new Measurement(MeterId, Quantity.Power, 500, ValueStatus.Ok, null, now, ValueSource.Get)]));
            await using var server = await WebServer.StartAsync(
                new WebServerOptions { Port = 0 },
                new WebServerParts { Health = () => true, Map = app => DashboardApi.Map(app, store, live, TimeProvider.System) });
            using var http = new HttpClient { BaseAddress = server.Address };
            var today = DateOnly.FromDateTime(now.ToOffset(Jst).DateTime);
            var midnight = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), Jst);
            (string Name, string Path)[] requests =
            [
                ("half-hours, one day", $"/api/half-hours?from={midnight.ToUnixTimeSeconds()}&to={midnight.AddDays(1).ToUnixTimeSeconds()}"),
                ("half-hours, a year", $"/api/half-hours?from={now.AddDays(-365).ToUnixTimeSeconds()}&to={now.ToUnixTimeSeconds()}"),
                ("daily, 31 days", "/api/daily"),
                ("daily, a year", $"/api/daily?from={today.AddDays(-364):yyyy-MM-dd}&to={today:yyyy-MM-dd}"),
                ("monthly, 12 months", "/api/monthly"),
                ("samples, 6 h raw", "/api/samples"),
                ("samples, 7 days of minutes", $"/api/samples?from={now.AddDays(-7).ToUnixTimeSeconds()}&to={now.ToUnixTimeSeconds()}"),
            ];
            // CPU ms: the process's processor time per request (server and client together), which a busy machine
            // inflates far less than the wall clock.
            Console.WriteLine($"{"request",-28} {"bytes",9} {"median ms",10} {"p95 ms",8} {"CPU ms",8}");
            var worst = 0.0;
            foreach (var (name, path) in requests)
            {
                var times = new List<double>();
                long bytes = 0;
                var cpu = TimeSpan.Zero;
                for (var i = 0; i < rounds + 3; i++)
                {
                    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    var watch = Stopwatch.StartNew();
                    using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
                    var body = await response.Content.ReadAsByteArrayAsync();
                    watch.Stop();
                    response.EnsureSuccessStatusCode();
                    bytes = body.Length;
                    if (i >= 3)
                    {
                        times.Add(watch.Elapsed.TotalMilliseconds); // the first three warm up
                        cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                    }
                }

                times.Sort();
                var median = times[times.Count / 2];
                var p95 = times[(int)Math.Ceiling(times.Count * 0.95) - 1];
                worst = Math.Max(worst, p95);
                Console.WriteLine($"{name,-28} {bytes,9} {median,10:0.0} {p95,8:0.0} {cpu.TotalMilliseconds / rounds,8:0.0}");
            }

            // The same ranges straight from the store, to tell the store's share from HTTP and JSON.
            var yearAgo = now.AddDays(-365);
            Console.WriteLine($"{"store: half-hours, a year",-28} {"",9} {await MedianAsync(rounds, () => store.HalfHours.RangeAsync(MeterId, yearAgo, now, default)),10:0.0}");
            Console.WriteLine($"{"store: half-hours lean, year",-28} {"",9} {await MedianAsync(rounds, async () => await store.HalfHours.ValuesAsync(MeterId, yearAgo, now, default).CountAsync()),10:0.0}");
            Console.WriteLine($"{"store: daily, 365 days",-28} {"",9} {await MedianAsync(rounds, () => store.Totals.DailyAsync(MeterId, today.AddDays(-364), today, default)),10:0.0}");
            Console.WriteLine($"{"store: daily, 365, cold",-28} {"",9} {await ColdDailyMedianAsync(rounds, store.Path, today),10:0.0}");
            Console.WriteLine($"{"store: monthly, 12 months",-28} {"",9} {await MedianAsync(rounds, () => store.Totals.MonthlyAsync(MeterId, new DateOnly(today.Year, today.Month, 1).AddMonths(-11), today, default)),10:0.0}");
            Console.WriteLine($"{"store: minute means, 7 days",-28} {"",9} {await MedianAsync(rounds, () => store.Samples.MeansAsync(MeterId, now.AddDays(-7), now, default)),10:0.0}");
            Console.WriteLine($"{"store: minutes, 7 days",-28} {"",9} {await MedianAsync(rounds, () => store.Samples.MinutesAsync(MeterId, now.AddDays(-7), now, default)),10:0.0}");
            Console.WriteLine(worst <= 50 ? $"every p95 within 50 ms (worst {worst:0.0} ms)" : $"over 50 ms: worst p95 {worst:0.0} ms");
            return worst <= 50 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The first daily request of a freshly opened store: the SQL over a year, before any day sum is kept.</summary>
    private static async Task<double> ColdDailyMedianAsync(int rounds, string path, DateOnly today)
    {
        var times = new List<double>();
        for (var i = 0; i < rounds + 3; i++)
        {
            using var fresh = MeterStore.Open(new StoreOptions { Path = path });
            var watch = Stopwatch.StartNew();
            await fresh.Totals.DailyAsync(MeterId, today.AddDays(-364), today, default);
            if (i >= 3)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static async Task<double> MedianAsync<T>(int rounds, Func<Task<T>> query)
    {
        var times = new List<double>();
        for (var i = 0; i < rounds + 3; i++)
        {
            var watch = Stopwatch.StartNew();
            await query();
            if (i >= 3)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>A year of half-hours through the store's API; samples through its writer, then maintenance as the daemon runs it.</summary>
    private static async Task FillAsync(MeterStore store, DateTimeOffset now)
    {
        var local = now.ToOffset(Jst);
        var end = new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, local.Minute >= 30 ? 30 : 0, 0, Jst);
        var register = 10_000m;
        // The identity the daemon stores on connect: E1 0.01 kWh, D3 1, D7 8 digits (wraps at 1,000,000 kWh).
        await store.Meters.UpsertAsync(new MeterIdentity(MeterId, "000016", "BENCH", "Appendix F", 1, 0.01m, 8, MeasuresExport: true, SinglePhaseTwoWire: false), default);
        for (var slot = end.AddDays(-365).AddMinutes(30); slot <= end; slot = slot.AddMinutes(30))
        {
            register += 0.05m + (slot.Hour % 7 * 0.06m);
            await store.HalfHours.UpsertAsync(new HalfHour(MeterId, slot, SlotEnergy.Of(register), SlotEnergy.Of(0), ValueSource.History), default);
        }

        // Older than the raw retention: one sample a minute, aggregated and then deleted by maintenance; the last 14 days every 10 s.
        await SamplesAsync(store, now.AddDays(-365), now.AddDays(-14), TimeSpan.FromMinutes(1));
        await store.RunMaintenanceAsync(now, default);
        await SamplesAsync(store, now.AddDays(-14), now, TimeSpan.FromSeconds(10));
        await store.RunMaintenanceAsync(now, default);
    }

    private static async Task SamplesAsync(MeterStore store, DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        var writer = new StoreWriter(store);
        using var stop = new CancellationTokenSource();
        var writing = writer.RunAsync(stop.Token);
        var posted = 0;
        for (var at = from; at < to; at += step)
        {
            var watts = 200 + (int)(at.ToUnixTimeSeconds() / 10 % 300 * 10);
            writer.Post(new MeasurementsEvent(at, [
                new Measurement(MeterId, Quantity.Power, watts, ValueStatus.Ok, null, at, ValueSource.Get),
                new Measurement(MeterId, Quantity.CurrentR, watts / 100m, ValueStatus.Ok, null, at, ValueSource.Get),
            ]));
            if (++posted % 4000 == 0 || at + step >= to)
            {
                using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                while (await store.Samples.LastSampleTimeAsync(MeterId, default) is not { } last || last < at)
                {
                    if (writing.IsCompleted)
                    {
                        await writing; // the writer stopped: say why
                        throw new InvalidOperationException($"the writer stopped early: {writer.Statistics}");
                    }

                    await Task.Delay(5, patience.Token); // throws rather than waiting for ever on a writer that stopped
                }
            }
        }

        await stop.CancelAsync();
        await writing;
    }
}
