using BRoute.Daemon.Configuration;
using BRoute.Metrics;
using BRoute.Monitoring;
using BRoute.Mqtt;
using BRoute.Storage;
using BRoute.Storage.Writing;
using BRoute.Web;
using BRoute.Web.Dashboard;
using Microsoft.Extensions.Logging;

namespace BRoute.Daemon.Runtime;

/// <summary>
/// What <c>broute run</c> does, as a plain class (the generic host only starts and stops it): one
/// <see cref="MeterMonitor"/> per meter, and every output subscribed to its events — the SQLite store, the Prometheus
/// metrics, the web server (and MQTT when configured) — each through its own subscription, so no output can stall
/// the radio or another output. Retention runs every <see cref="DaemonOptions.MaintenanceInterval"/>.
/// </summary>
public sealed class BRouteDaemon : IAsyncDisposable
{
    private readonly DaemonSettings _settings;
    private readonly DaemonOptions _options;
    private readonly ILogger _logger;
    private readonly List<MeterMonitor> _monitors = [];
    private readonly List<Task> _loops = [];
    private readonly List<MonitorSubscription> _subscriptions = [];
    private MeterStore? _store;
    private StoreWriter? _writer;
    private WebServer? _web;
    private MqttPublisher? _mqtt;
    private int _started;

    public BRouteDaemon(DaemonSettings settings, DaemonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _options = options ?? new DaemonOptions();
        _logger = _options.LoggerFactory.CreateLogger("BRoute.Daemon");
        Metrics = new MonitorMetrics();
    }

    /// <summary>What the dashboard shows live.</summary>
    public LiveState Live { get; } = new();

    /// <summary>The store (null before <see cref="StartAsync"/>).</summary>
    public MeterStore? Store => _store;

    /// <summary>The web server's address (null when off or not started).</summary>
    public Uri? WebAddress => _web?.Address;

    /// <summary>The Prometheus metrics every monitor feeds.</summary>
    public MonitorMetrics Metrics { get; }

    /// <summary>The monitors, one per configured meter, in configuration order.</summary>
    public IReadOnlyList<MeterMonitor> Monitors => _monitors;

    /// <summary>The MQTT publisher (null when no broker is configured or before start).</summary>
    public MqttPublisher? Mqtt => _mqtt;

    /// <summary>The store writer's counters (null before start).</summary>
    public StoreWriterStatistics? WriterStatistics => _writer?.Statistics;

    /// <summary>True while every loop runs (a meter may still be unreachable: that is the monitor's business, not a failure).</summary>
    public bool IsHealthy => _started == 1 && _loops.All(l => !l.IsCompleted);

