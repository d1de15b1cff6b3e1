using BRoute.Cli.Logging;

namespace BRoute.Cli.Output;

/// <summary>
/// Whole lines to one writer from several tasks (watch: readings, notifications, re-connections), each
/// redacted and flushed so a reader following the output sees it at once.
/// </summary>
internal sealed class LockedLines(TextWriter writer, SecretRedactor redactor)
{
    private readonly Lock _lock = new();

    public void Line(string text)
    {
        var line = redactor.Redact(text);
        lock (_lock)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
