using System.CommandLine;
using BRoute.Daemon.Configuration;

namespace BRoute.Cli.Commands;

/// <summary><c>broute config check | sample</c>: the effective settings with secrets masked, or a commented sample.</summary>
internal static class ConfigCommand
{
    public static Command Create(CliConsole console)
    {
        var configOption = new Option<string?>("--config") { Description = "The config file to check (default: $BROUTE_CONFIG, ~/.config/broute/broute.json, /etc/broute/broute.json).", HelpName = "FILE" };
        var check = new Command("check", "Load the configuration as 'broute run' does (file, environment, systemd credentials) and print every setting with where it came from; secrets are masked. Exit 2 on any problem.") { configOption };
        check.SetAction(parse => Check(console, parse.GetValue(configOption)));

        var sample = new Command("sample", "Print a commented sample broute.json with every key and its default.");
        sample.SetAction(_ =>
        {
            console.Output.Write(SampleConfig.Text);
            return ExitCodes.Success;
        });

        var command = new Command("config", "Check the effective configuration, or print a sample config file.") { check, sample };
        return command;
    }

    private static int Check(CliConsole console, string? configPath)
    {
        var inputs = console.Environment.ToConfigInputs(configPath);
        try
        {
            var settings = DaemonSettingsLoader.Load(inputs);
            console.Output.Write(EffectiveSettingsText.Format(settings));
            console.Output.WriteLine("configuration ok");
            return ExitCodes.Success;
        }
        catch (ConfigException ex)
        {
            foreach (var problem in ex.Problems)
            {
                console.Error.WriteLine($"broute config: {problem}");
            }

            console.Error.WriteLine($"broute config: {ex.Problems.Count} problem(s); fix them and run 'broute config check' again ('broute config sample' shows every key)");
            return ExitCodes.UsageOrInput;
        }
    }
}
