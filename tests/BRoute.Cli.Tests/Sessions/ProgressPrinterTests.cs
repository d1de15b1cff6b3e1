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
    private static DeviceCommandContext Context(StringWriter error, bool terminal) => new()
    {
        CommandName = "scan",
        Parse = new RootCommand().Parse([]),
        Settings = new ConnectionSettings { Device = "/dev/ttyTEST0", StateDirectory = "/tmp", Secrets = SecretRedactor.For([Planted.Id, Planted.Password]) },
        Console = new CliConsole(TextReader.Null, TextWriter.Null, error) { IsErrorRedirected = !terminal },
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
}
