using BRoute.Monitoring;
using BRoute.Storage.Tables;
using BRoute.Storage.Tests.Support;
using CsCheck;

namespace BRoute.Storage.Tests;

/// <summary>Whatever copies arrive in whatever order, storing them all again changes nothing (upserts are idempotent).</summary>
public sealed class ReplayPropertyTests
{
    private static readonly Gen<SlotEnergy> Energy = Gen.Int[0, 5].Select(i => i switch
    {
        0 => SlotEnergy.Absent,
        1 => SlotEnergy.NoData,
        _ => SlotEnergy.Of(10m + (i / 10m)),
    });

    private static readonly Gen<HalfHour> Copy =
        Gen.Select(Gen.Int[1, 6], Energy, Energy, Gen.Enum<ValueSource>(), (slot, import, export, source) => new HalfHour(Samples.MeterId, Samples.Slot(slot), import, export, source));

    [Fact]
    public void Replaying_every_copy_leaves_the_store_as_it_was()
    {
        Copy.Array[1, 30].Sample(
            copies =>
            {
                using var f = new StoreFixture();
                var ct = CancellationToken.None;
                foreach (var c in copies)
                {
                    f.Store.HalfHours.UpsertAsync(c, ct).GetAwaiter().GetResult();
                }

                var before = Snapshot(f.Store);
                var conflictsBefore = f.Store.Events.RangeAsync(null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100), ct).GetAwaiter().GetResult().Count;
                f.Time.Advance(TimeSpan.FromHours(1));
                var changed = copies.Select(c => f.Store.HalfHours.UpsertAsync(c, ct).GetAwaiter().GetResult()).Count(w => w.Inserted || w.Changed);

                Assert.Equal(0, changed);
                Assert.Equal(before, Snapshot(f.Store));

                // Only copies that disagree with what is stored are reported again, never one that agrees.
                var all = f.Store.Events.RangeAsync(null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100), ct).GetAwaiter().GetResult();
                Assert.All(all, e => Assert.Equal(StoreEventKinds.HalfHourConflict, e.Kind));
                Assert.True(all.Count >= conflictsBefore);
            },
            iter: 40);
    }

    private static List<string> Snapshot(MeterStore store)
        => store.HalfHours.RangeAsync(Samples.MeterId, Samples.Slot(0), Samples.Slot(10), CancellationToken.None).GetAwaiter().GetResult()
            .Select(r => $"{r.SlotEnd:O} {r.Import} {r.Export} {r.ImportSource} {r.ExportSource} {r.ImportDeltaKwh} {r.ExportDeltaKwh} {r.Updated:O} {r.Sequence}")
            .ToList();
}
