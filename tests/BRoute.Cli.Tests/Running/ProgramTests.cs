using System.CommandLine;

namespace BRoute.Cli.Tests.Running;

/// <summary>What escapes a command that does not use the device runner is still mapped, in <see cref="Program.InvokeAsync"/>.</summary>
public sealed class ProgramTests
{
    private static async Task<CliRun> RunAsync(Func<ParseResult, CancellationToken, Task<int>> action, CancellationToken cancellationToken = default)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(TextReader.Null, output, error);
        var command = new Command("boom");
        command.SetAction(action);
        var root = new RootCommand("test") { command };
        var code = await Program.InvokeAsync(root, ["boom"], console, cancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task An_unexpected_exception_is_an_internal_error_on_one_line()
    {
        var run = await RunAsync((_, _) => throw new InvalidOperationException("oops"));

        Assert.Equal(ExitCodes.InternalError, run.ExitCode);
        Assert.Equal("broute boom: internal error: InvalidOperationException: oops; please report it with the output of --verbose", run.Error.Trim());
    }

    [Fact]
    public async Task Cancellation_by_the_token_is_interrupted()
    {
        using var ctrlC = new CancellationTokenSource();
        var run = await RunAsync(
            async (_, ct) =>
            {
                await ctrlC.CancelAsync();
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return 0;
            },
            ctrlC.Token);

        Assert.Equal(ExitCodes.Interrupted, run.ExitCode);
        Assert.Equal("broute boom: interrupted", run.Error.Trim());
    }

    [Fact]
    public async Task A_parse_error_is_a_usage_error_with_a_hint()
    {
        var run = await CliRun.InvokeAsync(string.Empty, "frobnicate");

        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        Assert.Contains("frobnicate", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("Run 'broute help' for the commands.", run.Error.Trim(), StringComparison.Ordinal);
    }
}
