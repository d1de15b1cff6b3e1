using BRoute.Monitoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BRoute.Mqtt;

/// <summary>
/// Publishes a meter monitor's events to an MQTT broker: daemon availability with a last will, per meter an
/// availability, a retained JSON state (latest values; coalesced while the broker is away) and the half-hour stream
/// (from an <see cref="IHalfHourOutbox"/>, in order, once each), plus Home Assistant device discovery.
/// <para>
/// Feeding never blocks and never throws for the broker's sake: <see cref="Post"/> only updates memory, and one
/// background loop (started by <see cref="Start"/>) connects, reconnects with backoff and publishes. A dead broker,
/// a wrong password or a TLS mismatch show in <see cref="Status"/> and the log, while the caller keeps storing.
/// </para>
/// </summary>
public sealed partial class MqttPublisher : IAsyncDisposable
{
    private readonly MqttPublisherOptions _options;
    private readonly IHalfHourOutbox _outbox;
    private readonly InMemoryHalfHourOutbox? _ownOutbox;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, MeterSnapshot> _meters = new(StringComparer.Ordinal);
    private readonly Queue<PendingClear> _clears = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly MqttClientSetup _setup;
    private Task? _loop;
    private MqttConnectionStatus _status;
    private long _eventsSkipped;
    private long _halfHoursPublished;
    private long _messagesPublished;
    private int _disposed;

    /// <summary>
    /// Creates a publisher. <paramref name="outbox"/> is the store's durable half-hour queue; without one the publisher
    /// keeps an <see cref="InMemoryHalfHourOutbox"/> fed from the <see cref="HalfHourEvent"/>s it is given.
    /// </summary>
    /// <exception cref="MqttSettingsException">The settings cannot work (the message lists why).</exception>
    public MqttPublisher(MqttPublisherOptions options, IHalfHourOutbox? outbox = null, TimeProvider? timeProvider = null, ILogger<MqttPublisher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        Topics = MqttTopics.From(options);
        _ownOutbox = outbox is null ? new InMemoryHalfHourOutbox() : null;
        _outbox = outbox ?? _ownOutbox!;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _setup = new MqttClientSetup(options, Topics);
        _status = new MqttConnectionStatus(MqttConnectionState.Connecting, _time.GetUtcNow());
        foreach (var id in options.Meters ?? [])
        {
            Meter(id.ToUpperInvariant());
        }
    }

    /// <summary>Raised on every change of <see cref="Status"/> (from the publishing loop; keep handlers short).</summary>
    public event Action<MqttConnectionStatus>? StatusChanged;

    /// <summary>The topics in use.</summary>
    public MqttTopics Topics { get; }

    /// <summary>The link to the broker now.</summary>
    public MqttConnectionStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>Events not published because they named no valid meter.</summary>
    public long EventsSkipped => Interlocked.Read(ref _eventsSkipped);

    /// <summary>Half-hours published (acknowledged by the broker) since start.</summary>
    public long HalfHoursPublished => Interlocked.Read(ref _halfHoursPublished);

    /// <summary>Messages published (acknowledged) since start.</summary>
    public long MessagesPublished => Interlocked.Read(ref _messagesPublished);

