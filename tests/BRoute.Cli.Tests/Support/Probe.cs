using System.CommandLine;
using BRoute.Cli.Running;
using BRoute.Cli.Settings;

namespace BRoute.Cli.Tests.Support;

/// <summary>
/// A test-only device command ("probe") wired exactly as read/watch/… will be: shared device options,
/// <see cref="CommandRunner"/>, and the same parse/invoke pipeline as <see cref="Program.RunAsync"/>.
/// </summary>
internal static class Probe
{
    public static async Task<CliRun> RunAsync(
        Func<DeviceCommandContext, CancellationToken, Task<int>> body,
        CliEnvironment? environment = null,
        CancellationToken cancellationToken = default,
        CredentialsRequirement requirement = CredentialsRequirement.Required,
        params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(new StringReader(string.Empty), output, error) { Environment = environment ?? CliEnvironment.Empty };
        var root = new RootCommand("test root");
        var probe = new Command("probe", "test command");
        CommandRunner.SetDeviceAction(probe, console, new DeviceOptions(), requirement, body);
        root.Subcommands.Add(probe);
        var code = await Program.InvokeAsync(root, ["probe", .. args], console, cancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>A complete command line: device, planted credentials, a state folder.</summary>
    public static string[] Args(string stateDir, params string[] more) =>
        ["--device", "/dev/ttyTEST0", "--id", Planted.Id, "--password", Planted.Password, "--state-dir", stateDir, .. more];
}
