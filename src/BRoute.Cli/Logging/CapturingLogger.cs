using System.Globalization;
using Microsoft.Extensions.Logging;

namespace BRoute.Cli.Logging;

/// <summary>
/// Keeps every log line at every level (the dongle dialogue included) in memory, for the doctor's support
/// bundle, and passes each one on to <paramref name="inner"/> (the runner's stderr logger, which applies its
/// own level). Lines are kept as formatted; the bundle writer masks the credentials in them.
/// </summary>
internal sealed class CapturingLogger(ILogger inner, TimeProvider time) : ILogger
{
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];

    /// <summary>A copy of the lines so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var message = formatter(state, exception);
        var line = string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {logLevel,-11} {message}");
        if (exception is not null)
        {
            line += $" ({exception.GetType().Name}: {exception.Message})";
        }

        lock (_lock)
        {
            _lines.Add(line);
        }

        if (inner.IsEnabled(logLevel))
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
