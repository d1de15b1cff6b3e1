namespace BRoute.Tests.Monitoring.Support;

/// <summary>
/// Tests of many simulated hours run alone, after the parallel ones: the harness moves the clock only when the
/// process is quiet, and dozens of session tests running beside them would make their real time many times longer.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LongRunCollection
{
    public const string Name = "long simulated runs";
}
