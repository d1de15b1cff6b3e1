using BRoute.Cli.Tests.Support;

namespace BRoute.Cli.Tests.Running;

/// <summary>Signals reach the real process: a command that ignores its token is abandoned after the grace period with 130.</summary>
public sealed class SignalProcessTests
{
    [Fact]
    public async Task Sigterm_to_a_command_blocked_on_standard_input_exits_130_after_the_grace_period()
    {
        using var p = BrouteProcess.StartWithInput("decode");
        await p.Input.WriteLineAsync("1081000102880105FF017201E70400000274");
        await p.Input.FlushAsync();
        await p.WaitForLineAsync("line 1"); // decoded: Main has registered its handlers, decode waits for the next line

        p.Terminate();

        Assert.Equal(BrouteProcess.Interrupted, await p.WaitForExitAsync());
        Assert.Contains("broute: still busy 5 s after the signal; exiting", p.Output, StringComparison.Ordinal);
    }
}
