using BRoute.Monitoring;

namespace BRoute.Metrics;

/// <summary>
/// The energy of the latest complete half-hour of one meter, from consecutive cumulative registers: slot S's energy is
/// register(S) − register(S − 30 min), across the D7 wrap (<see cref="HalfHourConsumption"/>, the one rule). Nothing is guessed: without the previous slot, or with a
/// "no data" neighbour, there is no value.
/// </summary>
internal sealed class HalfHourDeltas
{
    private const int Kept = 8;
    private static readonly TimeSpan Slot = TimeSpan.FromMinutes(30);
    private readonly SortedDictionary<DateTimeOffset, (decimal? Import, decimal? Export)> _registers = [];

    /// <summary>The newest slot end whose energy is known, with the energies (null per direction when not known).</summary>
    public (DateTimeOffset SlotEnd, decimal? ImportKwh, decimal? ExportKwh)? Latest { get; private set; }

    /// <summary>Adds a slot's registers; returns true when <see cref="Latest"/> changed.</summary>
    public bool Add(HalfHour halfHour, decimal? wrapKwh)
    {
        var slot = halfHour.SlotEnd;
        _registers.TryGetValue(slot, out var known);
        var merged = (Pick(halfHour.Import, known.Import), Pick(halfHour.Export, known.Export));
        _registers[slot] = merged;
        while (_registers.Count > Kept)
        {
            _registers.Remove(_registers.Keys.First());
        }

        var changed = false;
        foreach (var end in new[] { slot, slot + Slot })
        {
            if (Latest is { } latest && end < latest.SlotEnd)
            {
                continue;
            }

            if (!_registers.TryGetValue(end, out var now) || !_registers.TryGetValue(end - Slot, out var before))
            {
                continue;
            }

            var import = HalfHourConsumption.Between(Energy(before.Import), Energy(now.Import), wrapKwh);
            var export = HalfHourConsumption.Between(Energy(before.Export), Energy(now.Export), wrapKwh);
            if (import is null && export is null)
            {
                continue;
            }

            Latest = (end, import, export);
            changed = true;
        }

        return changed;
    }

    private static decimal? Pick(SlotEnergy energy, decimal? known) => energy.IsAbsent ? known : energy.Kwh;

    private static SlotEnergy Energy(decimal? kwh) => kwh is decimal k ? SlotEnergy.Of(k) : SlotEnergy.Absent;
}
