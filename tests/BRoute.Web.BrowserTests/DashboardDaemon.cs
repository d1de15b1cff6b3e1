using BRoute.Authentication;
using BRoute.Daemon.Configuration;
using BRoute.Daemon.Runtime;
using BRoute.Session;
using BRoute.Simulator;
using BRoute.Simulator.Meter;
using BRoute.Storage;

namespace BRoute.Web.BrowserTests;

/// <summary>
/// The whole daemon for the page to look at: the in-memory simulated dongle and meter (radio latency 0, meter clock
/// × 1800, a household load so power changes), a real SQLite file filled with a year of half-hours and six hours of samples
/// through the store's API, a real Kestrel on 127.0.0.1 and a free port. Stopped (and checked to stop cleanly) when the tests end.
/// </summary>
public sealed class DashboardDaemon : IAsyncLifetime
{
    public const string MeterId = "001C640000A1B2C3";
    private const string Id = "7A3F00C1B2D4E5F60718293A4B5C6D7E";
    private const string Password = "Xq7Pw2Lm9Rt4";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _folder = Directory.CreateTempSubdirectory("broute-web-").FullName;
    private readonly CancellationTokenSource _stop = new();
    private SimulatorHost? _sim;
    private BRouteDaemon? _daemon;

    public BRouteDaemon Daemon => _daemon ?? throw new InvalidOperationException("not started");

    public MeterStore Store => Daemon.Store!;

    public Uri Address => Daemon.WebAddress!;

    public async Task InitializeAsync()
    {
        _sim = new SimulatorHost(new SimulatorOptions
        {
            LatencyScale = 0,
            TimeScale = 1800,

            // The meter's own half-hours (a new one each second) land in 2020, clear of the year the store was filled with.
            Start = new DateTimeOffset(2020, 3, 14, 8, 50, 0, TimeSpan.FromHours(9)),
            Seed = 12,
            Meter = new MeterOptions { RouteBId = Id, Password = Password, Load = LoadModel.Household },
        });
        _daemon = new BRouteDaemon(
            new DaemonSettings
            {
                Meters = [new MeterSettings("house", "/dev/null-not-used", Credentials.Create(Id, Password), null)],
                StateDirectory = _folder,
                Store = new StoreSettings(Path.Combine(_folder, "broute.db"), TimeSpan.FromDays(14), TimeSpan.FromDays(730)),
                Timeouts = TimeoutSettings.Defaults,
                Web = new WebSettings(true, "127.0.0.1", 0, null),
            },
            new DaemonOptions { OpenDevice = _ => SkDeviceFactories.FromStream(_ => ValueTask.FromResult(_sim.ConnectInMemory())), Seed = 4 });
        await _daemon.StartAsync(_stop.Token);
        using var timeout = new CancellationTokenSource(Patience);
        await StoreFill.FillAsync(Store, MeterId, DateTimeOffset.UtcNow, timeout.Token);
        await StoreFill.SamplesAsync(Store, MeterId, DateTimeOffset.UtcNow.AddSeconds(-30), timeout.Token);
        await WaitAsync(async () => (await Store.Samples.RangeAsync(MeterId, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), default)).Any(s => s.PowerW is not null), "a stored power sample");
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_daemon is not null)
            {
                await _stop.CancelAsync();
                await _daemon.Completion.WaitAsync(TimeSpan.FromSeconds(30));
                await _daemon.DisposeAsync();
            }
        }
        finally
        {
            _sim?.Dispose();
            _stop.Dispose();
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Waits for <paramref name="condition"/>, polling every 50 ms, failing after 90 s.</summary>
    public static async Task WaitAsync(Func<Task<bool>> condition, string what)
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
