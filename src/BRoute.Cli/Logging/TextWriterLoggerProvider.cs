using System.Globalization;
using Microsoft.Extensions.Logging;

namespace BRoute.Cli.Logging;

/// <summary>
/// Writes log lines synchronously to one writer (the command's standard error), each passed through
/// a <see cref="SecretRedactor"/> first: <c>08:30:00.123 trce SkDevice: &gt;&gt; SKSETPWD C ************</c>.
/// The driver already masks SKSETPWD/SKSETRBID; this is the second lock on the door. Without --verbose (a
/// <c>plainPrefix</c> given) no log-format line reaches the user: each warning is said once, in plain words,
/// <c>broute read: warning: EVENT 24 (PANA failed) in phase Joining</c>, however often the session logs it.
/// </summary>
internal sealed class TextWriterLoggerProvider : ILoggerProvider
{
    private readonly TextWriter _writer;
    private readonly LogLevel _minimum;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly string? _plainPrefix;
    private readonly HashSet<string> _said = new(StringComparer.Ordinal);

    /// <param name="writer">Where the lines go (standard error).</param>
    /// <param name="minimum">The lowest level written.</param>
    /// <param name="redactor">Applied to every line.</param>
    /// <param name="time">The clock of the time stamps.</param>
    /// <param name="plainPrefix">"broute read": plain lines, each message once, no time stamp or category; null = log format.</param>
    public TextWriterLoggerProvider(TextWriter writer, LogLevel minimum, SecretRedactor redactor, TimeProvider time, string? plainPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(time);
        _writer = writer;
        _minimum = minimum;
        _redactor = redactor;
        _time = time;
        _plainPrefix = plainPrefix;
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
        if (_plainPrefix is not null)
        {
            WritePlain(level, message, exception);
            return;
        }

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

    private void WritePlain(LogLevel level, string message, Exception? exception)
    {
        var kind = level >= LogLevel.Error ? "error" : level == LogLevel.Warning ? "warning" : "note";
        var text = exception is null ? message : $"{message} ({exception.Message})";
        var line = _redactor.Redact($"{_plainPrefix}: {kind}: {text}");
        lock (_gate)
        {
            if (_said.Add(line))
            {
                _writer.WriteLine(line);
            }
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
