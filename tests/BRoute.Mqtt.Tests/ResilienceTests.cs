using System.Text.Json;
using BRoute.Monitoring;
using BRoute.Mqtt.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static BRoute.Mqtt.Tests.Support.Samples;

namespace BRoute.Mqtt.Tests;

/// <summary>A killed connection, a broker away for hours, a store's outbox: nothing lost, nothing twice.</summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task The_last_will_says_offline_when_the_publishers_socket_dies()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var proxy = new TcpProxy(broker.Port);
        await using var subscriber = await TestSubscriber.ConnectAsync(broker.Port);
        await using var publisher = new MqttPublisher(Options(proxy.Port));
        publisher.Start();
        await subscriber.WaitForAsync("broute/status", m => m.Payload == "online");

        proxy.DropAll(); // no DISCONNECT packet: to the broker this is a dead daemon

        var will = await subscriber.WaitForAsync("broute/status", m => m.Payload == "offline");
        Assert.True(will.Qos == MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);

        // The proxy still accepts: the publisher comes straight back and says so.
        await Wait.UntilAsync(() => subscriber.On("broute/status").Count == 3, "the publisher to come back");
        Assert.Equal(["online", "offline", "online"], subscriber.On("broute/status").Select(m => m.Payload));
        Assert.Equal(MqttConnectionState.Connected, publisher.Status.State);
    }

    [Fact]
    public async Task Half_hours_of_a_broker_outage_arrive_after_it_returns_in_order_none_twice()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var time = new FakeTimeProvider(T0);
        var options = Options(broker.Port);
        options.ReconnectDelay = TimeSpan.FromSeconds(5);
        options.MaxReconnectDelay = TimeSpan.FromSeconds(60);
        await using var publisher = new MqttPublisher(options, timeProvider: time);
        publisher.Start();
        var topic = publisher.Topics.HalfHour(MeterId);
        var firstSlot = new DateTimeOffset(2026, 12, 5, 10, 0, 0, Jst);
        var slots = Enumerable.Range(0, 10).Select(i => firstSlot.AddMinutes(30 * i)).ToList();
        publisher.Post(new MeterIdentifiedEvent(T0, Identity()));

        // Two half-hours while the broker is up.
        await using (var before = await TestSubscriber.ConnectAsync(broker.Port, topic))
        {
            for (var i = 0; i < 2; i++)
            {
                publisher.Post(new HalfHourEvent(slots[i], Slot(slots[i], 1000m + i)));
            }

            await Wait.UntilAsync(() => before.On(topic).Count == 2, "the first two half-hours");
        }

        // The broker goes away for four hours of meter time: eight half-hours, one of them also from the history.
        await broker.StopAsync();
        // The first failure may come from the broker's own shutdown (a connect accepted, then dropped); once it is gone,
        // the next attempts are refused. Reconnect delays run on the fake clock.
        await Wait.UntilAsync(
            () => publisher.Status is { State: MqttConnectionState.Disconnected, Failures: >= 1, Problem: { } problem } && problem.Contains("connection refused", StringComparison.Ordinal),
            "the publisher to see the broker gone (connection refused)",
            eachRound: () => time.Advance(TimeSpan.FromSeconds(5)));
        for (var i = 2; i < 10; i++)
        {
            publisher.Post(new HalfHourEvent(slots[i], Slot(slots[i], 1000m + i)));
        }

        publisher.Post(new HalfHourEvent(slots[5], Slot(slots[5], 1005m, source: ValueSource.History)));
        publisher.Post(new MeasurementsEvent(slots[9], [Value(Quantity.Power, 100)]));
        publisher.Post(new MeasurementsEvent(slots[9], [Value(Quantity.Power, 250)]));
        Assert.Contains("connection refused", publisher.Status.Problem, StringComparison.Ordinal);

        await broker.StartAsync();
        await using var after = await TestSubscriber.ConnectAsync(broker.Port);
        await Wait.UntilAsync(() => after.On(topic).Count >= 8, "the eight queued half-hours", eachRound: () => time.Advance(TimeSpan.FromSeconds(5)));
        var state = await after.WaitForAsync(publisher.Topics.State(MeterId));

        var received = after.On(topic).Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();
        Assert.Equal(slots[2..], received.Select(r => r.GetProperty("slot_end").GetDateTimeOffset()));
        Assert.Equal(Enumerable.Range(2, 8).Select(i => 1000m + i), received.Select(r => r.GetProperty("import_total").GetDecimal()));
        Assert.All(received, r => Assert.Equal(1m, r.GetProperty("import_energy").GetDecimal()));
        Assert.Equal(10, publisher.HalfHoursPublished);
        Assert.Contains("\"power\":250,", state.Payload, StringComparison.Ordinal); // coalesced to the latest
        Assert.Single(after.On(publisher.Topics.State(MeterId)));
    }

    [Fact]
    public async Task A_stores_outbox_is_drained_from_its_committed_cursor_and_committed_as_it_goes()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await TestSubscriber.ConnectAsync(broker.Port);
        var outbox = new InMemoryHalfHourOutbox();
        // A backfilled day a month ago: older than every register the live events bring.
        var slots = Enumerable.Range(0, 5).Select(i => new DateTimeOffset(2026, 11, 5, 10, 0, 0, Jst).AddMinutes(30 * i)).ToList();
        for (var i = 0; i < slots.Count; i++)
        {
            outbox.Add(Slot(slots[i], 500m + i, source: ValueSource.History));
        }

        await outbox.CommitAsync(MeterId, 2, CancellationToken.None); // published by an earlier run
        var options = Options(broker.Port);
        options.Meters = [MeterId];
        await using var publisher = new MqttPublisher(options, outbox);
        for (var i = 0; i < 100; i++)
        {
            var recent = new DateTimeOffset(2026, 12, 5, 0, 0, 0, Jst).AddMinutes(30 * i);
            publisher.Post(new HalfHourEvent(recent, Slot(recent, 2000m + i)));
        }

        publisher.Start();
        var topic = publisher.Topics.HalfHour(MeterId);
        await Wait.UntilAsync(() => subscriber.On(topic).Count == 3, "the three uncommitted half-hours");
        Assert.Equal(slots[2..], subscriber.On(topic).Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("slot_end").GetDateTimeOffset()));
        Assert.Equal(5, await outbox.CommittedAsync(MeterId, CancellationToken.None));
        Assert.Equal(
            [null, 1m, 1m], // the first one's previous slot went out in an earlier run
            subscriber.On(topic).Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("import_energy")).Select(e => e.ValueKind == JsonValueKind.Null ? (decimal?)null : e.GetDecimal()));

        // The publisher does not feed a store's outbox itself: the store does.
        publisher.Post(new HalfHourEvent(T0, Slot(slots[4].AddMinutes(30), 501m)));
        Assert.Equal(0, outbox.PendingCount(MeterId));
    }

    [Fact]
    public async Task A_wrong_password_is_a_clear_status_never_logged_and_events_keep_flowing()
    {
        const string Secret = "s3cret-Pa55word-xyz";
        await using var broker = await MosquittoBroker.StartAsync(user: "broute", password: "the-right-one");
        var logger = new ListLogger<MqttPublisher>();
        await using var publisher = new MqttPublisher(Options(broker.Port, "broute", Secret), logger: logger);
        publisher.Start();
        await Wait.UntilAsync(() => publisher.Status.Failures >= 2, "two refused attempts");
        var status = publisher.Status;
        Assert.Equal(MqttConnectionState.Disconnected, status.State);
        Assert.Contains("check the MQTT user and password", status.Problem, StringComparison.Ordinal);

        // The feeder is never blocked: a day of events goes in while the broker refuses us.
        var feed = Task.Run(() =>
        {
            foreach (var e in ConnectedMeter())
            {
                publisher.Post(e);
            }
        });
        await feed.WaitAsync(Wait.Timeout);
        Assert.Equal(0, publisher.EventsSkipped);

        Assert.DoesNotContain(logger.Lines, l => l.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, status.Problem!, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, publisher.Status.ToString(), StringComparison.Ordinal);
        Assert.Contains(logger.Lines, l => l.Contains("check the MQTT user and password", StringComparison.Ordinal));

        // With the right password the same settings work.
        await using var right = new MqttPublisher(Options(broker.Port, "broute", "the-right-one"));
        right.Start();
        await Wait.UntilAsync(() => right.Status.State == MqttConnectionState.Connected, "the right password to connect");
    }

    [Fact]
    public async Task Reconnect_waits_grow_on_the_time_provider()
    {
        var time = new FakeTimeProvider(T0);
        var options = Options(MosquittoBroker.FreePort()); // nothing listens there
        options.ReconnectDelay = TimeSpan.FromSeconds(5);
        options.MaxReconnectDelay = TimeSpan.FromSeconds(15);
        await using var publisher = new MqttPublisher(options, timeProvider: time);
        publisher.Start();
        await Wait.UntilAsync(() => publisher.Status.Failures == 1, "the first failure");
        Assert.Equal(T0.AddSeconds(5), publisher.Status.NextAttemptAt);
        time.Advance(TimeSpan.FromSeconds(5));
        await Wait.UntilAsync(() => publisher.Status.Failures == 2, "the second failure");
        Assert.Equal(time.GetUtcNow().AddSeconds(10), publisher.Status.NextAttemptAt);
        time.Advance(TimeSpan.FromSeconds(10));
        await Wait.UntilAsync(() => publisher.Status.Failures == 3, "the third failure");
        Assert.Equal(time.GetUtcNow().AddSeconds(15), publisher.Status.NextAttemptAt); // capped
        Assert.Contains("connection refused", publisher.Status.Problem, StringComparison.Ordinal);
    }
}
