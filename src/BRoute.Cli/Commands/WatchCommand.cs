using System.CommandLine;
using BRoute.Cli.Running;
using BRoute.Cli.Settings;
using BRoute.Cli.Watch;

namespace BRoute.Cli.Commands;

/// <summary>
/// <c>broute watch [--interval D] [--count N] [--duration D]</c>: live power and currents with a trend line,
/// the meter's 30-minute notifications and re-connections as they come; Ctrl-C closes the session (SKTERM).
/// </summary>
internal static class WatchCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new WatchOptions();
        var command = new Command("watch", "Live instantaneous power and currents with a trend line; Ctrl-C to stop.");
        options.AddTo(command);
        CommandRunner.SetDeviceAction(command, console, new DeviceOptions(), CredentialsRequirement.Required, (ctx, ct) =>
            WatchRunner.RunAsync(ctx, options.Read(ctx.Parse), ct));
        return command;
    }
}
