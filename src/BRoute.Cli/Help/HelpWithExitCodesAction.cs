using System.CommandLine;
using System.CommandLine.Invocation;

namespace BRoute.Cli.Help;

/// <summary>
/// The standard help, followed by the exit codes: the full table under <c>broute --help</c>, one
/// line under a subcommand's help.
/// </summary>
internal sealed class HelpWithExitCodesAction(CommandLineAction standard) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var code = standard is SynchronousCommandLineAction sync ? sync.Invoke(parseResult) : 0;
        var output = parseResult.InvocationConfiguration.Output;
        output.Write(parseResult.CommandResult.Command is RootCommand ? HelpTopics.ExitCodes() : HelpTopics.ExitCodesShort());
        return code;
    }
}
