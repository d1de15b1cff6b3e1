using BRoute.Cli.Running;
using BRoute.Cli.Settings;
using BRoute.Cli.Tests.Support;
using BRoute.Session;
using BRoute.SkStack.Device;
using BRoute.SkStack.Errors;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Transport;
using Microsoft.Extensions.Logging;

namespace BRoute.Cli.Tests.Running;

public sealed class CommandRunnerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private Task<CliRun> Run(Func<DeviceCommandContext, CancellationToken, Task<int>> body, params string[] more) =>
        Probe.RunAsync(body, args: Probe.Args(_dir.Path, more));

    private static Func<DeviceCommandContext, CancellationToken, Task<int>> Throws(Exception ex) => (_, _) => Task.FromException<int>(ex);

    [Fact]
    public async Task The_body_gets_the_resolved_settings_and_its_exit_code_is_returned()
    {
        var run = await Run((ctx, _) =>
        {
            ctx.Output.WriteLine($"{ctx.CommandName} {ctx.Settings.Device} {ctx.Settings.Family} {ctx.Settings.Credentials!.PairId} {ctx.Settings.JoinTimeout.TotalSeconds}");
            return Task.FromResult(ExitCodes.Success);
        }, "--family", "bp35c2", "--join-timeout", "30s");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("probe /dev/ttyTEST0 Bp35C2 A2B3C4D5 30", run.Output.Trim());
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task Usage_problems_exit_2_before_the_body_runs()
    {
        var called = false;
        var run = await Probe.RunAsync((_, _) =>
        {
            called = true;
            return Task.FromResult(0);
        }, args: ["--id", Planted.Id, "--password", Planted.Password]);

        Assert.False(called);
        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        Assert.StartsWith("broute probe: device: no dongle; give --device DEV", run.Error, StringComparison.Ordinal);
        Planted.AssertAbsent(run.Error);
    }

    [Fact]
    public async Task Unknown_options_are_usage_errors_too()
    {
        var run = await Run((_, _) => Task.FromResult(0), "--no-such-option");

        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        Assert.Contains("--no-such-option", run.Error, StringComparison.Ordinal);
        Planted.AssertAbsent(run.Error);
    }

    public static TheoryData<Exception, int, string> Failures() => new()
    {
        { new CliUsageException("unknown property 'x'"), ExitCodes.UsageOrInput, "broute probe: unknown property 'x'" },
        { new InvalidCredentialsException("the B-route ID must be 32 characters (got 3)"), ExitCodes.UsageOrInput, "broute probe: the B-route ID must be 32 characters" },
        { new SkTransportOpenException("/dev/ttyTEST0", "cannot open /dev/ttyTEST0: no such device — is the dongle plugged in?"), ExitCodes.DeviceNotFound, "broute probe: cannot open /dev/ttyTEST0: no such device" },
        { new SkTransportLostException("/dev/ttyTEST0: the connection was closed (end of stream)"), ExitCodes.DeviceNotFound, "broute probe: lost the dongle: /dev/ttyTEST0: the connection was closed" },
        { new AuthenticationFailedException(), ExitCodes.AuthenticationFailed, "broute probe: authentication failed: check the B-route ID and password; the meter answered EVENT 24" },
        { new MeterUnreachableException("no radio contact: the scan found no PAN with our pairing ID"), ExitCodes.MeterNotAnswering, "broute probe: no radio contact" },
        { new SkTimeoutException("SKSCAN", TimeSpan.FromSeconds(5)), ExitCodes.MeterNotAnswering, "broute probe: the dongle did not answer: SKSCAN: no complete answer from the dongle within 5 s" },
        { new TimeoutException("no Get_Res within 10 s"), ExitCodes.MeterNotAnswering, "broute probe: no Get_Res within 10 s" },
        { new SkCommandFailedException("SKJOIN", SkErrorCode.ER10), ExitCodes.InternalError, "broute probe: dongle error: SKJOIN failed: FAIL ER10" },

        // The same driver errors as the session throws them (wrapped at its edge): same exit codes, same text.
        { new DeviceOpenException("cannot open /dev/ttyTEST0: no such device — is the dongle plugged in?", new SkTransportOpenException("/dev/ttyTEST0", "cannot open /dev/ttyTEST0: no such device — is the dongle plugged in?")), ExitCodes.DeviceNotFound, "broute probe: cannot open /dev/ttyTEST0: no such device" },
        { new DongleLostException("/dev/ttyTEST0: the connection was closed (end of stream)", new SkTransportLostException("/dev/ttyTEST0: the connection was closed (end of stream)")), ExitCodes.DeviceNotFound, "broute probe: lost the dongle: /dev/ttyTEST0: the connection was closed" },
        { new DongleNotAnsweringException("SKSCAN: no complete answer from the dongle within 5 s", new SkTimeoutException("SKSCAN", TimeSpan.FromSeconds(5))), ExitCodes.MeterNotAnswering, "broute probe: the dongle did not answer: SKSCAN: no complete answer from the dongle within 5 s" },
        { new DongleCommandException("SKJOIN failed: FAIL ER10", new SkCommandFailedException("SKJOIN", SkErrorCode.ER10)), ExitCodes.InternalError, "broute probe: dongle error: SKJOIN failed: FAIL ER10" },
        { new BRouteException("session closed"), ExitCodes.InternalError, "broute probe: session closed; if this looks wrong, please report it" },
        { new InvalidOperationException("state machine in Joined got Join"), ExitCodes.InternalError, "broute probe: internal error: InvalidOperationException: state machine in Joined got Join; please report it with the output of --verbose" },
        { new OperationCanceledException("timer"), ExitCodes.InternalError, "broute probe: internal error: OperationCanceledException" },
        { new AggregateException(new AuthenticationFailedException()), ExitCodes.AuthenticationFailed, "broute probe: authentication failed" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Exceptions_map_to_documented_exit_codes_without_stack_traces(Exception exception, int code, string message)
    {
        var run = await Run(Throws(exception));

        Assert.Equal(code, run.ExitCode);
        Assert.StartsWith(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Verbose_adds_the_stack_trace_redacted()
    {
        var run = await Run(Throws(new InvalidOperationException($"bad state after SKSETRBID {Planted.Id} with {Planted.Password}")), "--verbose");

        Assert.Equal(ExitCodes.InternalError, run.ExitCode);
        Assert.Contains("System.InvalidOperationException", run.Error, StringComparison.Ordinal);
        Assert.Contains("SKSETRBID ********************************", run.Error, StringComparison.Ordinal);
        Planted.AssertAbsent(run.Error);
    }

    [Fact]
    public async Task Credentials_in_any_message_are_masked_even_in_unexpected_exceptions()
    {
        var run = await Run(Throws(new FormatException($"cannot parse '{Planted.Password}' near {Planted.Id.ToLowerInvariant()}")));

        Assert.Equal(ExitCodes.InternalError, run.ExitCode);
        Assert.Contains("cannot parse '************' near ********************************", run.Error, StringComparison.Ordinal);
        Planted.AssertAbsent(run.Error);
    }

    [Fact]
    public async Task Ctrl_c_while_the_body_runs_exits_130()
    {
        using var ctrlC = new CancellationTokenSource();
        var run = await Probe.RunAsync(
            async (_, ct) =>
            {
                await ctrlC.CancelAsync(); // the signal arrives while the session waits
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return ExitCodes.Success;
            },
            cancellationToken: ctrlC.Token,
            args: Probe.Args(_dir.Path));

        Assert.Equal(ExitCodes.Interrupted, run.ExitCode);
        Assert.Equal("broute probe: interrupted", run.Error.Trim());
    }

    [Fact]
    public async Task Config_warnings_are_printed_before_the_command_runs()
    {
        var config = _dir.Write("config.json", $"{{\"password\": \"{Planted.OtherPassword}\", \"devise\": \"x\"}}", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var run = await Probe.RunAsync((ctx, _) => Task.FromResult(7), args: ["--device", "/dev/ttyTEST0", "--id", Planted.Id, "--config", config, "--state-dir", _dir.Path]);

        Assert.Equal(7, run.ExitCode);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal($"broute probe: warning: config file {config}: unknown key 'devise' ignored; did you mean 'device'?", lines[0]);
        Assert.StartsWith($"broute probe: warning: config file {config} holds a password and can be read by every user", lines[1], StringComparison.Ordinal);
        Planted.AssertAbsent(run.Error);
    }

    [Fact]
    public async Task Several_meters_without_meter_exit_2_naming_them_and_meter_picks_one()
    {
        var config = _dir.Write("broute.json", $$"""
            { "id": "{{Planted.Id}}", "password": {{System.Text.Json.JsonSerializer.Serialize(Planted.Password)}},
              "meters": [ { "name": "house", "device": "/dev/ttyUSB0" }, { "name": "garage", "device": "/dev/ttyUSB1" } ] }
            """, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var called = false;

        var ambiguous = await Probe.RunAsync((_, _) =>
        {
            called = true;
            return Task.FromResult(0);
        }, args: ["--config", config, "--state-dir", _dir.Path]);

        Assert.False(called);
        Assert.Equal(ExitCodes.UsageOrInput, ambiguous.ExitCode);
        Assert.Equal("broute probe: meters: 2 meters are configured; pick one with --meter NAME (house, garage)", ambiguous.Error.Trim());

        var chosen = await Probe.RunAsync((ctx, _) =>
        {
            ctx.Output.Write($"{ctx.Settings.MeterName} {ctx.Settings.Device}");
            return Task.FromResult(0);
        }, args: ["--config", config, "--state-dir", _dir.Path, "--meter", "garage"]);

        Assert.Equal(0, chosen.ExitCode);
        Assert.Equal("garage /dev/ttyUSB1", chosen.Output);
        Planted.AssertAbsent(ambiguous.Error + chosen.Error + chosen.Output);
    }

    [Fact]
    public async Task Every_config_problem_is_one_line_and_a_secret_in_a_bad_file_is_masked()
    {
        var config = _dir.Write("broute.json", $$"""{ "id": "{{Planted.Id[..31]}}", "family": "bp99", "timeouts": { "join": "never" } }""", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var run = await Probe.RunAsync((_, _) => Task.FromResult(0), args: ["--config", config, "--device", "/dev/ttyUSB0", "--password", Planted.Password, "--state-dir", _dir.Path]);

        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("broute probe: ", l, StringComparison.Ordinal));
        Assert.Contains($"broute probe: family (from config file {config}): 'bp99' is not a dongle family", run.Error, StringComparison.Ordinal);
        Assert.Contains($"broute probe: id (from config file {config}): the B-route ID must be 32 characters (got 31)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Planted.Id[..31], run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_routes_the_masked_dongle_dialogue_to_standard_error()
    {
        var run = await Run(DialogueAsync, "--verbose");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("trce SkDevice: >> SKSETPWD C ************", run.Error, StringComparison.Ordinal);
        Assert.Contains("trce SkDevice: << SKSETPWD C ************", run.Error, StringComparison.Ordinal);
        Assert.Contains("trce SkDevice: >> SKSETRBID ********************************", run.Error, StringComparison.Ordinal);
        Assert.Contains("warn probe: done", run.Error, StringComparison.Ordinal);
        Planted.AssertAbsent(run.Error + run.Output);
    }

    [Fact]
    public async Task Without_verbose_only_warnings_reach_standard_error()
    {
        var run = await Run(DialogueAsync);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.DoesNotContain("SKSETPWD", run.Error, StringComparison.Ordinal);
        Assert.Equal("broute probe: warning: done", run.Error.TrimEnd()); // plain words, no log format, once
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Sets the credentials on a dongle that echoes every command (as BP35A1 does with echo on).</summary>
    private static async Task<int> DialogueAsync(DeviceCommandContext ctx, CancellationToken cancellationToken)
    {
        var (host, dongle) = InMemoryDuplexStream.CreatePair();
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(TimeSpan.FromSeconds(20));
        var echo = Task.Run(async () =>
        {
            using var reader = new StreamReader(dongle, leaveOpen: true);
            for (var i = 0; i < 2; i++)
            {
                var line = await reader.ReadLineAsync(guard.Token);
                await dongle.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"{line}\r\nOK\r\n"), guard.Token);
            }
        });
        var logger = ctx.LoggerFactory.CreateLogger("BRoute.SkStack.Device.SkDevice");
        await using (var device = new SkDevice(host, ctx.Settings.ToDeviceOptions(logger, ctx.Time)))
        {
            var credentials = ctx.Settings.RequireCredentials();
            await device.SetPasswordAsync(credentials.RevealPassword(), guard.Token);
            await device.SetRouteBIdAsync(credentials.RevealId(), guard.Token);
        }

        await echo;
        dongle.Dispose();
        ctx.LoggerFactory.CreateLogger("probe").LogWarning("done");
        return ExitCodes.Success;
    }
}
