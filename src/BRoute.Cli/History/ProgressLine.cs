using System.Globalization;
using BRoute.Cli.Output;

namespace BRoute.Cli.History;

/// <summary>Progress of a long command (history days) on standard error.</summary>
internal interface IProgressLine
{
    /// <summary><paramref name="done"/> of <paramref name="total"/> steps, with a short note (e.g. the day).</summary>
    void Report(int done, int total, string detail);

    /// <summary>Ends the progress display with a summary line.</summary>
    void Finish(string summary);
}

/// <summary>Chooses the display: one redrawn line on a terminal, plain lines otherwise (logs, pipes).</summary>
internal static class ProgressLine
{
    public static IProgressLine Create(CliConsole console, string label)
    {
        ArgumentNullException.ThrowIfNull(console);
        return console.IsErrorRedirected ? new PlainProgressLine(console.Error, label) : new TerminalProgressLine(console.Error, label);
    }
}

/// <summary>A bar redrawn in place with CR: <c>history [########----------------]  8/30  2026-01-03</c>.</summary>
internal sealed class TerminalProgressLine(TextWriter writer, string label) : IProgressLine
{
    public const int BarWidth = 24;
    private readonly RedrawnLine _line = new(writer);

    public void Report(int done, int total, string detail)
    {
        var filled = total <= 0 ? BarWidth : (int)((long)Math.Clamp(done, 0, total) * BarWidth / total);
        _line.Draw(string.Create(CultureInfo.InvariantCulture, $"{label} [{new string('#', filled)}{new string('-', BarWidth - filled)}] {done,3}/{total}  {detail}"));
    }

    public void Finish(string summary) => _line.End(summary);
}

/// <summary>One line per step, for logs and pipes: <c>history: 8/30 2026-01-03</c>.</summary>
internal sealed class PlainProgressLine(TextWriter writer, string label) : IProgressLine
{
    public void Report(int done, int total, string detail) =>
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {done}/{total} {detail}"));

    public void Finish(string summary) => writer.WriteLine(summary);
}
