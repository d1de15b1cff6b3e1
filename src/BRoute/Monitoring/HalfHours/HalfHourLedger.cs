using System.Diagnostics.CodeAnalysis;
using BRoute.EchonetLite.Meter;

namespace BRoute.Monitoring;

/// <summary>What <see cref="HalfHourLedger.Add"/> did with a copy.</summary>
public enum HalfHourMergeKind
{
    /// <summary>The first copy of the slot.</summary>
    New,

    /// <summary>The copy told more about a known slot: a number where there was "no data", or a direction not carried before.</summary>
    Completed,

    /// <summary>Nothing new: the slot already held exactly this (or more).</summary>
    Duplicate,

    /// <summary>The copy disagrees with a number already held: the held value stays, the disagreement is in <see cref="HalfHourMergeResult.Conflict"/>.</summary>
    Conflict,
}

/// <summary>The outcome of one <see cref="HalfHourLedger.Add"/>.</summary>
/// <param name="Kind">New, completed, duplicate or conflict.</param>
/// <param name="Merged">The slot as held after the copy (one value per direction).</param>
/// <param name="Changed">True when the merged slot changed (new, completed, or a conflict whose copy also completed the
/// other direction): what a store or a publisher should write.</param>
/// <param name="Conflict">The disagreement, on <see cref="HalfHourMergeKind.Conflict"/> only (the merged slot may still have
/// taken what the copy added in its other direction).</param>
public sealed record HalfHourMergeResult(HalfHourMergeKind Kind, HalfHour Merged, bool Changed, HalfHourConflictEvent? Conflict);

/// <summary>
/// The half-hour merge: copies of slots from notifications (EA/EB INF), Gets and history (E2/E4, EC), in any order and
/// with duplicates, give one value per meter, slot and direction. Per direction a number beats "no data", which beats
/// "not supported", which beats absent; two different numbers are a disagreement: the value seen first is kept and the
/// other is reported as a <see cref="HalfHourConflictEvent"/> (once per distinct disagreeing value), never dropped
/// silently. The merged slot's <see cref="HalfHour.Source"/> is the source of the copy that first gave its import value
/// (or the first copy, while no import value is known). Thread-safe.
/// </summary>
public sealed class HalfHourLedger
{
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string MeterId, DateTimeOffset SlotEnd), Entry> _slots = [];
    private readonly List<HalfHourConflictEvent> _conflicts = [];

    /// <param name="time">Stamps the conflict events (default the system clock).</param>
    public HalfHourLedger(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>Slots held.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _slots.Count;
            }
        }
    }

    /// <summary>Every disagreement reported so far, in the order seen.</summary>
    public IReadOnlyList<HalfHourConflictEvent> Conflicts
    {
        get
        {
            lock (_lock)
            {
                return [.. _conflicts];
            }
        }
    }

    /// <summary>
    /// Merges the copies in the order given; returns the merged slots (by meter, then slot end) and every disagreement.
    /// </summary>
    public static (IReadOnlyList<HalfHour> Slots, IReadOnlyList<HalfHourConflictEvent> Conflicts) Merge(IEnumerable<HalfHour> copies, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(copies);
        var ledger = new HalfHourLedger(time);
        foreach (var copy in copies)
        {
            ledger.Add(copy);
        }

        return (ledger.All(), ledger.Conflicts);
    }

    /// <summary>Merges one copy of a slot.</summary>
    public HalfHourMergeResult Add(HalfHour copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        lock (_lock)
        {
            var key = (copy.MeterId, copy.SlotEnd);
            if (!_slots.TryGetValue(key, out var entry))
            {
                _slots.Add(key, new Entry(copy));
                return new HalfHourMergeResult(HalfHourMergeKind.New, copy, true, null);
            }

            var held = entry.Merged;
            var (import, importChanged, importConflict) = Combine(held.Import, copy.Import);
            var (export, exportChanged, exportConflict) = Combine(held.Export, copy.Export);
            if (importChanged || exportChanged)
            {
                // What the copy adds where it does not disagree is taken even when the other direction disagrees.
                var source = held.Import.Status != ValueStatus.Ok && import.Status == ValueStatus.Ok ? copy.Source : held.Source;
                entry.Merged = held with { Import = import, Export = export, Source = source };
            }

            // Report each distinct disagreeing value once; a duplicate of a reported disagreement is not news.
            var fresh = (importConflict && entry.Disputed.Add((false, copy.Import.Kwh!.Value)))
                | (exportConflict && entry.Disputed.Add((true, copy.Export.Kwh!.Value)));
            if (fresh)
            {
                var conflict = new HalfHourConflictEvent(_time.GetUtcNow(), held, copy);
                _conflicts.Add(conflict);
                return new HalfHourMergeResult(HalfHourMergeKind.Conflict, entry.Merged, importChanged || exportChanged, conflict);
            }

            return new HalfHourMergeResult(importChanged || exportChanged ? HalfHourMergeKind.Completed : HalfHourMergeKind.Duplicate, entry.Merged, importChanged || exportChanged, null);
        }
    }

    /// <summary>The merged slot of <paramref name="meterId"/> ending at <paramref name="slotEnd"/>, if held.</summary>
    public bool TryGet(string meterId, DateTimeOffset slotEnd, [NotNullWhen(true)] out HalfHour? merged)
    {
        lock (_lock)
        {
            merged = _slots.TryGetValue((meterId, slotEnd), out var entry) ? entry.Merged : null;
            return merged is not null;
        }
    }

    /// <summary>Every merged slot, by meter, then slot end.</summary>
    public IReadOnlyList<HalfHour> All()
    {
        lock (_lock)
        {
            return [.. _slots.Values.Select(e => e.Merged).OrderBy(h => h.MeterId, StringComparer.Ordinal).ThenBy(h => h.SlotEnd)];
        }
    }

    /// <summary>Forgets slots ending before <paramref name="before"/> (to bound memory); returns how many.</summary>
    public int Forget(DateTimeOffset before)
    {
        lock (_lock)
        {
            var old = _slots.Keys.Where(k => k.SlotEnd < before).ToList();
            foreach (var key in old)
            {
                _slots.Remove(key);
            }

            return old.Count;
        }
    }

    /// <summary>Per direction: the better-informed of the two, whether that changed the held one, and whether two numbers disagree.</summary>
    private static (SlotEnergy Value, bool Changed, bool Conflict) Combine(SlotEnergy held, SlotEnergy copy)
    {
        if (held.Kwh is decimal a && copy.Kwh is decimal b)
        {
            return (held, false, a != b);
        }

        return Rank(copy) > Rank(held) ? (copy, true, false) : (held, false, false);
    }

    private static int Rank(SlotEnergy energy) => energy.Status switch
    {
        ValueStatus.Ok => 3,
        ValueStatus.NoData => 2,
        null => 0,
        _ => 1,
    };

    private sealed class Entry(HalfHour first)
    {
        public HalfHour Merged { get; set; } = first;

        public HashSet<(bool Export, decimal Kwh)> Disputed { get; } = [];
    }
}
