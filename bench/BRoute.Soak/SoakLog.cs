using Microsoft.Extensions.Logging;

namespace BRoute.Soak;

/// <summary>The daemon's log lines at or above a level, stamped with the simulated time, to the soak's log.</summary>
internal sealed class SoakLog(TimeProvider clock, LogLevel minimum, Action<string> sink) : ILoggerProvider
{
    private bool Enabled(LogLevel level) => level >= minimum;

    private void Write(string line) => sink($"  {clock.GetUtcNow().ToOffset(TimeSpan.FromHours(9)):MM-dd HH:mm:ss.fff} {line}");

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(SoakLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => owner.Enabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write($"{logLevel} {category}: {formatter(state, exception)}");
            }
        }
    }
}
