using BRoute.Cli.Output;
using BRoute.Cli.Running;
using BRoute.Session;

namespace BRoute.Cli.Sessions;

/// <summary>
/// Shows what the session does while it connects (opening, scan steps, joins) on standard error: one line
/// redrawn in place on a terminal and erased by <see cref="Finish"/>; in a pipe or log, one line per report
/// when <c>lines</c> is set (scan), else only for a wait longer than <see cref="LongWait"/> (read, history: their
/// output stays clean, but a silent 10 s quiet period after the previous session's SKTERM looks like a hang): a quiet
/// period longer than that is printed at once, any other step once it has lasted that long. Reports that arrive after
/// <see cref="Finish"/> (re-connections later in the session's life) go to <see cref="AfterConnect"/>.
/// Thread-safe: the session reports from its own tasks.
/// </summary>
internal sealed class ProgressPrinter(DeviceCommandContext context, bool lines) : IProgress<SessionProgress>
{
    /// <summary>A step that lasts longer than this gets its line in a pipe too.</summary>
    public static readonly TimeSpan LongWait = TimeSpan.FromSeconds(2);

    private readonly TextWriter _error = context.Error;
    private readonly RedrawnLine? _terminal = context.Console.IsErrorRedirected ? null : new RedrawnLine(context.Error);
    private readonly Lock _lock = new();
    private bool _finished;
    private ITimer? _pending;
    private int _generation;

    /// <summary>Receives the reports after <see cref="Finish"/> (watch prints re-connections); null = dropped.</summary>
    public Action<SessionProgress>? AfterConnect { get; set; }

    public void Report(SessionProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Action<SessionProgress>? after;
        lock (_lock)
        {
            if (!_finished)
            {
                Show(context.Settings.Secrets.Redact($"broute {context.CommandName}: {value.Message}"), value.Stage == SessionStage.WaitingQuietPeriod ? value.Expected : null);
                return;
            }

            after = AfterConnect;
        }

        after?.Invoke(value);
    }

    /// <summary>Erases the terminal line; later reports go to <see cref="AfterConnect"/>.</summary>
    public void Finish()
    {
        lock (_lock)
        {
            _terminal?.Erase();
            _finished = true;
            _pending?.Dispose();
            _pending = null;
        }
    }

    private void Show(string line, TimeSpan? expected)
    {
        _pending?.Dispose();
        _pending = null;
        var generation = ++_generation;
        if (_terminal is not null)
        {
            _terminal.Draw(line);
        }
        else if (lines || expected > LongWait)
        {
            _error.WriteLine(line);
        }
        else
        {
            // Said only if this step is still the current one when the wait has become long.
            _pending = context.Time.CreateTimer(_ => ShowIfStill(line, generation), null, LongWait, Timeout.InfiniteTimeSpan);
        }
    }

    private void ShowIfStill(string line, int generation)
    {
        lock (_lock)
        {
            if (!_finished && generation == _generation)
            {
                _error.WriteLine(line);
            }
        }
    }
}
