using System.Globalization;
using BRoute.Cli.Output;

namespace BRoute.Cli.History;

/// <summary>Progress of a long command (history days) on standard error.</summary>
internal interface IProgressLine
{
    /// <summary><paramref name="done"/> of <paramref name="total"/> steps, with a short note (e.g. the day) and, once known, the time still needed.</summary>
    void Report(int done, int total, string detail, TimeSpan? left = null);

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

/// <summary>A bar redrawn in place with CR: <c>history [########----------------]  8/30  2026-01-03  about 1 min 20 s left</c>.</summary>
internal sealed class TerminalProgressLine(TextWriter writer, string label) : IProgressLine
{
    public const int BarWidth = 24;
    private readonly RedrawnLine _line = new(writer);

    public void Report(int done, int total, string detail, TimeSpan? left = null)
    {
        var filled = total <= 0 ? BarWidth : (int)((long)Math.Clamp(done, 0, total) * BarWidth / total);
        var eta = left is { } l ? $"  about {Duration(l)} left" : string.Empty;
        _line.Draw(string.Create(CultureInfo.InvariantCulture, $"{label} [{new string('#', filled)}{new string('-', BarWidth - filled)}] {done,3}/{total}  {detail}{eta}"));
    }

    /// <summary>"45 s", "3 min 20 s", "1 h 5 min".</summary>
    public static string Duration(TimeSpan span)
    {
        var seconds = (long)Math.Ceiling(Math.Max(span.TotalSeconds, 0));
        return seconds < 60 ? string.Create(CultureInfo.InvariantCulture, $"{seconds} s")
            : seconds < 3600 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60} min {seconds % 60} s")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600} h {seconds % 3600 / 60} min");
    }

    public void Finish(string summary) => _line.End(summary);
}

/// <summary>One line per step, for logs and pipes: <c>history: 8/30 2026-01-03</c>.</summary>
internal sealed class PlainProgressLine(TextWriter writer, string label) : IProgressLine
{
    public void Report(int done, int total, string detail, TimeSpan? left = null) =>
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {done}/{total} {detail}"));

    public void Finish(string summary) => writer.WriteLine(summary);
}
