using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace BRoute.Tests.Monitoring;

/// <summary>The half-hour merge: INF, Get and history copies in any order and with duplicates give one value per slot.</summary>
public sealed class HalfHourLedgerPropertyTests
{
    private static readonly DateTimeOffset Base = new(2026, 1, 15, 0, 0, 0, TimeSpan.FromHours(9));
    private static readonly string[] Meters = ["001C640000A1B2C3", "001C640000D4E5F6"];

    /// <summary>A slot's truth: meter, slot index, import (kWh or no data), export (kWh, no data or not measured).</summary>
    private static readonly Gen<(int Meter, int Slot, SlotEnergy Import, SlotEnergy Export)> Truth =
        Gen.Select(Gen.Int[0, 1], Gen.Int[0, 15], Energy(allowNotSupported: false), Energy(allowNotSupported: true));

    private static Gen<SlotEnergy> Energy(bool allowNotSupported) =>
        allowNotSupported
            ? Gen.Frequency((6, Number), (2, Gen.Const(SlotEnergy.NoData)), (1, Gen.Const(SlotEnergy.NotSupported)))
            : Gen.Frequency((6, Number), (2, Gen.Const(SlotEnergy.NoData)));

    private static Gen<SlotEnergy> Number => Gen.Int[0, 99_999_999].Select(raw => SlotEnergy.Of(raw * 0.1m));

    private static SlotEnergy Weaken(SlotEnergy truth, int how) => how switch
    {
        0 => truth,
        1 => SlotEnergy.Absent,
        _ => truth.Status == ValueStatus.Ok ? SlotEnergy.NoData : truth,
    };

    /// <summary>
    /// The truths (one per meter and slot) and copies of them as sources might give them (each direction the truth or
    /// something weaker: absent, or no data for a number), the full truth at least once, shuffled.
    /// </summary>
    private static readonly Gen<(HalfHour[] Copies, Dictionary<(string, DateTimeOffset), HalfHour> Best)> Scenario =
        Gen.Select(Truth.Array[1, 12], Gen.Select(Gen.Int[0, 1000], Gen.Int[0, 2], Gen.Int[0, 2], Gen.Enum<ValueSource>()).Array[0, 30], Gen.Int)
            .Select((truths, picks, seed) =>
            {
                var best = truths.DistinctBy(t => (t.Meter, t.Slot))
                    .Select(t => new HalfHour(Meters[t.Meter], Base.AddMinutes(30 * t.Slot), t.Import, t.Export, ValueSource.History))
                    .ToArray();
                var copies = best.Concat(picks.Select(p =>
                {
                    var truth = best[p.Item1 % best.Length];
                    return truth with { Import = Weaken(truth.Import, p.Item2), Export = Weaken(truth.Export, p.Item3), Source = p.Item4 };
                })).ToArray();
                new Random(seed).Shuffle(copies);
                return (copies, best.ToDictionary(h => (h.MeterId, h.SlotEnd)));
            });

    [Fact]
    public void Agreeing_copies_in_any_order_and_with_duplicates_give_one_slot_each_with_the_best_informed_values()
    {
        Scenario.Select(Gen.Int[0, 1000]).Sample((scenario, seed) =>
        {
            var (copies, best) = scenario;
            var withDuplicates = copies.Concat(copies.Where((_, i) => (i + seed) % 3 == 0)).ToArray();
            var (slots, conflicts) = HalfHourLedger.Merge(withDuplicates);
            var (reversed, _) = HalfHourLedger.Merge(withDuplicates.Reverse());

            Assert.Empty(conflicts);
            Assert.Equal(best.Count, slots.Count);
            Assert.Equal(slots.Count, slots.Select(s => (s.MeterId, s.SlotEnd)).Distinct().Count());
            foreach (var slot in slots)
            {
                var truth = best[(slot.MeterId, slot.SlotEnd)];
                Assert.Equal(truth.Import, slot.Import);
                Assert.Equal(truth.Export, slot.Export);
            }

            // The order of arrival changes nothing but, perhaps, which source is named.
            Assert.Equal(slots.Select(s => (s.MeterId, s.SlotEnd, s.Import, s.Export)), reversed.Select(s => (s.MeterId, s.SlotEnd, s.Import, s.Export)));
        });
    }

