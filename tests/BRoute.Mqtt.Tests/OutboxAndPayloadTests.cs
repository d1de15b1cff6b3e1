using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;
using BRoute.Mqtt.Tests.Support;
using static BRoute.Mqtt.Tests.Support.Samples;

namespace BRoute.Mqtt.Tests;

/// <summary>The in-memory outbox (one entry per slot, merged, never twice) and the slot energy (across the register wrap).</summary>
public sealed class OutboxAndPayloadTests
{
    private static readonly DateTimeOffset Slot0 = new(2026, 12, 5, 10, 0, 0, Jst);

    [Fact]
    public async Task Entries_come_in_cursor_order_after_the_given_cursor()
    {
        var outbox = new InMemoryHalfHourOutbox();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(outbox.Add(Slot(Slot0.AddMinutes(30 * i), 100 + i)));
        }

        var batch = await outbox.ReadAfterAsync(MeterId, 1, 3, CancellationToken.None);
        Assert.Equal([2L, 3, 4], batch.Select(e => e.Cursor));
        Assert.Equal([101m, 102, 103], batch.Select(e => e.HalfHour.Import.Kwh!.Value));
        Assert.Empty(await outbox.ReadAfterAsync("0000000000000000", 0, 3, CancellationToken.None));
    }

    [Fact]
    public async Task A_second_copy_fills_a_missing_direction_before_publishing_and_is_ignored_after()
    {
        var outbox = new InMemoryHalfHourOutbox();
        Assert.True(outbox.Add(Slot(Slot0, 100, export: null))); // EA: import only
        Assert.True(outbox.Add(new HalfHour(MeterId, Slot0, SlotEnergy.Absent, SlotEnergy.Of(7), ValueSource.Notification))); // EB
        Assert.False(outbox.Add(Slot(Slot0, 100, export: 7, source: ValueSource.History))); // nothing new

        var entry = Assert.Single(await outbox.ReadAfterAsync(MeterId, 0, 10, CancellationToken.None));
        Assert.Equal((100m, 7m), (entry.HalfHour.Import.Kwh, entry.HalfHour.Export.Kwh));

        await outbox.CommitAsync(MeterId, entry.Cursor, CancellationToken.None);
        Assert.False(outbox.Add(Slot(Slot0, 100, source: ValueSource.History))); // already published: never twice
        Assert.Equal(0, outbox.PendingCount(MeterId));
        Assert.Equal(entry.Cursor, await outbox.CommittedAsync(MeterId, CancellationToken.None));
    }

    [Fact]
    public void A_full_queue_drops_the_oldest_and_counts_it()
    {
        var outbox = new InMemoryHalfHourOutbox(capacity: 3);
        for (var i = 0; i < 5; i++)
        {
            outbox.Add(Slot(Slot0.AddMinutes(30 * i), 100 + i));
        }

        Assert.Equal(3, outbox.PendingCount(MeterId));
        Assert.Equal(2, outbox.Dropped);
    }

    [Fact]
    public void Slot_energy_is_the_difference_to_the_previous_slot_across_the_wrap()
    {
        // D7 = 6 digits at 0.1 kWh per count: the register wraps at 100000 kWh.
        var meter = new MeterSnapshot(MeterId) { Identity = Identity() };
        meter.Record(Slot(Slot0, 99999.9m, export: 5m));
        meter.Record(Slot(Slot0.AddMinutes(30), 0.2m, export: 5m));
        Assert.Equal(0.3m, meter.SlotEnergy(Slot0.AddMinutes(30), export: false));
        Assert.Equal(0m, meter.SlotEnergy(Slot0.AddMinutes(30), export: true));
        Assert.Null(meter.SlotEnergy(Slot0, export: false)); // no previous slot
    }

    [Fact]
    public void No_data_is_null_never_a_number()
    {
        var meter = new MeterSnapshot(MeterId) { Identity = Identity() };
        meter.Record(Slot(Slot0, 100m));
        meter.Record(new HalfHour(MeterId, Slot0.AddMinutes(30), SlotEnergy.NoData, SlotEnergy.NoData, ValueSource.History));
        meter.Record(new Measurement(MeterId, Quantity.Power, null, ValueStatus.NoData, null, T0, ValueSource.Get));
        var state = System.Text.Encoding.UTF8.GetString(MqttPayloads.State(meter, TimeSpan.FromSeconds(300)));
        Assert.StartsWith("""{"power":null,""", state, StringComparison.Ordinal);
        Assert.Contains("\"half_hour_import_energy\":null,", state, StringComparison.Ordinal);
        var halfHour = System.Text.Encoding.UTF8.GetString(MqttPayloads.HalfHour(
            new HalfHour(MeterId, Slot0.AddMinutes(30), SlotEnergy.NoData, SlotEnergy.NotSupported, ValueSource.History), null, null));
        Assert.Equal(
            """{"slot_start":"2026-12-05T10:00:00+09:00","slot_end":"2026-12-05T10:30:00+09:00","import_energy":null,"export_energy":null,"import_total":null,"export_total":null,"source":"history"}""",
            halfHour);
    }

    [Fact]
    public async Task Consuming_never_waits_for_a_broker_and_skips_what_names_no_meter()
    {
        var options = Samples.Options(MosquittoBroker.FreePort()); // nothing listens; not even started
        await using var publisher = new MqttPublisher(options);
        await publisher.ConsumeAsync(Events(), CancellationToken.None).WaitAsync(Wait.Timeout);
        Assert.Equal(2, publisher.EventsSkipped);
        Assert.Equal(0, publisher.MessagesPublished);

        static async IAsyncEnumerable<MonitorEvent> Events()
        {
            foreach (var e in ConnectedMeter())
            {
                yield return e;
            }

            yield return new StateChangedEvent(T0, new MonitorState(null, MonitorStateKind.Connecting, T0)); // no meter yet
            yield return new FaultStatusEvent(T0, "garbage/#", true);
            await Task.CompletedTask;
        }
    }
}
