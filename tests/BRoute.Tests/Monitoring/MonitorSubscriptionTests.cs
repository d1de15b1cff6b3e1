using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;
using BRoute.Session;

namespace BRoute.Tests.Monitoring;

/// <summary>A subscriber's buffer while it does not read: latest-wins per quantity, half-hours kept, states kept, bounded.</summary>
public sealed class MonitorSubscriptionTests
{
    private const string Meter = "001C640000A1B2C3";
    private static readonly DateTimeOffset T0 = new(2026, 1, 15, 10, 0, 0, TimeSpan.FromHours(9));

    [Fact]
    public void Instantaneous_values_are_latest_wins_per_quantity_in_publication_order()
    {
        using var s = new MonitorSubscription(64, _ => { });
        s.Publish(Readings(0, (Quantity.Power, 100), (Quantity.CurrentR, 1)));
        s.Publish(Readings(10, (Quantity.ImportEnergy, 8000)));
        s.Publish(Readings(20, (Quantity.Power, 300)));

        var events = Drain(s).Cast<MeasurementsEvent>().ToList();

        Assert.Equal([(Quantity.CurrentR, 1m), (Quantity.ImportEnergy, 8000m), (Quantity.Power, 300m)], events.SelectMany(e => e.Measurements).Select(m => (m.Quantity, m.Value!.Value)));
        Assert.Equal(1, s.Replaced);
    }

    [Fact]
    public void Half_hours_are_never_dropped_and_one_copy_per_slot_and_source_is_kept()
    {
        using var s = new MonitorSubscription(16, _ => { });
        for (var i = 0; i < 4800; i++)
        {
            s.Publish(Slot(i, ValueSource.History, 1000 + i));
            s.Publish(Readings(i, (Quantity.Power, i)));
        }

        s.Publish(Slot(7, ValueSource.History, 9999)); // the same slot again: the newer copy
        s.Publish(Slot(7, ValueSource.Notification, 1007)); // another source: kept beside it

        var events = Drain(s);
        var slots = events.OfType<HalfHourEvent>().Select(e => e.HalfHour).ToList();
        Assert.Equal(4801, slots.Count);
        Assert.Equal(9999m, slots.Single(x => x.SlotEnd == T0.AddMinutes(30 * 7) && x.Source == ValueSource.History).Import.Kwh);
        Assert.Single(events.OfType<MeasurementsEvent>());
        Assert.Equal(0, s.Dropped);
    }

    [Fact]
    public void Other_events_are_bounded_dropping_counters_first_and_states_keep_their_order()
    {
        using var s = new MonitorSubscription(16, _ => { });
        var kinds = Enum.GetValues<MonitorStateKind>();
        for (var i = 0; i < 40; i++)
        {
            s.Publish(new CountersEvent(T0.AddSeconds(i), Meter, new SessionStatistics(), 0));
            s.Publish(new StateChangedEvent(T0.AddSeconds(i), new MonitorState(Meter, kinds[i % kinds.Length], T0.AddSeconds(i))));
        }

        Assert.Equal(16, s.Count);
        var events = Drain(s);
        Assert.All(events, e => Assert.IsType<StateChangedEvent>(e));
        Assert.Equal(Enumerable.Range(24, 16).Select(i => T0.AddSeconds(i)), events.Select(e => e.At));
        Assert.Equal(64, s.Dropped);
    }

    [Fact]
    public async Task The_stream_ends_after_what_is_pending_when_completed()
    {
        using var s = new MonitorSubscription(16, _ => { });
        s.Publish(Readings(0, (Quantity.Power, 1)));
        s.Complete();
        s.Publish(Readings(1, (Quantity.Power, 2)));

        var read = new List<MonitorEvent>();
        await foreach (var e in s.ReadAllAsync().WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token))
        {
            read.Add(e);
        }

        Assert.Single(read);
    }

    private static MeasurementsEvent Readings(int second, params (Quantity Q, decimal V)[] values) =>
        new(T0.AddSeconds(second), [.. values.Select(v => new Measurement(Meter, v.Q, v.V, ValueStatus.Ok, null, T0.AddSeconds(second), ValueSource.Get))]);

    private static HalfHourEvent Slot(int index, ValueSource source, decimal kwh) =>
        new(T0, new HalfHour(Meter, T0.AddMinutes(30 * index), SlotEnergy.Of(kwh), SlotEnergy.Absent, source));

    private static List<MonitorEvent> Drain(MonitorSubscription s)
    {
        var list = new List<MonitorEvent>();
        while (s.TryRead(out var e))
        {
            list.Add(e);
        }

        return list;
    }
}
