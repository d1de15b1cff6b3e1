using BRoute.Storage;

namespace BRoute.Soak;

/// <summary>The verdict: every half-hour the meter holds, from the store, compared with the simulator's truth.</summary>
public sealed partial class DaemonSoak
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    private async Task<(int Checked, List<DateTimeOffset> Missing, List<SoakMismatch> Mismatched)> CompareAsync(DateTimeOffset settled, CancellationToken cancellationToken)
    {
        // The meter's truth is a function of its clock: the current simulator (the same meter) has all of it.
        // The window is what the meter holds at the start (today and 99 days before it: E5 selects day 0–99) up to now.
        var first = new DateTimeOffset(Start.ToOffset(Jst).Date.AddDays(-99), Jst);
        var truth = _sim!.TruthSlots().Where(t => t.SlotEnd >= first && t.SlotEnd <= settled).ToList();
        using var store = MeterStore.Open(new StoreOptions { Path = StorePath }, _clock);
        var stored = (await store.HalfHours.RangeAsync(MeterId, truth[0].SlotEnd, settled, cancellationToken).ConfigureAwait(false))
            .ToDictionary(h => h.SlotEnd);
        var missing = new List<DateTimeOffset>();
        var mismatched = new List<SoakMismatch>();
        foreach (var slot in truth)
        {
            if (!stored.TryGetValue(slot.SlotEnd, out var h))
            {
                missing.Add(slot.SlotEnd);
                continue;
            }

            if (h.Import.Kwh != slot.ImportKwh || h.Export.Kwh != slot.ExportKwh)
            {
                mismatched.Add(new SoakMismatch(slot.SlotEnd, slot.ImportKwh, slot.ExportKwh, $"import {h.Import} from {h.ImportSource}, export {h.Export} from {h.ExportSource}"));
            }
        }

        return (truth.Count, missing, mismatched);
    }
}
