using System.Diagnostics;
using CsCheck;

namespace BRoute.Fuzz;

/// <summary>What one run of a target did.</summary>
public sealed record FuzzResult(string Target, long Inputs, TimeSpan Elapsed, string? Failure)
{
    public double InputsPerSecond => Inputs / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>
/// A named property over generated inputs. <see cref="Run"/> samples it with CsCheck: on the first failure CsCheck
/// shrinks the input and reports the seed that reproduces it (<c>--seed</c>).
/// </summary>
public abstract class FuzzTarget
{
    protected FuzzTarget(string name, string description)
    {
        Name = name;
        Description = description;
    }

    public string Name { get; }

    public string Description { get; }

    /// <summary>Runs <paramref name="inputs"/> inputs; throws (with the seed in the message) when the property fails.</summary>
    public abstract void Check(long inputs, int threads, string? seed = null);

    /// <summary>Runs and times; a failure is returned, not thrown.</summary>
    public FuzzResult Run(long inputs, int threads, string? seed = null)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            Check(inputs, threads, seed);
            return new FuzzResult(Name, inputs, watch.Elapsed, null);
        }
        catch (Exception ex)
        {
            return new FuzzResult(Name, inputs, watch.Elapsed, ex.Message);
        }
    }
}

/// <summary>A target over one generator.</summary>
public sealed class FuzzTarget<T>(string name, string description, Gen<T> gen, Action<T> property) : FuzzTarget(name, description)
{
    public override void Check(long inputs, int threads, string? seed = null) =>
        gen.Sample(property, seed: seed, iter: inputs, threads: threads);
}

/// <summary>Thrown by a property that does not hold.</summary>
public sealed class PropertyFailedException(string message) : Exception(message);

/// <summary>Asserting without a test framework (the targets run in the console too).</summary>
public static class Expect
{
    public static void That(bool condition, string what)
    {
        if (!condition)
        {
            throw new PropertyFailedException(what);
        }
    }

    /// <summary>Bytes allocated on this thread while <paramref name="action"/> ran.</summary>
    public static long Allocated(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
