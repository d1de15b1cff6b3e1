using System.CommandLine;
using BRoute.Cli.Help;

namespace BRoute.Cli.Commands;

/// <summary>
/// <c>broute help [COMMAND|TOPIC]</c>: the command overview, a command's help (the same as <c>broute COMMAND --help</c>),
/// or one topic (exit-codes, config, environment, faults).
/// </summary>
internal static class HelpCommand
{
    public static Command Create(CliConsole console, Func<RootCommand> root)
    {
        var topic = new Argument<string?>("command-or-topic")
        {
            Description = $"A command (read, watch, …) or a topic: {string.Join(", ", HelpTopics.Names)}. Without it, the command overview.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("help", $"Show help: the command overview, one command's help, or a topic ({string.Join(", ", HelpTopics.Names)}).") { topic };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(topic);
            var configuration = new InvocationConfiguration { Output = console.Output, Error = console.Error };
            if (name is null)
            {
                var code = root().Parse(["--help"]).Invoke(configuration);
                console.Output.Write($"Help on one command: 'broute help COMMAND'; topics: {string.Join(", ", HelpTopics.Names)} ('broute help TOPIC').\n");
                return code;
            }

            var tree = root();
            if (tree.Subcommands.FirstOrDefault(c => c.Name == name.Trim().ToLowerInvariant()) is { } subcommand)
            {
                return tree.Parse([subcommand.Name, "--help"]).Invoke(configuration);
            }

            if (HelpTopics.Get(name) is not { } text)
            {
                console.Error.WriteLine($"broute help: no command or topic '{name}'; commands: {string.Join(", ", tree.Subcommands.Select(c => c.Name))}; topics: {string.Join(", ", HelpTopics.Names)}");
                return ExitCodes.UsageOrInput;
            }

            console.Output.Write(text);
            return ExitCodes.Success;
        });
        return command;
    }
}
