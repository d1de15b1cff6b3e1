using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace BRoute.Cli.Tests.Support;

/// <summary>
/// Runs the built broute.dll in its own process. (The tests cannot load it in-process: its assembly name
/// "broute" equals the library's "BRoute" when compared case-insensitively, as .NET compares them.)
/// </summary>
internal sealed class BrouteProcess : IDisposable
{
    /// <summary>ExitCodes.UsageOrInput (the CLI assembly cannot be referenced here, see above).</summary>
    public const int UsageOrInput = 2;

    /// <summary>ExitCodes.Interrupted.</summary>
    public const int Interrupted = 130;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(string Prefix, TaskCompletionSource<string> Seen)> _waiters = [];

    private BrouteProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static BrouteProcess Start(params string[] args) => Start(redirectInput: false, args);

    /// <summary>Starts with standard input as a pipe the test writes to (<see cref="Input"/>) and keeps open.</summary>
    public static BrouteProcess StartWithInput(params string[] args) => Start(redirectInput: true, args);

    /// <summary>The process's standard input (only after <see cref="StartWithInput"/>).</summary>
    public StreamWriter Input => _process.StandardInput;

    private static BrouteProcess Start(bool redirectInput, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = redirectInput, UseShellExecute = false };
        start.ArgumentList.Add(FindBrouteDll());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var p = new BrouteProcess(Process.Start(start)!);
        p._process.OutputDataReceived += (_, e) => p.OnLine(e.Data);
        p._process.ErrorDataReceived += (_, e) => p.OnLine(e.Data);
        p._process.BeginOutputReadLine();
        p._process.BeginErrorReadLine();
        return p;
    }

    /// <summary>Waits for a line starting with <paramref name="prefix"/> and returns it.</summary>
    public Task<string> WaitForLineAsync(string prefix)
    {
        var tcs = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            foreach (var line in _output.ToString().Split('\n'))
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return Task.FromResult(line.TrimEnd('\r'));
                }
            }

            _waiters.Add((prefix, tcs));
        }

        return tcs.Task.WaitAsync(Timeout);
    }

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(Timeout);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: the process gets no chance to clean up. Returns once it is gone.</summary>
    public async Task KillHardAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync().WaitAsync(Timeout);
    }

    /// <summary>Sends SIGTERM (Process.Kill would send SIGKILL, which cannot be handled).</summary>
    public void Terminate() => Assert.Equal(0, Kill(_process.Id, 15));

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            foreach (var w in _waiters.Where(w => line.StartsWith(w.Prefix, StringComparison.Ordinal)).ToList())
            {
                w.Seen.TrySetResult(line);
                _waiters.Remove(w);
            }
        }
    }

    /// <summary>
    /// broute.dll is not copied next to the tests (MSBuild drops it as a duplicate of BRoute.dll), so it is
    /// taken from the CLI project's output for the same configuration and framework as this test run.
    /// </summary>
    internal static string FindBrouteDll()
    {
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = baseDir.Name;
        var configuration = baseDir.Parent!.Name;
        var root = baseDir;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "BRoute.slnx")))
        {
            root = root.Parent;
        }

        Assert.True(root is not null, $"BRoute.slnx not found above {AppContext.BaseDirectory}");
        var dll = Path.Combine(root!.FullName, "src", "BRoute.Cli", "bin", configuration, tfm, "broute.dll");
        Assert.True(File.Exists(dll), $"build the CLI first: {dll} is missing");
        return dll;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
