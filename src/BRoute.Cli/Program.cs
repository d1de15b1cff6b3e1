using System.CommandLine;

namespace BRoute.Cli;

/// <summary>Entry point: wires the commands together and nothing else.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) => BuildRoot().Parse(args).InvokeAsync();

    /// <summary>The root command with every subcommand (tests invoke it directly).</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("broute — read a Japanese smart electricity meter over the Wi-SUN B-route.");
        // One line per command; each command lives in Commands/<Name>Command.cs.
        Command[] commands =
        [
            Commands.SimulateCommand.Create(),
        ];
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
