using BRoute.Cli.Tests.Support;

namespace BRoute.Cli.Tests.Commands;

/// <summary><c>broute run --simulated-clock STATE</c>: a state file it cannot follow is a usage error that says why.</summary>
public sealed class RunSimulatedClockTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_missing_garbled_or_frozen_state_file_is_refused_before_anything_starts()
    {
        var frozen = _dir.Write("frozen.json", """{"start":"2026-11-27T10:10:00+09:00","host_start":"2026-12-05T13:00:00+00:00","seed":1,"time_scale":0}""");
        var garbled = _dir.Write("garbled.json", "{");

        var missing = await CliRun.InvokeAsync(string.Empty, "run", "--simulated-clock", _dir.File("none.json"));
        var bad = await CliRun.InvokeAsync(string.Empty, "run", "--simulated-clock", garbled);
        var still = await CliRun.InvokeAsync(string.Empty, "run", "--simulated-clock", frozen);

        Assert.Equal((BrouteProcess.UsageOrInput, BrouteProcess.UsageOrInput, BrouteProcess.UsageOrInput), (missing.ExitCode, bad.ExitCode, still.ExitCode));
        Assert.StartsWith("broute run: --simulated-clock: ", missing.Error, StringComparison.Ordinal);
        Assert.Contains("none.json", missing.Error, StringComparison.Ordinal);
        Assert.Contains("is not a simulator state", bad.Error, StringComparison.Ordinal);
        Assert.Contains("clock is frozen", still.Error, StringComparison.Ordinal);
    }
}
