using System.Runtime.InteropServices;

namespace BRoute.Cli.Running;

/// <summary>
/// Turns the first SIGINT (Ctrl-C) or SIGTERM into a cancelled <see cref="Token"/>, so a command can
/// close the session cleanly (SKTERM) and exit with <see cref="ExitCodes.Interrupted"/>. A second
/// signal is left to the runtime's default handling, which ends the process at once. A command
/// that does not stop within <see cref="GracePeriod"/> of the first signal (e.g. one blocked reading
/// standard input) is abandoned: <see cref="GraceExpired"/> completes and Main exits with 130.
/// Created by <see cref="Program.Main"/> only; in-process tests cancel a token instead.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    /// <summary>How long a command may take to clean up (SKTERM) after the first signal.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _source = new();
    private readonly TaskCompletionSource _graceExpired = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;
    private int _callbackFailures;

    public TerminationSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Completes <see cref="GracePeriod"/> after the first signal.</summary>
    public Task GraceExpired => _graceExpired.Task;

    /// <summary>Signals received so far.</summary>
    public int Count => Volatile.Read(ref _signals);

    /// <summary>Exceptions thrown by cancellation callbacks (they run on the thread pool, never on the signal thread).</summary>
    public int CallbackFailures => Volatile.Read(ref _callbackFailures);

    /// <summary>
    /// Unregisters the handlers. The token source is not disposed: callbacks may still be running on
    /// the thread pool when Main returns, and a source without a timer holds nothing to release.
    /// </summary>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _signals) == 1)
        {
            context.Cancel = true; // keep the process alive so the command can clean up

            // CancelAsync runs the token's callbacks (and the continuations they release) on the thread
            // pool: the signal thread returns at once, and a callback's exception cannot crash the process.
            _ = _source.CancelAsync().ContinueWith(
                t => Interlocked.Add(ref _callbackFailures, t.Exception?.InnerExceptions.Count ?? 0),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);
            _ = Task.Delay(GracePeriod, CancellationToken.None).ContinueWith(_ => _graceExpired.TrySetResult(), TaskScheduler.Default);
        }
    }
}
