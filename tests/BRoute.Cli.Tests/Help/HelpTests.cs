using System.CommandLine;
using BRoute.Cli.Settings;

namespace BRoute.Cli.Tests.Help;

public sealed class HelpTests
{
    private static string Readme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "src", "BRoute.Cli", "README.md");
            if (File.Exists(Path.Combine(dir.FullName, "BRoute.slnx")) && File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }

        throw new FileNotFoundException("src/BRoute.Cli/README.md not found above the test folder");
    }

    [Fact]
    public async Task Root_help_ends_with_every_exit_code()
    {
        var run = await CliRun.InvokeAsync(string.Empty, "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("Exit codes:", run.Output, StringComparison.Ordinal);
        foreach (var code in ExitCodes.All)
        {
            Assert.Contains($"  {code.Code,-4} {code.Meaning}\n", run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Subcommand_help_ends_with_the_short_exit_code_line()
    {
        var run = await CliRun.InvokeAsync(string.Empty, "decode", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("--coefficient", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("130 interrupted ('broute help exit-codes').\n", run.Output, StringComparison.Ordinal);
        // Built from ExitCodes.All: every code, in order, with its brief.
        Assert.EndsWith(
            "Exit codes: 0 ok, 1 internal error, 2 usage/config, 3 device not found, 4 authentication failed, 5 meter not answering, 130 interrupted ('broute help exit-codes').\n",
            run.Output,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("exit-codes", "  130  interrupted by Ctrl-C or SIGTERM")]
    [InlineData("config-file", "\"timeouts\": { \"request\": 10, \"join\": \"45s\", \"scan_max_duration\": 8 }")]
    [InlineData("environment", "BROUTE_PASSWORD   B-route password (12 characters)")]
    [InlineData("EXIT-CODES", "  4    authentication failed")]
    public async Task Help_topics_print_their_text(string topic, string expected)
    {
        var run = await CliRun.InvokeAsync(string.Empty, "help", topic);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains(expected, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_without_a_topic_is_the_overview_and_an_unknown_topic_is_a_usage_error()
    {
        var overview = await CliRun.InvokeAsync(string.Empty, "help");
        Assert.Equal(ExitCodes.Success, overview.ExitCode);
        Assert.Contains("decode", overview.Output, StringComparison.Ordinal);
        Assert.Contains("Help on one command: 'broute help COMMAND'; topics: exit-codes, config-file, environment, faults", overview.Output, StringComparison.Ordinal);

        var unknown = await CliRun.InvokeAsync(string.Empty, "help", "colours");
        Assert.Equal(ExitCodes.UsageOrInput, unknown.ExitCode);
        Assert.StartsWith("broute help: no command or topic 'colours'", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_codes_are_distinct_ascending_and_match_their_constants()
    {
        Assert.Equal(ExitCodes.All.Select(c => c.Code).Order(), ExitCodes.All.Select(c => c.Code));
        Assert.Equal(ExitCodes.All.Count, ExitCodes.All.Select(c => c.Code).Distinct().Count());
        foreach (var code in ExitCodes.All)
        {
            Assert.Equal(code.Code, (int)typeof(ExitCodes).GetField(code.Name)!.GetRawConstantValue()!);
        }

        Assert.Equal(typeof(ExitCodes).GetFields().Length, ExitCodes.All.Count);
    }

    [Fact]
    public void The_readme_documents_every_exit_code_command_option_and_variable()
    {
        var readme = Readme();
        foreach (var code in ExitCodes.All)
        {
            Assert.Contains($"| {code.Code} | `{code.Name}` | {code.Meaning.Replace("--verbose", "`--verbose`", StringComparison.Ordinal).Replace("decode could", "`decode` could", StringComparison.Ordinal)} |", readme, StringComparison.Ordinal);
        }

        foreach (var command in Program.BuildRoot(new CliConsole(TextReader.Null, TextWriter.Null, TextWriter.Null)).Subcommands)
        {
            Assert.Contains($"`broute {command.Name}", readme, StringComparison.Ordinal);
            foreach (var option in command.Options.Where(o => o.Name != "--help"))
            {
                Assert.Contains($"`{option.Name}", readme, StringComparison.Ordinal);
            }
        }

        var device = new Command("x");
        new DeviceOptions().AddTo(device);
        foreach (var option in device.Options)
        {
            Assert.Contains($"`{option.Name}", readme, StringComparison.Ordinal);
        }

        foreach (var variable in new[] { BRoute.Daemon.Configuration.LayeredConfiguration.DeviceVariable, BRoute.Daemon.Configuration.LayeredConfiguration.IdVariable, BRoute.Daemon.Configuration.LayeredConfiguration.PasswordVariable, BRoute.Daemon.Configuration.LayeredConfiguration.FamilyVariable, BRoute.Daemon.Configuration.ConfigFileLocator.ConfigVariable, "XDG_CONFIG_HOME", "XDG_STATE_HOME" })
        {
            Assert.Contains($"| `{variable}` |", readme, StringComparison.Ordinal);
        }
    }
}
