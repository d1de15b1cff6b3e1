using BRoute.Daemon.Configuration;
using System.CommandLine;
using System.CommandLine.Parsing;
using BRoute.Cli.Settings;

namespace BRoute.Cli.Help;

/// <summary>
/// A command line's problems in plain words: an unknown option with the closest known one, a value that does not
/// convert with what is expected ("--days expects a whole number of days, got 'abc'"), and System.CommandLine's other
/// messages as they are. An argument that starts with '-' is an unknown option even where the command takes arguments
/// (<c>read --jsn</c>), unless it is a negative number or comes after <c>--</c>.
/// </summary>
internal static class UsageProblems
{
    /// <summary>One message per problem (without the "broute: " prefix); empty when the line is fine.</summary>
    public static IReadOnlyList<string> Find(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var command = parse.CommandResult.Command;
        var messages = new List<string>();
        var unknown = StrayOptions(parse).Concat(parse.UnmatchedTokens.Where(LooksLikeOption)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var token in unknown)
        {
            messages.Add(UnknownOption(token, parse));
        }

        var tokens = parse.Tokens.Select(t => t.Value).ToList();
        foreach (var token in parse.UnmatchedTokens.Where(t => !LooksLikeOption(t)))
        {
            var before = tokens.IndexOf(token) - 1;
            if (before >= 0 && unknown.Contains(tokens[before]))
            {
                continue; // the value of the unknown option just reported
            }

            messages.Add(command is RootCommand ? UnknownCommand(token, command) : $"unexpected argument '{token}'");
        }

        foreach (var error in parse.Errors)
        {
            if (parse.UnmatchedTokens.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal)) && error.SymbolResult is null or CommandResult)
            {
                continue; // said above, in words
            }

            if (command is RootCommand && error.SymbolResult is CommandResult)
            {
                // "Required command was not provided": after an unknown command it says nothing more.
                if (messages.Count == 0)
                {
                    messages.Add($"no command given; commands: {string.Join(", ", command.Subcommands.Select(c => c.Name))}");
                }

                continue;
            }

            var message = Conversion(error) ?? error.Message.TrimEnd('.');
            if (!messages.Contains(message, StringComparer.Ordinal))
            {
                messages.Add(message);
            }
        }

        return messages;
    }

    /// <summary>Where to read more: the command's own help, or the overview.</summary>
    public static string Hint(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.CommandResult.Command is RootCommand
            ? "Run 'broute help' for the commands."
            : $"Run 'broute help {parse.CommandResult.Command.Name}' for its options.";
    }

    private static string? Conversion(ParseError error)
    {
        var (option, tokens) = error.SymbolResult switch
        {
            OptionResult o => (o.Option, o.Tokens),
            ArgumentResult { Parent: OptionResult o } a => (o.Option, a.Tokens),
            _ => (null, []),
        };
        var expected = option is null ? null : ExpectedValues.Describe(option);
        var value = tokens.Select(t => t.Value).LastOrDefault();
        return expected is null || value is null || !error.Message.Contains($"'{value}'", StringComparison.Ordinal)
            ? null
            : $"{option!.Name} expects {expected}, got '{value}'";
    }

    /// <summary>Arguments of the command (not option values) that look like options.</summary>
    private static IEnumerable<string> StrayOptions(ParseResult parse)
    {
        var afterDoubleDash = parse.Tokens.SkipWhile(t => t.Type != TokenType.DoubleDash).Select(t => t.Value).ToHashSet(StringComparer.Ordinal);
        return parse.CommandResult.Children
            .OfType<ArgumentResult>()
            .SelectMany(a => a.Tokens)
            .Select(t => t.Value)
            .Where(v => LooksLikeOption(v) && !afterDoubleDash.Contains(v));
    }

    private static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' && !double.TryParse(token, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static string UnknownOption(string token, ParseResult parse)
    {
        var name = token.Split('=', 2)[0];
        var known = OptionsOf(parse.CommandResult).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal);
        var close = Closest(name, known);
        return close is null ? $"unknown option '{name}'" : $"unknown option '{name}'; did you mean '{close}'?";
    }

    private static string UnknownCommand(string token, Command root)
    {
        var close = Closest(token, root.Subcommands.Select(c => c.Name));
        return close is null ? $"unknown command '{token}'" : $"unknown command '{token}'; did you mean '{close}'?";
    }

    /// <summary>The options a command accepts: its own and the recursive ones of its parents (--help).</summary>
    private static IEnumerable<Option> OptionsOf(CommandResult result)
    {
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult { Command: var command })
            {
                foreach (var option in command.Options.Where(o => current == result || o.Recursive))
                {
                    yield return option;
                }
            }
        }
    }

    private static string? Closest(string text, IEnumerable<string> names)
    {
        var limit = Math.Max(2, text.Length / 3);
        return names
            .Select(n => (Name: n, Distance: TextDistance.Levenshtein(text.ToLowerInvariant(), n)))
            .Where(c => c.Distance <= limit || (text.Length >= 4 && c.Name.StartsWith(text, StringComparison.Ordinal)))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();
    }
}
