using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BRoute.Tests.Session.Support;

/// <summary>Keeps every formatted log line, all levels enabled (Trace included: the driver's serial dialogue).</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Text)> Entries => [.. _entries];

    public int Count => _entries.Count;

    public string AllText => string.Join('\n', _entries.Select(e => e.Text));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var text = formatter(state, exception);
        if (exception is not null)
        {
            text += " | " + exception;
        }

        _entries.Enqueue((logLevel, text));
    }
}
