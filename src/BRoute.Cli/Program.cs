using System.CommandLine;
using System.CommandLine.Help;
using BRoute.Cli.Commands;
using BRoute.Cli.Help;
using BRoute.Cli.Logging;
using BRoute.Cli.Running;

namespace BRoute.Cli;

/// <summary>Entry point: wires the commands together and nothing else.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var console = new CliConsole();
        using var signals = new TerminationSignals();

        // On a worker so that a command blocked in a synchronous read cannot hold the process after a signal.
        var run = Task.Run(() => RunAsync(args, console, signals.Token));
        if (await Task.WhenAny(run, signals.GraceExpired).ConfigureAwait(false) == run)
        {
            return await run.ConfigureAwait(false);
        }

        await console.Error.WriteLineAsync($"broute: still busy {TerminationSignals.GracePeriod.TotalSeconds:0} s after the signal; exiting").ConfigureAwait(false);
        return ExitCodes.Interrupted;
    }

    /// <summary>
    /// Parses and runs a command line; a usage error exits with <see cref="ExitCodes.UsageOrInput"/>.
    /// <paramref name="cancellationToken"/> is the command's token: cancelling it is Ctrl-C.
    /// </summary>
    public static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        return InvokeAsync(BuildRoot(console), args, console, cancellationToken);
    }

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand BuildRoot(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = new RootCommand("broute — read a Japanese smart electricity meter over the Wi-SUN B-route.");

        // One line per command; each command lives in Commands/<Name>Command.cs.
        Command[] commands =
        [
            ReadCommand.Create(console),
            WatchCommand.Create(console),
            ScanCommand.Create(console),
            HistoryCommand.Create(console),
            DoctorCommand.Create(console),
            DemoCommand.Create(console),
            DecodeCommand.Create(console),
            SimulateCommand.Create(),
            RunCommand.Create(console),
            ExportCommand.Create(console),
            StatusCommand.Create(console),
            ConfigCommand.Create(console),
            HelpCommand.Create(console, () => BuildRoot(console)),
        ];
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Action = new HelpWithExitCodesAction(help.Action!);
        }

        return root;
    }

    /// <summary>
    /// Parses and invokes against <paramref name="root"/>: parse errors exit 2; an exception that
    /// escapes a command is mapped by <see cref="ErrorMapper"/> (tests run their own roots through this).
    /// </summary>
    internal static async Task<int> InvokeAsync(RootCommand root, string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var parse = root.Parse(args);
        // Help whatever else is wrong or missing ('broute history -h' without the required --days).
        var problems = parse.Action is HelpWithExitCodesAction ? [] : UsageProblems.Find(parse);
        if (problems.Count > 0)
        {
            var prefix = parse.CommandResult.Command is RootCommand ? "broute" : $"broute {parse.CommandResult.Command.Name}";
            foreach (var problem in problems)
            {
                await console.Error.WriteLineAsync($"{prefix}: {problem}").ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync(UsageProblems.Hint(parse)).ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }

        // Signals are handled by TerminationSignals (Main), exceptions here: both in one place, with our exit codes.
        var configuration = new InvocationConfiguration
        {
            Output = console.Output,
            Error = console.Error,
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var name = parse.CommandResult.Command is RootCommand ? string.Empty : parse.CommandResult.Command.Name;
            return await CommandRunner.ReportAsync(name, ex, cancellationToken.IsCancellationRequested, verbose: false, SecretRedactor.None, console.Error).ConfigureAwait(false);
        }
    }
}
