using BRoute.Cli.History;

namespace BRoute.Cli.Tests.History;

public sealed class ProgressLineTests
{
    [Fact]
    public void On_a_terminal_one_line_is_redrawn_and_a_shorter_line_wipes_the_longer_one()
    {
        using var text = new StringWriter();
        var progress = new TerminalProgressLine(text, "history");

        progress.Report(0, 4, "2026-01-10 (a long note)");
        progress.Report(2, 4, "2026-01-12");
        progress.Finish("done");

        var parts = text.ToString().Split('\r');
        Assert.Equal(string.Empty, parts[0]);
        Assert.Equal("history [------------------------]   0/4  2026-01-10 (a long note)", parts[1]);
        Assert.Equal("history [############------------]   2/4  2026-01-12" + new string(' ', 14), parts[2]);
        Assert.StartsWith("done ", parts[3], StringComparison.Ordinal);
        Assert.EndsWith("\n", parts[3], StringComparison.Ordinal);
        Assert.Equal(parts[2].TrimEnd().Length, parts[3].Length - 1); // the summary wiped the bar
    }

    [Fact]
    public void On_a_terminal_the_time_left_is_shown_once_known_and_plain_lines_stay_plain()
    {
        using var text = new StringWriter();
        new TerminalProgressLine(text, "history").Report(2, 4, "2026-01-12", TimeSpan.FromSeconds(80.2));
        Assert.EndsWith("2/4  2026-01-12  about 1 min 21 s left", text.ToString(), StringComparison.Ordinal);
        Assert.Equal(["45 s", "3 min 20 s", "1 h 5 min"], new[] { 45, 200, 3900 }.Select(s => TerminalProgressLine.Duration(TimeSpan.FromSeconds(s))));

        using var plain = new StringWriter();
        new PlainProgressLine(plain, "history").Report(2, 4, "2026-01-12", TimeSpan.FromSeconds(80));
        Assert.Equal("history: 2/4 2026-01-12\n", plain.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Zero_total_and_overshoot_keep_the_bar_inside_its_width()
    {
        using var text = new StringWriter();
        var progress = new TerminalProgressLine(text, "h");
        progress.Report(0, 0, string.Empty);
        progress.Report(9, 4, string.Empty);

        Assert.All(text.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries), line =>
            Assert.Equal(TerminalProgressLine.BarWidth, line[(line.IndexOf('[') + 1)..line.IndexOf(']')].Length));
    }

    [Fact]
    public void In_a_log_or_pipe_each_step_is_a_plain_line()
    {
        using var text = new StringWriter();
        var progress = new PlainProgressLine(text, "history");

        progress.Report(1, 3, "2026-01-12");
        progress.Finish("3 day(s) stored");

        Assert.Equal("history: 1/3 2026-01-12\n3 day(s) stored\n", text.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_display_follows_whether_standard_error_is_a_terminal()
    {
        using var error = new StringWriter();
        var pipe = new CliConsole(TextReader.Null, TextWriter.Null, error);
        var tty = new CliConsole(TextReader.Null, TextWriter.Null, error) { IsErrorRedirected = false };

        Assert.IsType<PlainProgressLine>(ProgressLine.Create(pipe, "x"));
        Assert.IsType<TerminalProgressLine>(ProgressLine.Create(tty, "x"));
    }
}
