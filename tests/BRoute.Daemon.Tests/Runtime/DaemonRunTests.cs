using System.Text;
using BRoute.Authentication;
using BRoute.Daemon.Configuration;
using BRoute.Daemon.Runtime;
using BRoute.Monitoring;
using BRoute.Session;
using BRoute.Simulator;
using BRoute.Simulator.Meter;
using BRoute.Simulator.Timing;
using BRoute.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace BRoute.Daemon.Tests.Runtime;

/// <summary>
/// The daemon for real: an in-memory simulated dongle and meter (radio latency 0, meter clock × 1800 so a half-hour
/// notification comes every second), a real SQLite file, a real Kestrel on a free local port; the daemon on the meter's
/// calendar (<see cref="SimulatedCalendar"/>) and real timers, with every wait on a condition and a timeout. (On the host's
/// calendar the meter's 1800× clock passes midnight within a minute, and the history's days would be dated by a
/// different "today" than the meter's.)
/// </summary>
public sealed class DaemonRunTests : IDisposable
{
    private const string Id = "7A3F00C1B2D4E5F60718293A4B5C6D7E";
    private const string Password = "Xq7Pw2Lm9Rt4";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("broute-daemon-").FullName;
    private readonly LogCapture _log = new();

    [Fact]
    public async Task It_stores_readings_and_half_hours_serves_metrics_and_stops_cleanly()
    {
        using var sim = new SimulatorHost(new SimulatorOptions
        {
            LatencyScale = 0,
            TimeScale = 1800,
            Seed = 5,
            Meter = new MeterOptions { RouteBId = Id, Password = Password, Load = LoadModel.Constant, ConstantLoadW = 1200 },
        });
        using var stop = new CancellationTokenSource();
        var daemon = new BRouteDaemon(Settings(), Options(sim));

        await daemon.StartAsync(stop.Token);
        var store = daemon.Store!;
        await WaitAsync(async () => (await store.Samples.RangeAsync(MeterId, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, default)).Count >= 1, "a stored sample");
        await WaitAsync(async () => (await store.HalfHours.RangeAsync(MeterId, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, default)).Count(h => h.ImportSource == ValueSource.Notification) >= 3, "three notified half-hours");
        // The meter's 100 days of history, filled in the first seconds (the meter holds 100 days before the start).
        await WaitAsync(async () => (await store.HalfHours.RangeAsync(MeterId, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, default)).Count(h => h.ImportSource == ValueSource.History) >= 99 * 48, "the meter's history");

        using var http = new HttpClient { BaseAddress = daemon.WebAddress };
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains($"broute_power_watts{{meter=\"{MeterId}\"}} 1200", metrics, StringComparison.Ordinal);
        Assert.Contains($"broute_meter_up{{meter=\"{MeterId}\"}} 1", metrics, StringComparison.Ordinal);
        Assert.Equal("ok\n", await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));

        var samples = await store.Samples.RangeAsync(MeterId, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, default);
        Assert.True(samples.All(s => s.PowerW is null or 1200) && samples.Any(s => s.PowerW == 1200), string.Join("\n", samples));
        var halfHours = await store.HalfHours.RangeAsync(MeterId, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, default);
        Assert.All(halfHours, h => Assert.Contains(h.SlotEnd.Minute, new[] { 0, 30 }));

        // Every stored half-hour is the meter's own value to the last digit (the simulator's ground truth).
        var truth = sim.TruthSlots(DateTimeOffset.MinValue).ToDictionary(t => t.SlotEnd);
        var compared = 0;
        foreach (var h in halfHours.Where(h => truth.ContainsKey(h.SlotEnd)))
        {
            Assert.Equal(truth[h.SlotEnd].ImportKwh, h.Import.Kwh);
            // A live notification without EB leaves the export to the next history check (minutes after the slot, on
            // the daemon's clock): not known yet is not a wrong value. Whatever is stored equals the meter's.
            Assert.True(h.Export.IsAbsent ? h.ImportSource == ValueSource.Notification : truth[h.SlotEnd].ExportKwh == h.Export.Kwh, $"export at {h.SlotEnd}: truth {truth[h.SlotEnd].ExportKwh}, stored {h.Export} from {h.ExportSource} (import from {h.ImportSource})");
            compared++;
        }

        Assert.True(compared >= 99 * 48, $"only {compared} stored half-hours were compared with the truth");

        await stop.CancelAsync();
        await daemon.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("SKTERM", sim.Stats.ToString() + string.Join('\n', _log.Lines), StringComparison.Ordinal);
        await daemon.DisposeAsync();

        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "broute.db")}");
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", check.ExecuteScalar());
        var everything = string.Join('\n', _log.Lines) + Encoding.Latin1.GetString(await File.ReadAllBytesAsync(Path.Combine(_folder, "broute.db")));
        Assert.DoesNotContain(Password, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Id, everything, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string MeterId = "001C640000A1B2C3";

    private DaemonSettings Settings() => new()
    {
        Meters = [new MeterSettings("house", "/dev/null-not-used", Credentials.Create(Id, Password), null)],
        StateDirectory = _folder,
        Store = new StoreSettings(Path.Combine(_folder, "broute.db"), TimeSpan.FromDays(14), TimeSpan.FromDays(730)),
        Timeouts = TimeoutSettings.Defaults,
        Web = new WebSettings(true, "127.0.0.1", 0, null),
    };

    private DaemonOptions Options(SimulatorHost sim) => new()
    {
        OpenDevice = _ => SkDeviceFactories.FromStream(_ => ValueTask.FromResult(sim.ConnectInMemory())),
        TimeProvider = new SimulatedCalendar(sim.Clock),
        LoggerFactory = LoggerFactory.Create(b => b.AddProvider(_log).SetMinimumLevel(LogLevel.Trace)),
        Seed = 3,
    };

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"no {what} within {Patience.TotalSeconds:0} s");
            }
        }
    }
}
