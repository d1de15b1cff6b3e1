using BRoute.Simulator.Stats;
using BRoute.Simulator.Timing;

namespace BRoute.Simulator.Faults;

/// <summary>Decides, deterministically from the seed, when a fault happens, and counts every injection.</summary>
internal sealed class FaultInjector
{
    private readonly FaultOptions _options;
    private readonly SimulatorStats _stats;
    private readonly DeterministicRandom _random;
    private readonly Dictionary<string, int> _taken = [];

    public FaultInjector(FaultOptions options, ulong seed, SimulatorStats stats)
    {
        _options = options;
        _stats = stats;
        _random = new DeterministicRandom(seed, "faults");
    }

    public FaultOptions Options => _options;

    /// <summary>Random draws for fault content (garbage bytes, positions).</summary>
    public DeterministicRandom Random => _random;

    /// <summary>
    /// Rolls a probability fault; counts it when it fires. A fault that is not configured draws nothing, so rolling
    /// it does not shift the seeded sequence of runs without the fault.
    /// </summary>
    public bool Roll(string kind)
    {
        if (!_random.Chance(_options.P(kind)))
        {
            return false;
        }

        _stats.Fault(kind);
        return true;
    }

    /// <summary>Counts a fault that fired by schedule.</summary>
    public void Count(string kind) => _stats.Fault(kind);

    /// <summary>Whether this event is one of the first N of a counted fault (<see cref="FaultKind.Counted"/>); counts it when it is.</summary>
    public bool TakeFirst(string kind)
    {
        _taken.TryGetValue(kind, out var taken);
        if (taken >= _options.Count(kind))
        {
            return false;
        }

        _taken[kind] = taken + 1;
        _stats.Fault(kind);
        return true;
    }

    /// <summary>Whether this Neighbor Solicitation of an SKSENDTO goes unanswered (unanswered-ns: the first N do).</summary>
    public bool SolicitationUnanswered() => TakeFirst(FaultKind.UnansweredNs);

    /// <summary>Whether this join must fail although the credentials are right (auth-fail-first, auth-fail).</summary>
    public bool ForcedJoinFailure() => TakeFirst(FaultKind.AuthFailFirst) || Roll(FaultKind.AuthFail);
}
