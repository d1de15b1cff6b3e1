using System.Globalization;
using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;
using BRoute.Session;
using Prometheus;

namespace BRoute.Metrics;

/// <summary>
/// Prometheus metrics fed by a monitor's event stream (<see cref="MonitorEvent"/>), in their own registry (no static
/// state, no default process metrics). Every value is updated when an event arrives, so a scrape only serialises
/// (no per-scrape work that could stall). Serve <see cref="Registry"/> with <see cref="WriteAsync"/> or
/// prometheus-net's ASP.NET Core middleware.
/// </summary>
public sealed class MonitorMetrics
{
    private const double JoulesPerKwh = 3_600_000;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, MeterState> _meters = [];
    private readonly Gauge _up;
    private readonly Gauge _power;
    private readonly Gauge _current;
    private readonly Counter _energy;
    private readonly Gauge _halfHourEnergy;
    private readonly Gauge _halfHourEnd;
    private readonly Gauge _rssi;
    private readonly Gauge _lqi;
    private readonly Counter _requests;
    private readonly Counter _resends;
    private readonly Counter _stale;
    private readonly Counter _reauthentications;
    private readonly Counter _reconnects;
    private readonly Gauge _transmit;
    private readonly Gauge _lastReading;
    private readonly Gauge _info;

    /// <summary>Creates the metrics in a new registry.</summary>
    public MonitorMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        string[] meter = ["meter"];
        _up = factory.CreateGauge(MetricNames.MeterUp, "1 while the meter's session is up, 0 while it is being (re)connected or unreachable.", meter);
        _power = factory.CreateGauge(MetricNames.Power, "Instantaneous power (E7) in watts; negative while exporting.", meter);
        _current = factory.CreateGauge(MetricNames.Current, "Instantaneous current (E8) in amperes by phase.", "meter", "phase");
        _energy = factory.CreateCounter(MetricNames.Energy, "The meter's cumulative energy register (E0 import, E3 export) in joules.", "meter", "direction");
        _halfHourEnergy = factory.CreateGauge(MetricNames.HalfHourEnergy, "Energy of the latest complete half-hour in joules, by direction.", "meter", "direction");
        _halfHourEnd = factory.CreateGauge(MetricNames.HalfHourEnd, "End of the latest complete half-hour, seconds since the Unix epoch.", meter);
        _rssi = factory.CreateGauge(MetricNames.LinkRssi, "Signal strength of the meter's last frame in dBm (only where the dongle reports it).", meter);
        _lqi = factory.CreateGauge(MetricNames.LinkLqi, "Link quality indicator of the meter's last frame, 0-255 (only where the dongle reports it).", meter);
        _requests = factory.CreateCounter(MetricNames.Requests, "ECHONET Lite requests sent to the meter.", meter);
        _resends = factory.CreateCounter(MetricNames.Resends, "Resends of a request with the same TID after a timeout or failed send.", meter);
        _stale = factory.CreateCounter(MetricNames.StaleReplies, "Late or duplicate replies to requests already answered or given up.", meter);
        _reauthentications = factory.CreateCounter(MetricNames.Reauthentications, "PANA re-authentications (EVENT 29 then 25).", meter);
        _reconnects = factory.CreateCounter(MetricNames.Reconnects, "Sessions started again after a failure.", meter);
        _transmit = factory.CreateGauge(MetricNames.TransmitSeconds, "Radio transmission time used in the sliding hour in seconds (limit 360).", meter);
        _lastReading = factory.CreateGauge(MetricNames.LastReading, "When the last successful reading arrived, seconds since the Unix epoch.", meter);
        _info = factory.CreateGauge(MetricNames.MeterInfo, "Constant 1, with the meter's identity as labels.", "meter", "maker", "serial", "standard_version");
    }

    /// <summary>The registry holding these metrics.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Consumes the event stream until it ends or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(IAsyncEnumerable<MonitorEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Observe(e);
        }
    }

    /// <summary>Updates the metrics from one event.</summary>
    public void Observe(MonitorEvent monitorEvent)
    {
        ArgumentNullException.ThrowIfNull(monitorEvent);
        lock (_lock)
        {
            switch (monitorEvent)
            {
                case MeasurementsEvent m:
                    foreach (var measurement in m.Measurements)
                    {
                        Observe(measurement);
                    }

                    break;
                case HalfHourEvent h:
                    Observe(h.HalfHour);
                    break;
                case StateChangedEvent s when s.State.MeterId is { } id:
                    _up.WithLabels(id).Set(IsUp(s.State.Kind) ? 1 : 0);
                    break;
                case MeterIdentifiedEvent i:
                    Meter(i.Meter.Id).Identity = i.Meter;
                    _info.WithLabels(i.Meter.Id, i.Meter.MakerCode ?? string.Empty, i.Meter.SerialNumber ?? string.Empty, i.Meter.StandardVersion ?? string.Empty).Set(1);
                    break;
                case CountersEvent c:
                    Observe(c);
                    break;
            }
        }
    }

    /// <summary>Writes the Prometheus text exposition format.</summary>
    public Task WriteAsync(Stream destination, CancellationToken cancellationToken) => Registry.CollectAndExportAsTextAsync(destination, cancellationToken);

    private static bool IsUp(MonitorStateKind kind) => kind is MonitorStateKind.Connected or MonitorStateKind.TransmitPaused or MonitorStateKind.Reauthenticating;

    private void Observe(Measurement measurement)
    {
        if (!measurement.HasValue)
        {
            return;
        }

        var id = measurement.MeterId;
        var value = (double)measurement.Value!.Value;
        switch (measurement.Quantity)
        {
            case Quantity.Power:
                _power.WithLabels(id).Set(value);
                break;
            case Quantity.CurrentR:
                _current.WithLabels(id, "r").Set(value);
                break;
            case Quantity.CurrentT:
                _current.WithLabels(id, "t").Set(value);
                break;
            case Quantity.ImportEnergy or Quantity.OneMinuteImportEnergy:
                _energy.WithLabels(id, "import").IncTo(value * JoulesPerKwh);
                break;
            case Quantity.ExportEnergy or Quantity.OneMinuteExportEnergy:
                _energy.WithLabels(id, "export").IncTo(value * JoulesPerKwh);
                break;
            default:
                return;
        }

        _lastReading.WithLabels(id).Set(measurement.ReadAt.ToUnixTimeMilliseconds() / 1000.0);
    }

    private void Observe(HalfHour halfHour)
    {
        var meter = Meter(halfHour.MeterId);
        if (!meter.HalfHours.Add(halfHour, meter.Identity?.WrapKwh) || meter.HalfHours.Latest is not { } latest)
        {
            return;
        }

        _halfHourEnd.WithLabels(halfHour.MeterId).Set(latest.SlotEnd.ToUnixTimeSeconds());
        if (latest.ImportKwh is decimal import)
        {
            _halfHourEnergy.WithLabels(halfHour.MeterId, "import").Set((double)import * JoulesPerKwh);
        }

        if (latest.ExportKwh is decimal export)
        {
            _halfHourEnergy.WithLabels(halfHour.MeterId, "export").Set((double)export * JoulesPerKwh);
        }
    }

    private void Observe(CountersEvent counters)
    {
        var id = counters.MeterId;
        var meter = Meter(id);
        var stats = counters.Statistics;
        Add(meter, _requests, id, nameof(SessionStatistics.Requests), stats.Requests);
        Add(meter, _resends, id, nameof(SessionStatistics.Retries), stats.Retries);
        Add(meter, _stale, id, "stale", Dropped(stats, "stale") + Dropped(stats, "duplicate"));
        Add(meter, _reauthentications, id, nameof(SessionStatistics.Reauthentications), stats.Reauthentications);
        Add(meter, _reconnects, id, "reconnects", counters.Reconnects);
        _transmit.WithLabels(id).Set(stats.AirTimeThisHour.TotalSeconds);
        if (stats.LinkQuality.LastLqi is byte lqi)
        {
            _lqi.WithLabels(id).Set(lqi);
            _rssi.WithLabels(id).Set(stats.LinkQuality.LastRssiDbm ?? double.NaN);
        }
    }

    private static long Dropped(SessionStatistics stats, string reason) => stats.Dropped.TryGetValue(reason, out var n) ? n : 0;

    /// <summary>
    /// Session counters start from 0 in every new session; the exported counter only grows: a value below the last
    /// one seen is a new session, whose whole value is new.
    /// </summary>
    private static void Add(MeterState meter, Counter counter, string id, string key, long value)
    {
        meter.LastCounters.TryGetValue(key, out var last);
        var increase = value >= last ? value - last : value;
        meter.LastCounters[key] = value;
        if (increase > 0)
        {
            counter.WithLabels(id).Inc(increase);
        }
        else
        {
            counter.WithLabels(id).Inc(0); // the series exists from the first report on
        }
    }

    private MeterState Meter(string id)
    {
        if (!_meters.TryGetValue(id, out var meter))
        {
            meter = new MeterState();
            _meters[id] = meter;
        }

        return meter;
    }

    private sealed class MeterState
    {
        public MeterIdentity? Identity { get; set; }

        public HalfHourDeltas HalfHours { get; } = new();

        public Dictionary<string, long> LastCounters { get; } = new(StringComparer.Ordinal);
    }
}
