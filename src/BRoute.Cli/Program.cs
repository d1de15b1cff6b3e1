using System.CommandLine;
using BRoute.Cli.Commands;

namespace BRoute.Cli;

/// <summary>Entry point: wires the commands together and nothing else.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) => RunAsync(args, new CliConsole());

    /// <summary>Parses and runs a command line; a usage error exits with <see cref="ExitCodes.UsageOrInput"/>.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        var parse = BuildRoot(console).Parse(args);
        var configuration = new InvocationConfiguration { Output = console.Output, Error = console.Error };
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync($"broute: {error.Message}").ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync("Run 'broute --help' (or 'broute COMMAND --help') for usage.").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }

        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand BuildRoot(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = new RootCommand("broute — read a Japanese smart electricity meter over the Wi-SUN B-route.");

        // One line per command; each command lives in Commands/<Name>Command.cs.
        Command[] commands =
        [
            DecodeCommand.Create(console),
            SimulateCommand.Create(),
        ];
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