    /// <summary>
    /// Opens the store, starts the web server and one monitor per meter, and returns; the work goes on until
    /// <paramref name="stopping"/> fires, then <see cref="Completion"/> ends after SKTERM and the last writes.
    /// </summary>
    /// <exception cref="StoreException">The store cannot be opened (damaged, read-only, newer); nothing was started.</exception>
    /// <exception cref="WebServerException">The web server cannot listen as configured; nothing was started.</exception>
    public async Task StartAsync(CancellationToken stopping)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("the daemon runs once");
        }

        var time = _options.TimeProvider;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_settings.Store.Path))!);
        _store = MeterStore.Open(
            new StoreOptions { Path = _settings.Store.Path, RawSampleRetention = _settings.Store.SampleRetention, MinuteAggregateRetention = _settings.Store.AggregateRetention },
            time,
            _options.LoggerFactory.CreateLogger("BRoute.Storage"));
        _writer = new StoreWriter(_store, null, _options.LoggerFactory.CreateLogger("BRoute.Storage.Writer"));
        if (_settings.Web.Enabled)
        {
            try
            {
                _web = await WebServer.StartAsync(
                    new WebServerOptions { Host = _settings.Web.Host, Port = _settings.Web.Port, Token = _settings.Web.Token },
                    new WebServerParts
                    {
                        Health = () => IsHealthy,
                        Metrics = Metrics,
                        Map = app =>
                        {
                            DashboardApi.Map(app, _store, Live, time, _settings.Tariff);
                            DashboardAssets.Map(app);
                        },
                    },
                    _options.LoggerFactory,
                    stopping).ConfigureAwait(false);
            }
            catch
            {
                _store.Dispose();
                throw;
            }
        }

        if (_settings.Mqtt is { } mqtt)
        {
            _mqtt = new MqttPublisher(MqttOptions(mqtt), new StoreHalfHourOutbox(_store), time, _options.LoggerFactory.CreateLogger<MqttPublisher>());
            _mqtt.Start();
        }

        foreach (var meter in _settings.Meters)
        {
            var monitorOptions = new MeterMonitorOptions
            {
                Session = SessionOptionsFactory.Create(meter, _settings, _options),
                Schedule = _options.Schedule,
                Seed = _options.Seed,
                History = _store,
            };
            var monitor = new MeterMonitor(_options.AdjustMonitor?.Invoke(monitorOptions) ?? monitorOptions);
            _monitors.Add(monitor);
            _loops.Add(PumpAsync("store", Subscribe(monitor), e => _writer.Post(e)));
            _loops.Add(PumpAsync("metrics", Subscribe(monitor), Metrics.Observe));
            _loops.Add(PumpAsync("dashboard", Subscribe(monitor), Live.Observe));
            if (_mqtt is { } publisher)
            {
                _loops.Add(PumpAsync("mqtt", Subscribe(monitor), publisher.Post));
            }
        }

        var writerLoop = _writer.RunAsync(CancellationToken.None);
        var monitorLoops = _monitors.Select(m => m.RunAsync(stopping)).ToList();
        _loops.AddRange(monitorLoops);
        _loops.Add(MaintenanceLoopAsync(stopping));
        DaemonLog.Started(_logger, _settings.Meters.Count, _store.Path, _web?.Address.ToString() ?? "off", _settings.Mqtt?.Broker.ToString() ?? "off");
        Completion = StopWhenDoneAsync(monitorLoops, writerLoop);
    }

    /// <summary>
    /// True when every event the monitors published has been taken by its output and the store writer has nothing
    /// queued (fake-clock runs move the clock only then).
    /// </summary>
    internal bool IsQuiet
    {
        get
        {
            lock (_subscriptions)
            {
                if (_subscriptions.Any(s => s.Count > 0))
                {
                    return false;
                }
            }

            return _writer is null || _writer.Statistics.Pending == 0;
        }
    }

    private MonitorSubscription Subscribe(MeterMonitor monitor)
    {
        var subscription = monitor.Subscribe();
        lock (_subscriptions)
        {
            _subscriptions.Add(subscription);
        }

        return subscription;
    }

    /// <summary>Ends after <c>stopping</c> fired and everything has stopped (the monitors closed their sessions, the writer drained).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Completion.ConfigureAwait(false);
        _store?.Dispose();
    }

    private async Task StopWhenDoneAsync(List<Task> monitorLoops, Task writerLoop)
    {
        await Task.WhenAll(monitorLoops).ConfigureAwait(false); // ends when stopping fires (each monitor SKTERMs first)
        DaemonLog.Stopping(_logger);
        await Task.WhenAll(_loops.Except(monitorLoops)).ConfigureAwait(false); // subscriptions end with their monitor
        _writer!.Complete();
        await writerLoop.ConfigureAwait(false);
        if (_mqtt is not null)
        {
            // The meters are offline now (their monitors published "stopped"); then the daemon's own "offline".
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                await _mqtt.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The broker is away: the last will says "offline" for us.
            }

            await _mqtt.DisposeAsync().ConfigureAwait(false);
        }
        if (_web is not null)
        {
            await _web.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await _web.DisposeAsync().ConfigureAwait(false);
        }

        DaemonLog.Stopped(_logger);
    }

    private MqttPublisherOptions MqttOptions(MqttSettings mqtt) => new()
    {
        Broker = mqtt.Broker,
        Username = mqtt.User,
        Password = mqtt.Password,
        ClientId = mqtt.ClientId,
        Protocol = mqtt.Protocol == "3.1.1" ? MqttProtocol.V311 : MqttProtocol.V5,
        CaFile = mqtt.CaFile,
        ClientCertificateFile = mqtt.ClientCertificate,
        ClientKeyFile = mqtt.ClientKey,
        AllowUntrustedCertificates = mqtt.AllowUntrustedCertificates,
        TopicPrefix = mqtt.TopicPrefix,
        DiscoveryPrefix = mqtt.DiscoveryPrefix.Length == 0 ? "homeassistant" : mqtt.DiscoveryPrefix,
        HomeAssistantDiscovery = mqtt.DiscoveryPrefix.Length > 0,
        SoftwareVersion = typeof(BRouteDaemon).Assembly.GetName().Version?.ToString(),
    };

    private async Task PumpAsync(string part, MonitorSubscription subscription, Action<MonitorEvent> consume)
    {
        await Task.Yield();
        using (subscription)
        {
            try
            {
                await foreach (var e in subscription.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    consume(e);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                DaemonLog.PartFailed(_logger, part, ex.Message);
                throw;
            }
        }
    }

    private async Task MaintenanceLoopAsync(CancellationToken stopping)
    {
        var time = _options.TimeProvider;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.MaintenanceInterval, time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                var report = await _store!.RunMaintenanceAsync(time.GetUtcNow(), stopping).ConfigureAwait(false);
                DaemonLog.Maintenance(_logger, report.ToString());
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (StoreException ex)
            {
                DaemonLog.MaintenanceFailed(_logger, ex.Message, _options.MaintenanceInterval);
            }
        }
    }
}
