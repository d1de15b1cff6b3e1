using BRoute.Cli.Output;
using BRoute.Cli.Running;
using BRoute.Session;

namespace BRoute.Cli.Sessions;

/// <summary>
/// Shows what the session does while it connects (opening, scan steps, joins) on standard error: one line
/// redrawn in place on a terminal and erased by <see cref="Finish"/>; in a pipe or log, one line per report
/// when <c>lines</c> is set (scan), else nothing (read, history: their output stays clean). Reports that arrive
/// after <see cref="Finish"/> (re-connections later in the session's life) go to <see cref="AfterConnect"/>.
/// Thread-safe: the session reports from its own tasks.
/// </summary>
internal sealed class ProgressPrinter(DeviceCommandContext context, bool lines) : IProgress<SessionProgress>
{
    private readonly TextWriter _error = context.Error;
    private readonly RedrawnLine? _terminal = context.Console.IsErrorRedirected ? null : new RedrawnLine(context.Error);
    private readonly Lock _lock = new();
    private bool _finished;

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
                Show(context.Settings.Secrets.Redact($"broute {context.CommandName}: {value.Message}"));
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
        }
    }

    private void Show(string line)
    {
        if (_terminal is not null)
        {
            _terminal.Draw(line);
        }
        else if (lines)
        {
            _error.WriteLine(line);
        }
    }
}
