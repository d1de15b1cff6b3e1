using BRoute.Monitoring;
using MQTTnet;
using MQTTnet.Protocol;

namespace BRoute.Mqtt;

/// <summary>Publishing what is pending: clears, discovery, availability, states, then the half-hour outbox.</summary>
public sealed partial class MqttPublisher
{
    private readonly Dictionary<string, HalfHour> _lastDrained = new(StringComparer.Ordinal);

    private async Task PublishPendingAsync(IMqttClient client, CancellationToken stop)
    {
        await PublishClearsAsync(client, stop).ConfigureAwait(false);
        List<MeterSnapshot> meters;
        lock (_gate)
        {
            meters = [.. _meters.Values];
        }

        foreach (var meter in meters)
        {
            await PublishMeterAsync(client, meter, stop).ConfigureAwait(false);
        }

        foreach (var meter in meters)
        {
            await DrainOutboxAsync(client, meter, stop).ConfigureAwait(false);
        }
    }

    private async Task PublishClearsAsync(IMqttClient client, CancellationToken stop)
    {
        while (true)
        {
            PendingClear? clear;
            lock (_gate)
            {
                if (!_clears.TryPeek(out clear))
                {
                    return;
                }
            }

            await PublishAsync(client, Topics.Discovery(clear.MeterId), string.Empty, retain: true, stop).ConfigureAwait(false);
            await PublishAsync(client, Topics.State(clear.MeterId), string.Empty, retain: true, stop).ConfigureAwait(false);
            await PublishAsync(client, Topics.Availability(clear.MeterId), string.Empty, retain: true, stop).ConfigureAwait(false);
            lock (_gate)
            {
                _clears.Dequeue();
            }

            MqttPublisherLog.Cleared(_logger, clear.MeterId);
            clear.Done?.TrySetResult();
        }
    }

    private async Task PublishMeterAsync(IMqttClient client, MeterSnapshot meter, CancellationToken stop)
    {
        byte[]? discovery = null;
        string? availability = null;
        byte[]? state = null;
        lock (_gate)
        {
            if (!_meters.ContainsKey(meter.Id))
            {
                return; // cleared meanwhile
            }

            if (meter.DiscoveryDirty && meter.Identity is { } identity && _options.HomeAssistantDiscovery)
            {
                discovery = HomeAssistantDiscovery.Payload(identity, Topics, _options);
                meter.DiscoveryDirty = false;
            }

            if (meter.AvailabilityDirty && meter.Online is bool online)
            {
                availability = online ? MqttTopics.Online : MqttTopics.Offline;
                meter.AvailabilityDirty = false;
            }

            if (meter.StateDirty && (meter.UpdatedAt is not null || meter.Identity is not null))
            {
                state = MqttPayloads.State(meter, _options.TransmitBudget);
                meter.StateDirty = false;
            }
        }

        try
        {
            if (discovery is not null)
            {
                await PublishAsync(client, Topics.Discovery(meter.Id), discovery, retain: true, stop).ConfigureAwait(false);
                discovery = null;
            }

            if (availability is not null)
            {
                await PublishAsync(client, Topics.Availability(meter.Id), availability, retain: true, stop).ConfigureAwait(false);
                availability = null;
            }

            if (state is not null)
            {
                await PublishAsync(client, Topics.State(meter.Id), state, retain: true, stop).ConfigureAwait(false);
                state = null;
            }
        }
        finally
        {
            // What did not go out goes out after the reconnect (with the then latest values).
            lock (_gate)
            {
                meter.DiscoveryDirty |= discovery is not null;
                meter.AvailabilityDirty |= availability is not null;
                meter.StateDirty |= state is not null;
            }
        }
    }

    private async Task DrainOutboxAsync(IMqttClient client, MeterSnapshot meter, CancellationToken stop)
    {
        if (!_cursors.TryGetValue(meter.Id, out var cursor))
        {
            cursor = await _outbox.CommittedAsync(meter.Id, stop).ConfigureAwait(false);
            _cursors[meter.Id] = cursor;
        }

        while (true)
        {
            var entries = await _outbox.ReadAfterAsync(meter.Id, cursor, _options.OutboxBatchSize, stop).ConfigureAwait(false);
            if (entries.Count == 0)
            {
                return;
            }

            foreach (var entry in entries)
            {
                byte[] payload;
                lock (_gate)
                {
                    // The slot before: the entry published just before (an old backfilled day is not among the recent
                    // registers), else the registers the events brought.
                    var current = entry.HalfHour;
                    var previousEnd = current.SlotEnd - TimeSpan.FromMinutes(30);
                    var previous = _lastDrained.GetValueOrDefault(meter.Id) is { } last && last.SlotEnd == previousEnd ? last : meter.Registers(previousEnd);
                    payload = MqttPayloads.HalfHour(current, meter.SlotEnergy(current, previous, export: false), meter.SlotEnergy(current, previous, export: true));
                    meter.Record(current);
                    _lastDrained[meter.Id] = current;
                }

                await PublishAsync(client, Topics.HalfHour(meter.Id), payload, retain: false, stop).ConfigureAwait(false);
                cursor = entry.Cursor;
                _cursors[meter.Id] = cursor;
                Interlocked.Increment(ref _halfHoursPublished);
                await _outbox.CommitAsync(meter.Id, cursor, stop).ConfigureAwait(false);
            }
        }
    }

    private Task PublishAsync(IMqttClient client, string topic, string payload, bool retain, CancellationToken stop) =>
        PublishAsync(client, topic, System.Text.Encoding.UTF8.GetBytes(payload), retain, stop);

    private async Task PublishAsync(IMqttClient client, string topic, byte[] payload, bool retain, CancellationToken stop)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(_options.Timeout);
        var result = await client.PublishAsync(message, timeout.Token).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            throw new BRouteException($"the broker did not accept the message on {topic} ({result.ReasonCode}{(result.ReasonString is { Length: > 0 } r ? ": " + r : string.Empty)}): check the user's publish rights");
        }

        Interlocked.Increment(ref _messagesPublished);
    }
}