    /// <summary>Starts the connect-and-publish loop (once).</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
            _loop ??= Task.Run(() => RunAsync(_stop.Token));
        }
    }

    /// <summary>
    /// Takes one event of the monitor's stream: updates the meter's latest values and marks what to publish. Never
    /// blocks on the broker; an event naming no valid meter is skipped and counted (<see cref="EventsSkipped"/>).
    /// </summary>
    public void Post(MonitorEvent monitorEvent)
    {
        ArgumentNullException.ThrowIfNull(monitorEvent);
        lock (_gate)
        {
            switch (monitorEvent)
            {
                case MeasurementsEvent m:
                    foreach (var measurement in m.Measurements)
                    {
                        Update(measurement.MeterId, m.At, meter => meter.Record(measurement));
                    }

                    break;
                case HalfHourEvent h:
                    if (Update(h.HalfHour.MeterId, h.At, meter => meter.Record(h.HalfHour)))
                    {
                        _ownOutbox?.Add(h.HalfHour with { MeterId = h.HalfHour.MeterId.ToUpperInvariant() });
                    }

                    break;
                case StateChangedEvent s:
                    Update(s.State.MeterId, s.At, meter => meter.State = s.State);
                    break;
                case MeterIdentifiedEvent i:
                    Update(i.Meter.Id, i.At, meter =>
                    {
                        meter.DiscoveryDirty |= meter.Identity != i.Meter;
                        meter.Identity = i.Meter;
                    });
                    break;
                case CountersEvent c:
                    Update(c.MeterId, c.At, meter => meter.Statistics = c.Statistics);
                    break;
                case FaultStatusEvent f:
                    Update(f.MeterId, f.At, meter => meter.Fault = f.Fault);
                    break;
                default:
                    // Conflicts and backfill progress are for the store and the console, not for MQTT.
                    return;
            }
        }

        Wake();
    }

    /// <summary>Posts every event of <paramref name="events"/> until it ends or <paramref name="cancellationToken"/> fires.</summary>
    public async Task ConsumeAsync(IAsyncEnumerable<MonitorEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        await foreach (var monitorEvent in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Post(monitorEvent);
        }
    }

    /// <summary>
    /// Forgets a meter (removed from the configuration) and clears what was retained for it: its Home Assistant
    /// discovery (HA then removes the device), state and availability (empty retained payloads). Completes once the
    /// broker acknowledged; while the broker is away it waits for it (cancel to stop waiting; the clear stays queued).
    /// </summary>
    public Task ClearMeterAsync(string meterId, CancellationToken cancellationToken)
    {
        if (!MqttPublisherOptionsValidator.IsMeterId(meterId))
        {
            throw new ArgumentException($"'{meterId}' is not a meter id (16 hex digits)", nameof(meterId));
        }

        var clear = new PendingClear(meterId.ToUpperInvariant(), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            _meters.Remove(clear.MeterId);
            _clears.Enqueue(clear);
        }

        Wake();
        return clear.Done!.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops the loop: publishes <c>offline</c> on the daemon topic when connected, then disconnects cleanly.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task? loop;
        lock (_gate)
        {
            loop = _loop;
        }

        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        if (loop is not null)
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        SetStatus(new MqttConnectionStatus(MqttConnectionState.Stopped, _time.GetUtcNow()));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(_options.Timeout * 2);
        try
        {
            await StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop did not end in time; its client is disposed with it.
        }

        _stop.Dispose();
        _wake.Dispose();
    }

    private bool Update(string? meterId, DateTimeOffset at, Action<MeterSnapshot> change)
    {
        if (!MqttPublisherOptionsValidator.IsMeterId(meterId))
        {
            Interlocked.Increment(ref _eventsSkipped);
            MqttPublisherLog.Skipped(_logger, meterId is null ? "no meter id yet" : $"'{meterId}' is not a meter id");
            return false;
        }

        var meter = Meter(meterId!.ToUpperInvariant());
        var online = meter.Online;
        change(meter);
        meter.UpdatedAt = meter.UpdatedAt is { } seen && seen > at ? seen : at;
        meter.StateDirty = true;
        meter.AvailabilityDirty |= meter.Online != online;
        return true;
    }

    private MeterSnapshot Meter(string id)
    {
        if (!_meters.TryGetValue(id, out var meter))
        {
            meter = new MeterSnapshot(id);
            _meters[id] = meter;
        }

        return meter;
    }

    private void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
        catch (ObjectDisposedException)
        {
            // Disposed: nothing to wake.
        }
    }

    private void SetStatus(MqttConnectionStatus status)
    {
        lock (_gate)
        {
            _status = status;
        }

        StatusChanged?.Invoke(status);
    }

    private sealed record PendingClear(string MeterId, TaskCompletionSource? Done);
}
