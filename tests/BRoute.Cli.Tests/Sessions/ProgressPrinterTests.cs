using System.CommandLine;
using BRoute.Cli.Logging;
using BRoute.Cli.Running;
using BRoute.Cli.Sessions;
using BRoute.Cli.Settings;
using BRoute.Cli.Tests.Support;
using BRoute.Session;
using Microsoft.Extensions.Logging.Abstractions;

namespace BRoute.Cli.Tests.Sessions;

public sealed class ProgressPrinterTests
{
    private static DeviceCommandContext Context(StringWriter error, bool terminal, TimeProvider? time = null) => new()
    {
        CommandName = "scan",
        Parse = new RootCommand().Parse([]),
        Settings = new ConnectionSettings { Device = "/dev/ttyTEST0", StateDirectory = "/tmp", Secrets = SecretRedactor.For([Planted.Id, Planted.Password]) },
        Console = new CliConsole(TextReader.Null, TextWriter.Null, error) { IsErrorRedirected = !terminal, Time = time ?? TimeProvider.System },
        LoggerFactory = NullLoggerFactory.Instance,
    };

    private static SessionProgress Step(string message) => new(SessionStage.Scanning, message);

    [Fact]
    public void On_a_terminal_one_line_is_redrawn_then_erased()
    {
        using var error = new StringWriter();
        var printer = new ProgressPrinter(Context(error, terminal: true), lines: false);

        printer.Report(Step("scan 1/5: duration 4 on 28 channel(s), about 4.6 s"));
        printer.Report(Step("joining"));
        printer.Finish();

        var parts = error.ToString().Split('\r');
        Assert.Equal(["", "broute scan: scan 1/5: duration 4 on 28 channel(s), about 4.6 s", "broute scan: joining" + new string(' ', 43), new string(' ', 20), ""], parts);
    }

    [Theory]
    [InlineData(true, "broute scan: opening\nbroute scan: scan 1/5\n")]
    [InlineData(false, "")]
    public void In_a_pipe_it_writes_lines_only_when_asked(bool lines, string expected)
    {
        using var error = new StringWriter();
        var printer = new ProgressPrinter(Context(error, terminal: false), lines);

        printer.Report(Step("opening"));
        printer.Report(Step("scan 1/5"));
        printer.Finish();

        Assert.Equal(expected, error.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Reports_after_finish_go_to_the_after_connect_handler_and_messages_are_redacted()
    {
        using var error = new StringWriter();
        var later = new List<SessionProgress>();
        var printer = new ProgressPrinter(Context(error, terminal: false), lines: true) { AfterConnect = later.Add };

        printer.Report(Step($"odd message quoting {Planted.Password}"));
        printer.Finish();
        var dropped = new SessionProgress(SessionStage.Reconnecting, "the session dropped");
        printer.Report(dropped);

        Assert.Equal("broute scan: odd message quoting ************\n", error.ToString().ReplaceLineEndings("\n"));
        Assert.Equal([dropped], later);
    }

    [Fact]
    public void In_a_pipe_a_wait_announced_as_long_is_said_at_once()
    {
        using var error = new StringWriter();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var printer = new ProgressPrinter(Context(error, terminal: false, clock), lines: false);

        printer.Report(new SessionProgress(SessionStage.PreparingDongle, "preparing the dongle"));
        printer.Report(new SessionProgress(SessionStage.WaitingQuietPeriod, "waiting 9.5 s after the previous session's end (SKTERM) before joining") { Expected = TimeSpan.FromSeconds(9.5) });

        Assert.Equal("broute scan: waiting 9.5 s after the previous session's end (SKTERM) before joining\n", error.ToString().ReplaceLineEndings("\n"));
        clock.Advance(TimeSpan.FromSeconds(10));
        printer.Finish();
        Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)); // once
    }

    [Fact]
    public void In_a_pipe_a_step_is_said_once_it_has_lasted_longer_than_two_seconds()
    {
        using var error = new StringWriter();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var printer = new ProgressPrinter(Context(error, terminal: false, clock), lines: false);

        printer.Report(new SessionProgress(SessionStage.OpeningDevice, "opening the dongle"));
        clock.Advance(TimeSpan.FromSeconds(1.9));
        printer.Report(new SessionProgress(SessionStage.Joining, "joining (attempt 1)"));
        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Equal(string.Empty, error.ToString()); // each step short so far: nothing

        clock.Advance(ProgressPrinter.LongWait - TimeSpan.FromSeconds(1.9));
        Assert.Equal("broute scan: joining (attempt 1)\n", error.ToString().ReplaceLineEndings("\n"));

        clock.Advance(TimeSpan.FromSeconds(30));
        printer.Report(new SessionProgress(SessionStage.ReadingMeterInfo, "reading the meter's property map"));
        printer.Finish();
        clock.Advance(TimeSpan.FromSeconds(30)); // finished: the pending line is never said
        Assert.Equal("broute scan: joining (attempt 1)\n", error.ToString().ReplaceLineEndings("\n"));
    }
}
