namespace BRoute.Cli.Tests.Commands;

/// <summary><c>broute decode</c> on input with a line longer than any ERXUDP: reported, skipped, the rest decoded.</summary>
public sealed class DecodeLongLineTests
{
    private const string Frame = "1081000102880105FF017201E70400000274";

    [Fact]
    public async Task A_multi_megabyte_line_is_an_error_with_its_line_number_and_the_frames_around_it_decode()
    {
        var input = $"{Frame}\n{new string('F', 3_000_000)}\n{Frame}\n";

        var run = await CliRun.InvokeAsync(input, "decode", "--json");

        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        Assert.Equal(2, run.OutputLines.Length);
        Assert.StartsWith("{\"line\":1,", run.OutputLines[0], StringComparison.Ordinal);
        Assert.StartsWith("{\"line\":3,", run.OutputLines[1], StringComparison.Ordinal);
        Assert.Equal(
            "line 2: the line is 3,000,000 characters long, more than any ERXUDP line (132,094 at most, a 65,535-byte payload in hex); skipped\n" +
            "decoded 2 frame(s), skipped 0 other line(s), 1 line(s) with errors\n",
            run.Error);
    }

    [Fact]
    public async Task An_argument_longer_than_any_erxudp_line_is_refused_the_same_way()
    {
        var run = await CliRun.InvokeAsync(string.Empty, "decode", Frame, new string('0', 200_000));

        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        Assert.Contains("628 W", run.Output, StringComparison.Ordinal);
        Assert.StartsWith("line 2: the line is 200,000 characters long", run.Error, StringComparison.Ordinal);
    }
}

/// <summary><c>broute decode</c> fed line by line (a tailed log, a person typing): each frame shows before more input comes.</summary>
public sealed class DecodeStreamingTests
{
    private const string Frame = "1081000102880105FF017201E70400000274";

    [Fact]
    public async Task A_frame_is_printed_before_the_next_line_arrives()
    {
        using var input = new TwoPartReader($"{Frame}\n", $"{Frame}\n");
        var output = new Support.WatchedWriter();
        using var error = new StringWriter();
        var run = Task.Run(() => Program.RunAsync(["decode", "--json"], new CliConsole(input, output, error)));

        var first = await output.WaitForLineAsync(l => l.StartsWith("{\"line\":1,", StringComparison.Ordinal));
        input.ReleaseSecondPart();
        var code = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("\"value\":628", first, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(2, output.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    /// <summary>Gives the first part, then blocks until the test releases the second (as a pipe with no data yet).</summary>
    private sealed class TwoPartReader(string first, string second) : TextReader
    {
        private readonly SemaphoreSlim _released = new(0);
        private int _part;

        public void ReleaseSecondPart() => _released.Release();

        public override int Read(char[] buffer, int index, int count)
        {
            switch (_part++)
            {
                case 0:
                    first.CopyTo(0, buffer, index, first.Length);
                    return first.Length;
                case 1:
                    Assert.True(_released.Wait(TimeSpan.FromSeconds(30)), "the first frame was not printed while input waited");
                    second.CopyTo(0, buffer, index, second.Length);
                    return second.Length;
                default:
                    return 0;
            }
        }

        protected override void Dispose(bool disposing)
        {
            _released.Dispose();
            base.Dispose(disposing);
        }
    }
}
