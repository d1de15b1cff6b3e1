using System.CommandLine;
using BRoute.Cli.Help;

namespace BRoute.Cli.Commands;

/// <summary><c>broute help [TOPIC]</c>: the command overview, or one topic (exit-codes, config, environment).</summary>
internal static class HelpCommand
{
    public static Command Create(CliConsole console, Func<RootCommand> root)
    {
        var topic = new Argument<string?>("topic")
        {
            Description = $"One of: {string.Join(", ", HelpTopics.Names)}. Without it, the command overview.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("help", "Show help: the command overview, or a topic (exit-codes, config, environment).") { topic };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(topic);
            if (name is null)
            {
                var code = root().Parse(["--help"]).Invoke(new InvocationConfiguration { Output = console.Output, Error = console.Error });
                console.Output.Write($"Help topics: {string.Join(", ", HelpTopics.Names)} ('broute help TOPIC').\n");
                return code;
            }

            if (HelpTopics.Get(name) is not { } text)
            {
                console.Error.WriteLine($"broute help: no topic '{name}'; topics: {string.Join(", ", HelpTopics.Names)}");
                return ExitCodes.UsageOrInput;
            }

            console.Output.Write(text);
            return ExitCodes.Success;
        });
        return command;
    }
}
