using BenchmarkDotNet.Running;

namespace BRoute.Benchmarks;

/// <summary>
/// Runs the benchmarks picked by the command-line filter, e.g. <c>-- --filter '*Frame*'</c>, or the read
/// comparison harness: <c>-- compare</c> (<see cref="ReadComparisonBenchmark"/>), or the whole-process decode
/// throughput: <c>-- decode</c> (<see cref="DecodeThroughputBenchmark"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if ((ReadComparisonBenchmark.TryRun(args) ?? DecodeThroughputBenchmark.TryRun(args) ?? ApiBenchmark.TryRun(args) ?? RememberBenchmark.TryRun(args)) is { } harness)
        {
            return harness.GetAwaiter().GetResult();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
