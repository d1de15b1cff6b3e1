using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;
using BRoute.Storage;
using BRoute.Storage.Writing;
using BRoute.Web.Dashboard;
using Microsoft.Extensions.Time.Testing;

namespace BRoute.Web.Tests.Dashboard;

/// <summary>
/// The dashboard API on a real Kestrel (127.0.0.1, free port) over a real SQLite file filled through the store's own
/// API: 30 days of half-hours (one "no data" slot), 7 days of samples every 10 s ending now (one with no power), and
/// the meter known to the live state. "Now" is a fake clock so the API's default ranges are exact.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    public const string MeterId = "001C640000A1B2C3";
    public static readonly TimeSpan Jst = TimeSpan.FromHours(9);
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 19, 0, 5, Jst);
    public static readonly DateTimeOffset NoDataSlot = new(2026, 11, 26, 10, 30, 0, Jst);
    public static readonly DateTimeOffset NoPowerSample = Now.AddHours(-2);
    public static readonly DateTimeOffset AggregatedUpTo = Now.AddDays(-1);

    private readonly string _folder;
    private readonly WebServer _server;

    private ApiServer(string folder, MeterStore store, LiveState live, WebServer server)
    {
        _folder = folder;
        Store = store;
        Live = live;
        _server = server;
    }

    public MeterStore Store { get; }

    public LiveState Live { get; }

    public Uri Address => _server.Address;

    /// <summary>The meter as it identifies itself (and the store keeps: its unit and digits give the wrap).</summary>
    public static readonly MeterIdentity Identity = new(MeterId, "000016", "A1B2C3", "Appendix J", 1, 0.1m, 6, true, false);

    /// <summary>Starts a server; <paramref name="samples"/> false leaves out the week of samples (faster).</summary>
    public static async Task<ApiServer> StartAsync(string? token = null, bool samples = true, BRoute.Web.Cost.Tariff? tariff = null)
    {
        var time = new FakeTimeProvider(Now);
        var folder = Directory.CreateTempSubdirectory("broute-api-").FullName;
        var store = MeterStore.Open(new StoreOptions { Path = Path.Combine(folder, "broute.db") }, time);
        await FillAsync(store, samples);
        var live = new LiveState();
        live.Observe(new MeterIdentifiedEvent(Now, Identity));
        live.Observe(new MeasurementsEvent(Now, [
            new Measurement(MeterId, Quantity.Power, 628, ValueStatus.Ok, null, Now.AddSeconds(-3), ValueSource.Get),
            new Measurement(MeterId, Quantity.CurrentR, 5.5m, ValueStatus.Ok, null, Now.AddSeconds(-3), ValueSource.Get),
            new Measurement(MeterId, Quantity.CurrentT, 1.2m, ValueStatus.Ok, null, Now.AddSeconds(-3), ValueSource.Get),
        ]));
        var server = await WebServer.StartAsync(
            new WebServerOptions { Port = 0, Token = token },
            new WebServerParts
            {
                Health = () => true,
                Map = app =>
                {
                    DashboardApi.Map(app, store, live, time, tariff);
                    DashboardAssets.Map(app);
                },
            });
        return new ApiServer(folder, store, live, server);
    }

    public HttpClient Client() => new() { BaseAddress = Address };

    /// <summary>Import during the slot ending at <paramref name="slotEnd"/>: a daily shape, 0.05 to 0.45 kWh.</summary>
    public static decimal ImportDuring(DateTimeOffset slotEnd) => 0.05m + (((slotEnd.ToOffset(Jst).Hour * 7) + (slotEnd.Minute / 30 * 3)) % 9 * 0.05m);

    private static async Task FillAsync(MeterStore store, bool samples)
    {
        await store.Meters.UpsertAsync(Identity, default);
        var register = 5000m;
        var exported = 100m;
        var first = new DateTimeOffset(2026, 10, 29, 0, 30, 0, Jst);
        for (var end = first; end <= Now; end = end.AddMinutes(30))
        {
            register += ImportDuring(end);
            exported += end.Hour is >= 10 and < 14 ? 0.2m : 0m;
            var import = end == NoDataSlot ? SlotEnergy.NoData : SlotEnergy.Of(register);
            await store.HalfHours.UpsertAsync(new HalfHour(MeterId, end, import, SlotEnergy.Of(exported), ValueSource.History), default);
        }

        if (!samples)
        {
            return;
        }

        // Samples go in only through the writer; each hour is waited for in the store itself (not on the writer's
        // counters), so no sample is dropped from its queue.
        var writer = new StoreWriter(store);
        using var stop = new CancellationTokenSource();
        var writing = writer.RunAsync(stop.Token);
        var posted = 0;
        for (var at = Now.AddDays(-7); at <= Now; at = at.AddSeconds(10))
        {
            var watts = 300 + (int)(at.ToUnixTimeSeconds() / 10 % 97 * 10);
            var status = at == NoPowerSample ? ValueStatus.NoData : ValueStatus.Ok;
            writer.Post(new MeasurementsEvent(at, [
                new Measurement(MeterId, Quantity.Power, status == ValueStatus.Ok ? watts : null, status, null, at, ValueSource.Get),
                new Measurement(MeterId, Quantity.CurrentR, watts / 100m, ValueStatus.Ok, null, at, ValueSource.Get),
            ]));
            if (++posted % 360 == 0 || at.AddSeconds(10) > Now)
            {
                await WrittenAsync(store, at);
            }
        }

        await stop.CancelAsync();
        await writing;

        // Maintenance aggregated minutes up to a day ago; the last day is in raw samples only.
        await store.RunMaintenanceAsync(AggregatedUpTo, default);
    }

    private static async Task WrittenAsync(MeterStore store, DateTimeOffset last)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await store.Samples.LastSampleTimeAsync(MeterId, default) is not { } stored || stored < last)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>One filled server shared by the tests of a class that only read.</summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    public ApiServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
