using System.Globalization;
using Microsoft.Extensions.Logging;

namespace BRoute.Cli.Logging;

/// <summary>
/// Writes log lines synchronously to one writer (the command's standard error), each passed through
/// a <see cref="SecretRedactor"/> first: <c>08:30:00.123 trce SkDevice: &gt;&gt; SKSETPWD C ************</c>.
/// The driver already masks SKSETPWD/SKSETRBID; this is the second lock on the door.
/// </summary>
internal sealed class TextWriterLoggerProvider : ILoggerProvider
{
    private readonly TextWriter _writer;
    private readonly LogLevel _minimum;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    public TextWriterLoggerProvider(TextWriter writer, LogLevel minimum, SecretRedactor redactor, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(time);
        _writer = writer;
        _minimum = minimum;
        _redactor = redactor;
        _time = time;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, ShortName(categoryName));

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Flush();
        }
    }

    private static string ShortName(string category)
    {
        var dot = category.LastIndexOf('.');
        return dot >= 0 && dot < category.Length - 1 ? category[(dot + 1)..] : category;
    }

    private static string LevelText(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var at = _time.GetLocalNow().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        var line = $"{at} {LevelText(level)} {category}: {message}";
        if (exception is not null)
        {
            // Stack traces only when the user asked for detail.
            line += _minimum <= LogLevel.Debug ? Environment.NewLine + exception : $" ({exception.GetType().Name}: {exception.Message})";
        }

        line = _redactor.Redact(line);
        lock (_gate)
        {
            _writer.WriteLine(line);
        }
    }

    private sealed class Logger(TextWriterLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= owner._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (IsEnabled(logLevel))
            {
                owner.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
