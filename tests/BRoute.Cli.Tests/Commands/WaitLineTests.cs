using BRoute.Cli.Tests.Support;

namespace BRoute.Cli.Tests.Commands;

/// <summary>
/// A command right after another waits out the meter's quiet period after SKTERM (10 s): it says so on standard error
/// even in a pipe, in plain words, and no log-format line reaches the user without --verbose.
/// </summary>
[Collection(SimulatorCollection.Name)]
public sealed class WaitLineTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    // Real time: the second read says it waits when more than 2 s of the 10 s quiet period are left, so the machine may
    // stall up to 8 s between the two reads (a faster clock would shrink that margin by its factor).
    private readonly ScaledTimeProvider _time = new(factor: 1);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Back_to_back_reads_in_a_pipe_say_what_the_second_waits_for()
    {
        await using var sim = new TcpSimulator(_time);
        var args = SessionCli.DeviceArgs(sim, _dir.Path);

        var first = await SessionCli.RunAsync(_time, ["read", "E7", .. args]);
        var second = await SessionCli.RunAsync(_time, ["read", "E7", .. args]);

        Assert.True(first.ExitCode == ExitCodes.Success, first.Error);
        Assert.True(second.ExitCode == ExitCodes.Success, second.Error);
        Assert.DoesNotContain("waiting", first.Error, StringComparison.Ordinal);
        Assert.True(second.Error.Contains("waiting", StringComparison.Ordinal), second.Error + "\n---\n" + first.Error);
        var line = Assert.Single(second.Error.Split('\n'), l => l.Contains("waiting", StringComparison.Ordinal));
        Assert.Matches(@"^broute read: waiting \d+(\.\d)? s after the previous session's end \(SKTERM\) before joining", line);
        foreach (var run in new[] { first, second })
        {
            Assert.DoesNotMatch(@"(?m)^\d\d:\d\d:\d\d\.\d{3} ", run.Error); // no log-format line without --verbose
        }
    }
}
