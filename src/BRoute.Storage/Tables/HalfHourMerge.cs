using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;

namespace BRoute.Storage.Tables;

/// <summary>
/// The store's rule for a second copy of a slot, per direction (import, export):
/// <list type="bullet">
/// <item>the new copy lacks the direction (absent) → the stored value stays;</item>
/// <item>nothing stored yet → the new value is taken (any status);</item>
/// <item>the same status and kWh → nothing changes (idempotent);</item>
/// <item>stored "no data", new real kWh → the kWh completes the slot (the meter had it later, e.g. E2 after a lost EA);</item>
/// <item>anything else (two kWh that differ, a kWh then "no data", not-supported against a value) → the stored value
/// stays and a <c>half_hour_conflict</c> event records both copies. Never overwritten silently.</item>
/// </list>
/// </summary>
public static class HalfHourMerge
{
    /// <summary>What merging a new copy of one direction into the stored one gives.</summary>
    public enum Outcome
    {
        /// <summary>Nothing changes.</summary>
        Keep,

        /// <summary>The new value is stored (first value, or a real kWh completing "no data").</summary>
        Take,

        /// <summary>The copies disagree: the stored one stays, the disagreement is recorded.</summary>
        Conflict,
    }

    /// <summary>Merges the <paramref name="incoming"/> copy of one direction into the <paramref name="stored"/> one.</summary>
    public static Outcome Merge(SlotEnergy stored, SlotEnergy incoming)
    {
        if (incoming.IsAbsent || Same(stored, incoming))
        {
            return Outcome.Keep;
        }

        if (stored.IsAbsent || (stored.Status == ValueStatus.NoData && incoming.Status == ValueStatus.Ok))
        {
            return Outcome.Take;
        }

        return Outcome.Conflict;
    }

    private static bool Same(SlotEnergy a, SlotEnergy b) => a.Status == b.Status && a.Kwh == b.Kwh;
}
