using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;
using BRoute.Radio;
using BRoute.Session;
using BRoute.Tests.Session.Support;

namespace BRoute.Tests.Monitoring;

/// <summary>The gap logic against the in-memory simulator on the fake clock.</summary>
public sealed class HistoryGapFillerTests
{
    private const string MeterId = "001C640000A1B2C3";
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);
    private static readonly DateOnly Today = DateOnly.FromDateTime(SessionHarness.DefaultStart.DateTime); // 2026-01-15, 10:10 JST

    private static DateTimeOffset Slot(DateOnly day, int k) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Jst).AddMinutes(30 * k);

    private static IEnumerable<DateTimeOffset> Slots(DateTimeOffset from, DateTimeOffset to)
    {
        for (var s = from; s <= to; s = s.AddMinutes(30))
        {
            yield return s;
        }
    }

    /// <summary>What the meter holds for <paramref name="slot"/>, read on its own with SetC E5 + Get E2/E4.</summary>
    private static async Task<Dictionary<DateTimeOffset, HalfHour>> MeterTruthAsync(SessionHarness h, MeterSession session, IEnumerable<DateTimeOffset> slots)
    {
        var truth = new Dictionary<DateTimeOffset, HalfHour>();
        foreach (var day in slots.Select(s => DateOnly.FromDateTime(s.ToOffset(Jst).DateTime)).Distinct())
        {
            var read = await h.RunAsync(() => session.ReadDayHistoryAsync(day));
            foreach (var halfHour in HalfHourMapping.FromDayHistory(MeterId, read))
            {
                truth[halfHour.SlotEnd] = halfHour;
            }
        }

        return truth;
    }

    [Fact]
    public async Task A_store_with_holes_gets_exactly_the_missing_slots_with_the_meters_values_oldest_day_first()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator());
        var session = await h.ConnectAsync();
        var options = new HistoryFillOptions { To = Slot(Today, 20) }; // today 10:00
        var (from, to) = HistoryGapFiller.Window(h.Time.GetUtcNow(), options)!.Value;
        Assert.Equal(Slot(Today.AddDays(-99), 0), from); // the meter's depth: today + 99 days back
        Assert.Equal(Slot(Today, 20), to);

        var holes = new[] { Slot(Today.AddDays(-99), 0), Slot(Today.AddDays(-99), 1), Slot(Today.AddDays(-99), 47) }
            .Concat(Enumerable.Range(0, 48).Select(k => Slot(Today.AddDays(-50), k)))
            .Append(Slot(Today.AddDays(-1), 47))
            .Append(Slot(Today, 19))
            .Append(Slot(Today, 20))
            .ToHashSet();
        var store = new MemoryHalfHourStore();
        store.Preload(MeterId, Slots(from, to).Where(s => !holes.Contains(s)));
        var before = store.Count;
        var progress = new List<BackfillProgressEvent>();
        var sentBefore = session.Statistics.FramesSent;

        var result = await h.RunAsync(() => HistoryGapFiller.FillAsync(session, MeterId, store, store.WriteAsync, new SyncProgress<BackfillProgressEvent>(progress), options));

        Assert.Equal(holes.Count, result.SlotsMissing);
        Assert.Equal(holes.Count, result.SlotsDelivered);
        Assert.Equal(4, result.DaysRead);
        Assert.Empty(result.Problems);
        Assert.Equal(sentBefore + (4 * 2), session.Statistics.FramesSent); // one SetC E5 + one Get E2/E4 per day with a hole
        Assert.Equal(holes.Order(), store.Written.Select(w => w.SlotEnd).Order());
        Assert.Equal(before + holes.Count, store.Count);
        Assert.Equal([Today.AddDays(-99), Today.AddDays(-50), Today.AddDays(-1), Today, Today], progress.Select(p => p.Day));
        Assert.Equal([0, 1, 2, 3, 4], progress.Select(p => p.Done));
        Assert.All(progress, p => Assert.Equal((4, MeterId), (p.Total, p.MeterId)));
        var setDays = SentFrames.Of(h.WrittenText).Where(f => f.Esv == Esv.SetC).TakeLast(4).Select(f => (int)f.Properties[0].Edt.Span[0]);
        Assert.Equal([99, 50, 1, 0], setDays);

        var truth = await MeterTruthAsync(h, session, holes);
        Assert.All(store.Written, w =>
        {
            Assert.Equal(truth[w.SlotEnd], w);
            Assert.Equal(ValueSource.History, w.Source);
            Assert.Equal(ValueStatus.Ok, w.Import.Status);
            Assert.Equal(Jst, w.SlotEnd.Offset);
        });

        // Nothing is missing now: a second run reads nothing.
        var again = await h.RunAsync(() => HistoryGapFiller.FillAsync(session, MeterId, store, store.WriteAsync, options: options));
        Assert.Equal((0, 0, 0), (again.SlotsMissing, again.DaysRead, again.SlotsDelivered));
    }

    [Fact]
    public async Task An_interrupted_fill_resumes_where_it_stopped()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator());
        var session = await h.ConnectAsync();
        var options = new HistoryFillOptions { From = Slot(Today.AddDays(-3), 0), To = Slot(Today.AddDays(-1), 47) };
        var store = new MemoryHalfHourStore();
        using var stop = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.RunAsync(() => HistoryGapFiller.FillAsync(session, MeterId, store, async (day, ct) =>
        {
            await store.WriteAsync(day, ct);
            await stop.CancelAsync(); // the user presses Ctrl-C while the first day is being stored
        }, options: options, cancellationToken: stop.Token)));
        Assert.Equal(48, store.Count);
        Assert.All(store.Written, w => Assert.Equal(Today.AddDays(-3), DateOnly.FromDateTime(w.SlotEnd.DateTime)));

        // The process dies while the second day is being stored: the session is gone mid-fill.
        await Assert.ThrowsAnyAsync<Exception>(() => h.RunAsync(() => HistoryGapFiller.FillAsync(session, MeterId, store, async (day, ct) =>
        {
            await store.WriteAsync(day, ct);
            await session.CloseAsync(ct);
        }, options: options)));
        Assert.Equal(96, store.Count);

        // A new session (a restarted program) finds only the last day missing.
        var next = await h.ConnectAsync();
        var resumed = await h.RunAsync(() => HistoryGapFiller.FillAsync(next, MeterId, store, store.WriteAsync, options: options));

        Assert.Equal((48, 1, 48), (resumed.SlotsMissing, resumed.DaysRead, resumed.SlotsDelivered));
        Assert.Equal(Slots(options.From!.Value, options.To!.Value), store.Written.Select(w => w.SlotEnd)); // each slot once, in order
        var truth = await MeterTruthAsync(h, next, store.Written.Select(w => w.SlotEnd));
        Assert.All(store.Written, w => Assert.Equal(truth[w.SlotEnd], w));
    }

    [Fact]
    public async Task Todays_slots_so_far_are_filled_up_to_the_last_boundary_that_has_passed()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator());
        var session = await h.ConnectAsync();
        var options = new HistoryFillOptions { From = Slot(Today, 0) };
        var store = new MemoryHalfHourStore();

        // It is 10:1x: the window ends at 10:00.
        var result = await h.RunAsync(() => HistoryGapFiller.FillAsync(session, MeterId, store, store.WriteAsync, options: options));
        Assert.Equal((Slot(Today, 20), 21, 0), (result.To, result.SlotsDelivered, result.SlotsHeldBack));

        await h.AdvanceAsync(TimeSpan.FromMinutes(25)); // 10:3x: the 10:30 slot has passed, and only it is read
        var later = await h.RunAsync(() => HistoryGapFiller.FillAsync(session, MeterId, store, store.WriteAsync, options: options));
        Assert.Equal((22, 1, 1), (later.SlotsMissing + 21, later.SlotsDelivered, later.DaysRead));
        Assert.Equal(Slot(Today, 21), store.Written[^1].SlotEnd);
        Assert.All(store.Written, w => Assert.Equal(ValueStatus.Ok, w.Import.Status));
    }

    [Fact]
    public async Task No_data_stays_no_data_and_is_kept_for_good_only_once_past_the_grace()
    {
        // This meter holds only 2 days of history: older slots answer 0xFFFFFFFE.
        var meter = new BRoute.Simulator.Meter.MeterOptions { Load = BRoute.Simulator.Meter.LoadModel.Constant, ConstantLoadW = 628, HistoryDays = 2 };
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: meter));
        var session = await h.ConnectAsync();
        var window = new HistoryFillOptions { From = Slot(Today.AddDays(-4), 0), To = Slot(Today.AddDays(-3), 47) };
        var store = new MemoryHalfHourStore();

        // With a grace longer than their age the no-data slots are not final: none is passed on, all stay missing.
        var held = await h.RunAsync(() => HistoryGapFiller.FillAsync(session, MeterId, store, store.WriteAsync, options: window with { NoDataGrace = TimeSpan.FromDays(10) }));
        Assert.Equal((96, 2, 0, 96), (held.SlotsMissing, held.DaysRead, held.SlotsDelivered, held.SlotsHeldBack));
        Assert.Equal(0, store.Count);

        var kept = await h.RunAsync(() => HistoryGapFiller.FillAsync(session, MeterId, store, store.WriteAsync, options: window));
        Assert.Equal(96, kept.SlotsDelivered);
        Assert.All(store.Written, w =>
        {
            Assert.Equal(SlotEnergy.NoData, w.Import);
            Assert.Null(w.Import.Kwh);
        });
    }

    [Fact]
    public async Task The_fill_keeps_to_its_share_of_the_transmit_budget()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator());
        var session = await h.ConnectAsync(o => o with { TransmitBudget = new TransmitBudgetOptions { Limit = TimeSpan.FromSeconds(1) } });
        var share = TimeSpan.FromMilliseconds(20); // 2 % of the 1 s budget: room for about one day read per hour
        var options = new HistoryFillOptions { From = Slot(Today.AddDays(-3), 0), To = Slot(Today.AddDays(-2), 47), BudgetShare = 0.02 };
        var store = new MemoryHalfHourStore();
        var airAtDayStart = new List<TimeSpan>();
        var start = h.Time.GetUtcNow();

        var result = await h.RunAsync(
            () => HistoryGapFiller.FillAsync(session, MeterId, store, async (day, ct) =>
            {
                await store.WriteAsync(day, ct);
            }, new SyncProgress<BackfillProgressEvent>(_ => airAtDayStart.Add(session.Statistics.AirTimeThisHour)), options),
            TimeSpan.FromHours(4));

        Assert.Equal(96, result.SlotsDelivered);
        // After a day read the share was used up: the fill waited for the sliding hour to make room before the next day.
        Assert.True(h.Time.GetUtcNow() - start >= TimeSpan.FromMinutes(50), $"the fill took only {h.Time.GetUtcNow() - start}");
        Assert.True(session.Statistics.AirTimeThisHour < share * 2, $"{session.Statistics.AirTimeThisHour} used in the last hour");
        Assert.Equal(3, airAtDayStart.Count);
        Assert.Contains(airAtDayStart, a => a >= share); // a day was due with the share used up: the wait was the budget's
    }

    [Fact]
    public async Task Gaps_are_found_per_day_and_as_ranges_without_a_meter()
    {
        var now = Slot(Today, 20).AddMinutes(5);
        var store = new MemoryHalfHourStore();
        var options = new HistoryFillOptions { From = Slot(Today.AddDays(-1), 0).AddMinutes(1) }; // rounded up to 00:30
        store.Preload(MeterId, Slots(Slot(Today.AddDays(-1), 1), Slot(Today, 20)).Where(s => s != Slot(Today.AddDays(-1), 10) && s != Slot(Today.AddDays(-1), 11) && s != Slot(Today, 20)));
        store.Preload("another meter", Slots(Slot(Today.AddDays(-1), 1), Slot(Today, 20)));

        var gaps = await HistoryGapFiller.FindGapsAsync(store, MeterId, now, options);

        Assert.Equal(Slot(Today.AddDays(-1), 1), gaps.From);
        Assert.Equal(Slot(Today, 20), gaps.To);
        Assert.Equal([Slot(Today.AddDays(-1), 10), Slot(Today.AddDays(-1), 11), Slot(Today, 20)], gaps.Missing);
        Assert.Equal([Today.AddDays(-1), Today], gaps.Days);
        Assert.Equal([new HalfHourRange(Slot(Today.AddDays(-1), 10), Slot(Today.AddDays(-1), 11), 2), new HalfHourRange(Slot(Today, 20), Slot(Today, 20), 1)], gaps.Ranges);

        // A window older than the meter keeps is cut at its depth; one entirely in the future is empty.
        Assert.Equal(Slot(Today.AddDays(-99), 0), HistoryGapFiller.Window(now, new HistoryFillOptions { From = Slot(Today.AddDays(-400), 0) })!.Value.From);
        Assert.Null(HistoryGapFiller.Window(now, new HistoryFillOptions { From = Slot(Today.AddDays(1), 0) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HistoryFillOptions { BudgetShare = 0 }.Validate());
    }

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public SyncProgress(List<T> list)
            : this(list.Add)
        {
        }

        public void Report(T value) => report(value);
    }

    /// <summary>An in-memory store: what the gap logic asks, and what the fill wrote, in order.</summary>
    private sealed class MemoryHalfHourStore : IHalfHourSlots
    {
        private readonly Dictionary<(string, DateTimeOffset), HalfHour?> _slots = [];

        public List<HalfHour> Written { get; } = [];

        public int Count => _slots.Count;

        public void Preload(string meterId, IEnumerable<DateTimeOffset> slots)
        {
            foreach (var s in slots)
            {
                _slots[(meterId, s)] = null;
            }
        }

        public ValueTask WriteAsync(IReadOnlyList<HalfHour> day, CancellationToken cancellationToken)
        {
            foreach (var halfHour in day)
            {
                Assert.True(_slots.TryAdd((halfHour.MeterId, halfHour.SlotEnd), halfHour), $"{halfHour.SlotEnd:O} was written twice");
                Written.Add(halfHour);
            }

            return ValueTask.CompletedTask;
        }

        public Task<IReadOnlySet<DateTimeOffset>> StoredSlotsAsync(string meterId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlySet<DateTimeOffset>>(_slots.Keys.Where(k => k.Item1 == meterId && k.Item2 >= from && k.Item2 <= to).Select(k => k.Item2).ToHashSet());
    }
}
