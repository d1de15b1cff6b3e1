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
    private CancellationTokenSource _stop = new();
    private SimulatorHost? _sim;
    private BRouteDaemon? _daemon;

    public BRouteDaemon Daemon => _daemon ?? throw new InvalidOperationException("not started");

    public MeterStore Store => Daemon.Store!;

    public Uri Address => Daemon.WebAddress!;

    /// <summary>The store's file (to write to while the daemon is stopped).</summary>
    public string StorePath => Path.Combine(_folder, "broute.db");

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
        await StartAsync(port: 0);
        using var timeout = new CancellationTokenSource(Patience);
        await StoreFill.FillAsync(Store, MeterId, DateTimeOffset.UtcNow, timeout.Token);
        await StoreFill.SamplesAsync(Store, MeterId, DateTimeOffset.UtcNow.AddSeconds(-30), timeout.Token);
        await WaitAsync(async () => (await Store.Samples.RangeAsync(MeterId, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), default)).Any(s => s.PowerW is not null), "a stored power sample");
    }

    /// <summary>Starts the daemon (again) on the same simulator and store, its web server on <paramref name="port"/> (0: any free one).</summary>
    public async Task StartAsync(int port)
    {
        Assert.Null(_daemon);
        var sim = _sim!;
        _daemon = new BRouteDaemon(
            new DaemonSettings
            {
                Meters = [new MeterSettings("house", "/dev/null-not-used", Credentials.Create(Id, Password), null)],
                StateDirectory = _folder,
                Store = new StoreSettings(StorePath, TimeSpan.FromDays(14), TimeSpan.FromDays(730)),
                Timeouts = TimeoutSettings.Defaults,
                Web = new WebSettings(true, "127.0.0.1", port, null),
            },
            new DaemonOptions { OpenDevice = _ => SkDeviceFactories.FromStream(_ => ValueTask.FromResult(sim.ConnectInMemory())), Seed = 4 });
        await _daemon.StartAsync(_stop.Token);
    }

    /// <summary>Stops the daemon and its web server, and checks that it stopped cleanly; the store file stays.</summary>
    public async Task StopAsync()
    {
        var daemon = _daemon ?? throw new InvalidOperationException("not started");
        await _stop.CancelAsync();
        await daemon.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        await daemon.DisposeAsync();
        _daemon = null;
        _stop.Dispose();
        _stop = new CancellationTokenSource();
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_daemon is not null)
            {
                await StopAsync();
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
