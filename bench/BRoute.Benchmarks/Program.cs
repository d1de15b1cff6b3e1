using BenchmarkDotNet.Running;

namespace BRoute.Benchmarks;

/// <summary>Runs the benchmarks picked by the command-line filter, e.g. <c>-- --filter '*Frame*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
