using BRoute.Daemon.Configuration;
using System.CommandLine;
using System.CommandLine.Help;
using BRoute.Cli.Help;

namespace BRoute.Cli.Tests.Help;

/// <summary>
/// Help and usage errors on every command of the tree (iterated, not listed by hand, so a new command or option is
/// covered when it is added): help whatever is required, 'broute help COMMAND', values described in words, unknown
/// options with a suggestion, hints that point to 'broute help', never into the source tree.
/// </summary>
public sealed class CommandTreeHelpTests
{
    private static RootCommand Tree() => Program.BuildRoot(new CliConsole(TextReader.Null, TextWriter.Null, TextWriter.Null));

    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var command in Tree().Subcommands)
        {
            data.Add(command.Name);
        }

        return data;
    }

    /// <summary>Every option with a typed (non-text) value, as (command, option).</summary>
    public static TheoryData<string, string> TypedOptions()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in Tree().Subcommands)
        {
            foreach (var option in command.Options.Where(o => o.ValueType != typeof(string) && o.ValueType != typeof(bool) && o is not HelpOption))
            {
                data.Add(command.Name, option.Name);
            }
        }

        return data;
    }

    /// <summary>Every long option, as (command, option).</summary>
    public static TheoryData<string, string> LongOptions()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in Tree().Subcommands)
        {
            foreach (var option in command.Options.Where(o => o is not HelpOption && o.Name.Length > 4))
            {
                data.Add(command.Name, option.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_works_on_every_command_whatever_else_is_required(string command)
    {
        foreach (var flag in new[] { "--help", "-h" })
        {
            var run = await CliRun.InvokeAsync(string.Empty, command, flag);

            Assert.Equal(ExitCodes.Success, run.ExitCode);
            Assert.Equal(string.Empty, run.Error);
            Assert.Matches($"Usage:\n  \\S+ {command}\\b", run.Output); // the root's name is the executable's: broute, or testhost here
            Assert.EndsWith(HelpTopics.ExitCodesShort(), run.Output, StringComparison.Ordinal);
        }

        // Also after a bad value or an unknown option: the user asked for help.
        var mixed = await CliRun.InvokeAsync(string.Empty, command, "--no-such-option", "-h");
        Assert.Equal(ExitCodes.Success, mixed.ExitCode);
        Assert.Contains("Usage:", mixed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_shows_although_a_required_option_is_missing()
    {
        // No command of the tree requires an option today ('history --days' became optional with --today), so the rule
        // is checked on a command that does, wired through the same parse/invoke pipeline.
        var root = Tree();
        var required = new Option<int>("--days") { Required = true, Description = "whole days" };
        var command = new Command("needs-days", "a command with a required option") { required };
        command.SetAction(_ => 0);
        root.Subcommands.Add(command);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await Program.InvokeAsync(root, ["needs-days", "-h"], new CliConsole(TextReader.Null, output, error), CancellationToken.None);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("--days", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("required", error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_COMMAND_is_the_commands_help(string command)
    {
        var viaHelp = await CliRun.InvokeAsync(string.Empty, "help", command);
        var viaOption = await CliRun.InvokeAsync(string.Empty, command, "--help");

        Assert.Equal(ExitCodes.Success, viaHelp.ExitCode);
        Assert.Equal(viaOption.Output, viaHelp.Output);
    }

    [Fact]
    public async Task Help_with_an_unknown_name_lists_commands_and_topics()
    {
        var run = await CliRun.InvokeAsync(string.Empty, "help", "colours");

        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        Assert.StartsWith("broute help: no command or topic 'colours'; commands: read, watch,", run.Error, StringComparison.Ordinal);
        Assert.Contains("topics: exit-codes, config-file, environment, faults", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TypedOptions))]
    public async Task A_value_that_does_not_convert_is_described_in_words(string command, string option)
    {
        var run = await CliRun.InvokeAsync(string.Empty, command, option, "abc");

        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        var line = run.Error.Split('\n').Single(l => l.Contains("'abc'", StringComparison.Ordinal));
        Assert.Matches($"^broute {command}: {option} expects a (whole )?number.*, got 'abc'$", line);
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
        Assert.EndsWith($"Run 'broute help {command}' for its options.\n", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Days_abc_says_a_whole_number_of_days()
    {
        var run = await CliRun.InvokeAsync(string.Empty, "history", "--days", "abc");

        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        Assert.Equal("broute history: --days expects a whole number of days, got 'abc'\nRun 'broute help history' for its options.\n", run.Error);
    }

    [Fact]
    public void Every_option_type_in_use_has_words()
    {
        foreach (var command in Tree().Subcommands)
        {
            foreach (var option in command.Options.Where(o => o.ValueType != typeof(string) && o is not HelpOption))
            {
                Assert.True(ExpectedValues.Describe(option) is not null, $"{command.Name} {option.Name}: no words for {option.ValueType}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(LongOptions))]
    public async Task A_misspelt_option_is_an_unknown_option_with_a_suggestion(string command, string option)
    {
        var misspelt = option[..^1]; // drop the last letter: --json → --jso
        var run = await CliRun.InvokeAsync(string.Empty, command, misspelt);

        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        Assert.StartsWith($"broute {command}: unknown option '{misspelt}'; did you mean '", run.Error, StringComparison.Ordinal);
        var suggested = run.Error.Split('\'')[3];
        var known = Tree().Subcommands.Single(c => c.Name == command).Options.SelectMany(o => o.Aliases.Prepend(o.Name));
        Assert.Contains(suggested, known);
        Assert.True(BRoute.Daemon.Configuration.TextDistance.Levenshtein(misspelt, suggested) <= 1, $"suggested {suggested} for {misspelt}");
        Assert.EndsWith($"Run 'broute help {command}' for its options.\n", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("read", "--jsn", "--json")]
    [InlineData("decode", "--jsn", "--json")]
    [InlineData("read", "--devcie", "--device")]
    public async Task An_argument_starting_with_a_dash_is_an_unknown_option_also_where_the_command_takes_arguments(string command, string given, string meant)
    {
        var run = await CliRun.InvokeAsync(string.Empty, command, given);

        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        Assert.Equal($"broute {command}: unknown option '{given}'; did you mean '{meant}'?\nRun 'broute help {command}' for its options.\n", run.Error);
    }

    [Fact]
    public async Task After_a_double_dash_an_argument_may_start_with_a_dash()
    {
        var run = await CliRun.InvokeAsync(string.Empty, "decode", "--", "-not-a-frame");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.DoesNotContain("unknown option", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_gets_a_suggestion_and_no_command_says_which_there_are()
    {
        var typo = await CliRun.InvokeAsync(string.Empty, "histroy");
        Assert.Equal(ExitCodes.UsageOrInput, typo.ExitCode);
        Assert.Equal("broute: unknown command 'histroy'; did you mean 'history'?\nRun 'broute help' for the commands.\n", typo.Error);

        var none = await CliRun.InvokeAsync(string.Empty);
        Assert.Equal(ExitCodes.UsageOrInput, none.ExitCode);
        Assert.StartsWith("broute: no command given; commands: read, watch, scan, history,", none.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void No_description_points_into_the_source_tree()
    {
        var texts = new List<string>();
        void Collect(Command command)
        {
            texts.Add(command.Description ?? string.Empty);
            texts.AddRange(command.Options.Select(o => o.Description ?? string.Empty));
            texts.AddRange(command.Arguments.Select(a => a.Description ?? string.Empty));
            foreach (var sub in command.Subcommands)
            {
                Collect(sub);
            }
        }

        Collect(Tree());
        Assert.True(texts.Count > 50, "the tree walk found the option descriptions");
        Assert.All(texts, t => Assert.DoesNotMatch("src/|README|\\.md\\b", t));
    }

    [Fact]
    public async Task An_unknown_property_hint_points_to_broute_help()
    {
        using var state = new BRoute.Cli.Tests.Support.TempDirectory();
        var run = await CliRun.InvokeAsync(string.Empty, "read", "--device", "/dev/null", "--state-dir", state.Path, "--id", new string('0', 32), "--password", "ABCDEFGHIJKL", "zzzzqqqq");
        Assert.Contains("unknown property 'zzzzqqqq'", run.Error, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        Assert.Contains("'broute help read'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotMatch("src/|README", run.Error);
    }

    [Fact]
    public async Task The_faults_topic_lists_every_fault_the_simulator_knows()
    {
        var run = await CliRun.InvokeAsync(string.Empty, "help", "faults");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        foreach (var fault in BRoute.Simulator.Faults.FaultKind.Probabilities.Concat(BRoute.Simulator.Faults.FaultKind.Counted).Concat(BRoute.Simulator.Faults.FaultKind.Periodic))
        {
            Assert.Contains(fault, run.Output, StringComparison.Ordinal);
        }
    }
}
