using System.CommandLine;
using BRoute.Cli.Output;
using BRoute.Cli.Running;
using BRoute.Cli.Sessions;
using BRoute.Cli.Settings;
using BRoute.History;
using BRoute.Session;

namespace BRoute.Cli.Commands;

/// <summary>
/// <c>broute read [EPC|name …] [--json|--csv]</c>: connects, reads the properties in batches, prints them
/// (values with the meter's coefficient and unit; unsupported ones as "not supported") and closes the session.
/// </summary>
internal static class ReadCommand
{
    public static Command Create(CliConsole console)
    {
        var properties = new Argument<string[]>("property")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "EPCs or names: 0xE7, E7, instantaneous_power, 瞬時電力計測値, or comma-joined. Default: the seed's 15 plus 82, 8A, 8D, 9F.",
        };
        var format = new ReadFormatOptions();
        var command = new Command("read", "Read meter properties (a table, --json or --csv).") { properties };
        format.AddTo(command);
        CommandRunner.SetDeviceAction(command, console, new DeviceOptions(), CredentialsRequirement.Required, async (ctx, ct) =>
        {
            var epcs = ReadProperties.Resolve(ctx.Parse.GetValue(properties));
            var output = format.Read(ctx.Parse);
            var progress = new ProgressPrinter(ctx, lines: false);
            MeterReading reading;
            MeterReadInfo where;
            var session = await SessionSetup.ConnectAsync(ctx, progress, ct).ConfigureAwait(false);
            await using (session.ConfigureAwait(false))
            {
                reading = await session.ReadAsync(epcs, ct).ConfigureAwait(false);
                where = Describe(ctx.Settings.Device, session, reading.ReadAt);
            }

            ReadOutputWriter.Write(ctx.Output, output, where, reading.Properties, console.OutputWidth);
            if (reading.Unanswered.Count > 0)
            {
                ctx.Warn($"no reply for {string.Join(", ", reading.Unanswered.Select(e => $"0x{e:X2}"))} after every retry; the other values are above");
                return ExitCodes.MeterNotAnswering;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The "meter" object: device, dongle family, the meter's MAC, address, channel, PAN ID, and when (JST).</summary>
    internal static MeterReadInfo Describe(string device, MeterSession session, DateTimeOffset readAt) => new()
    {
        Device = device,
        ReadAt = MeterClock.ToMeterTime(readAt),
        DongleFamily = session.Dialect is { } dialect ? FamilyNames.NameOf(dialect.Family) : null,
        Mac = session.Pan?.MacHex,
        IPv6 = session.MeterAddress?.ToString(),
        Channel = session.Pan?.Channel,
        PanId = session.Pan?.PanId,
    };
}
