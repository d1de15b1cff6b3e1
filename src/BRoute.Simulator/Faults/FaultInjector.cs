using BRoute.Simulator.Stats;
using BRoute.Simulator.Timing;

namespace BRoute.Simulator.Faults;

/// <summary>Decides, deterministically from the seed, when a fault happens, and counts every injection.</summary>
internal sealed class FaultInjector
{
    private readonly FaultOptions _options;
    private readonly SimulatorStats _stats;
    private readonly DeterministicRandom _random;
    private int _joins;
    private int _solicitations;

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

    /// <summary>Whether this Neighbor Solicitation of an SKSENDTO goes unanswered (unanswered-ns: the first N do).</summary>
    public bool SolicitationUnanswered()
    {
        if (_solicitations >= _options.UnansweredSolicitations)
        {
            return false;
        }

        _solicitations++;
        _stats.Fault(FaultKind.UnansweredNs);
        return true;
    }

    /// <summary>Whether this join must fail although the credentials are right (auth-fail-first, auth-fail).</summary>
    public bool ForcedJoinFailure()
    {
        _joins++;
        if (_joins <= _options.AuthFailFirst)
        {
            _stats.Fault(FaultKind.AuthFailFirst);
            return true;
        }

        return Roll(FaultKind.AuthFail);
    }
}