    [Fact]
    public void A_disagreeing_copy_is_reported_once_per_value_and_the_first_number_is_kept()
    {
        Scenario.Select(Gen.Int[1, 1000].Array[1, 4], Gen.Int[0, 1000]).Sample((scenario, deltas, where) =>
        {
            var (copies, best) = scenario;
            var withNumber = best.Values.Where(b => b.Import.Status == ValueStatus.Ok).ToArray();
            if (withNumber.Length == 0)
            {
                return;
            }

            var target = withNumber[where % withNumber.Length];
            var bad = deltas.Select(d => target with { Import = SlotEnergy.Of(target.Import.Kwh!.Value + (d * 0.1m)), Source = ValueSource.Notification }).ToArray();
            var all = copies.Concat(bad).Concat(bad).ToList(); // every disagreeing copy twice
            all.Insert(where % (all.Count + 1), bad[0]);
            var ledger = new HalfHourLedger(new FakeTimeProvider(Base));
            var results = all.Select(ledger.Add).ToList();

            var firstNumber = all.First(c => c.MeterId == target.MeterId && c.SlotEnd == target.SlotEnd && c.Import.Status == ValueStatus.Ok).Import;
            Assert.True(ledger.TryGet(target.MeterId, target.SlotEnd, out var merged));
            Assert.Equal(firstNumber, merged.Import);

            // Every distinct value other than the kept one is reported exactly once, with the copy that carried it.
            var disagreeing = all.Where(c => c.MeterId == target.MeterId && c.SlotEnd == target.SlotEnd && c.Import.Status == ValueStatus.Ok && c.Import != firstNumber)
                .Select(c => c.Import.Kwh!.Value).Distinct().Order().ToArray();
            var reported = ledger.Conflicts.Select(c => c.Other.Import.Kwh!.Value).Order().ToArray();
            Assert.Equal(disagreeing, reported);
            Assert.All(ledger.Conflicts, c => Assert.Equal(firstNumber, c.Kept.Import));
            Assert.Equal(reported.Length, results.Count(r => r.Kind == HalfHourMergeKind.Conflict));

            // No other slot is touched.
            Assert.All(ledger.All().Where(s => s.MeterId != target.MeterId || s.SlotEnd != target.SlotEnd), s =>
            {
                Assert.Equal(best[(s.MeterId, s.SlotEnd)].Import, s.Import);
                Assert.Equal(best[(s.MeterId, s.SlotEnd)].Export, s.Export);
            });
        });
    }

    [Fact]
    public void No_data_is_completed_by_a_number_and_a_number_is_never_replaced_by_no_data()
    {
        var ledger = new HalfHourLedger();
        var slot = Base.AddHours(10);
        var history = new HalfHour(Meters[0], slot, SlotEnergy.NoData, SlotEnergy.Absent, ValueSource.History);
        var inf = new HalfHour(Meters[0], slot, SlotEnergy.Of(8653.4m), SlotEnergy.Absent, ValueSource.Notification);
        var eb = new HalfHour(Meters[0], slot, SlotEnergy.Absent, SlotEnergy.Of(12.5m), ValueSource.Get);

        Assert.Equal(HalfHourMergeKind.New, ledger.Add(history).Kind);
        var completed = ledger.Add(inf);
        Assert.Equal(HalfHourMergeKind.Completed, completed.Kind);
        Assert.Equal(ValueSource.Notification, completed.Merged.Source);
        Assert.Equal(HalfHourMergeKind.Completed, ledger.Add(eb).Kind);
        Assert.Equal(HalfHourMergeKind.Duplicate, ledger.Add(history).Kind);
        Assert.True(ledger.TryGet(Meters[0], slot, out var merged));
        Assert.Equal((SlotEnergy.Of(8653.4m), SlotEnergy.Of(12.5m)), (merged.Import, merged.Export));

        // 8653.40 is the same number as 8653.4: not a disagreement.
        Assert.Equal(HalfHourMergeKind.Duplicate, ledger.Add(inf with { Import = SlotEnergy.Of(8653.40m) }).Kind);

        // A copy that disagrees on import but brings nothing else is reported; one that also completes is taken in part.
        var other = ledger.Add(history with { SlotEnd = slot.AddMinutes(30), Import = SlotEnergy.Of(1m) });
        Assert.Equal(HalfHourMergeKind.New, other.Kind);
        var both = ledger.Add(new HalfHour(Meters[0], slot.AddMinutes(30), SlotEnergy.Of(2m), SlotEnergy.Of(3m), ValueSource.Get));
        Assert.Equal(HalfHourMergeKind.Conflict, both.Kind);
        Assert.True(both.Changed);
        Assert.Equal((SlotEnergy.Of(1m), SlotEnergy.Of(3m)), (both.Merged.Import, both.Merged.Export));
        Assert.Equal(2, ledger.Count);
        Assert.Equal(1, ledger.Forget(slot.AddMinutes(1)));
    }
}
