using System.Text;

namespace BRoute.Cli.Tests.Support;

/// <summary>
/// Runs a broute session command in process, through <see cref="Program.RunAsync"/>, with a given clock and an
/// empty environment; every run is checked for the planted credentials in both outputs.
/// </summary>
internal static class SessionCli
{
    public static async Task<CliRun> RunAsync(TimeProvider time, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await RunAsync(time, output, error, CancellationToken.None, args);
        return Checked(new CliRun(code, output.ToString(), error.ToString()));
    }

    public static Task<int> RunAsync(TimeProvider time, TextWriter output, TextWriter error, CancellationToken cancellationToken, params string[] args)
    {
        var console = new CliConsole(new StringReader(string.Empty), output, error) { Time = time };
        return Program.RunAsync(args, console, cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
    }

    /// <summary>The device options of <paramref name="sim"/>, the planted credentials and a state folder.</summary>
    public static string[] DeviceArgs(TcpSimulator sim, string stateDir) =>
        ["--device", sim.Device, "--id", Planted.Id, "--password", Planted.Password, "--state-dir", stateDir];

    /// <summary>Fails when a planted credential is in either output.</summary>
    public static CliRun Checked(CliRun run)
    {
        Planted.AssertAbsent(run.Output);
        Planted.AssertAbsent(run.Error);
        return run;
    }
}

/// <summary>A thread-safe writer a test can wait on: completes when a written line satisfies a condition.</summary>
internal sealed class WatchedWriter : TextWriter
{
    private readonly Lock _lock = new();
    private readonly StringBuilder _text = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_lock)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>Called on the writing thread with each complete line, before the writer returns (a test cancels there).</summary>
    public Action<string>? LineWritten { get; set; }

    public override void Write(char value)
    {
        string line;
        lock (_lock)
        {
            _text.Append(value);
            if (value != '\n')
            {
                return;
            }

            var text = _text.ToString();
            var start = text.Length >= 2 ? text.LastIndexOf('\n', text.Length - 2) + 1 : 0;
            line = text[start..^1];
            foreach (var w in _waiters.Where(w => w.Match(line)).ToList())
            {
                w.Seen.TrySetResult(line);
                _waiters.Remove(w);
            }
        }

        LineWritten?.Invoke(line);
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    /// <summary>The first line (from now on or already written) that satisfies <paramref name="match"/>.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match)
    {
        var tcs = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            foreach (var line in _text.ToString().Split('\n'))
            {
                if (match(line))
                {
                    return Task.FromResult(line);
                }
            }

            _waiters.Add((match, tcs));
        }

        return tcs.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
