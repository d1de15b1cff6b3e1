using System.Text;

namespace BRoute.Cli.Tests.Commands;

/// <summary>
/// <c>broute decode</c> on standard input and output as byte streams (as the real process runs it: lines read from
/// bytes, a second thread printing): the same bytes as through the text reader and writer.
/// </summary>
public sealed class DecodeByteStreamTests
{
    private const string Frame = "1081000102880105FF017201E70400000274";

    [Theory]
    [InlineData("--json")]
    [InlineData("--unit")]
    public async Task Odd_lines_print_what_the_text_reader_prints(string option)
    {
        // Non-ASCII text, bytes that are not UTF-8, a BOM, tabs, CR-only line ends, a hex frame, a line over the cap.
        var text = $"\uFEFF{Frame}\rERXUDP → x\n{Frame}\t\n" + "10 81 00 01 02 88 01 05 FF 01 72 01 E7 04 00 00 02 74\r\n" +
            $"{new string('電', 140_000)}\n{new string('F', 200_000)}\n{Frame}";
        var bytes = Encoding.UTF8.GetBytes(text).Concat(new byte[] { (byte)'\n', 0xFF, (byte)'A', 0xE9, (byte)'\n' }).ToArray();
        string[] args = option == "--json" ? ["decode", "--json"] : ["decode", "--unit", "0x01"];

        var expected = await RunTextAsync(Encoding.UTF8.GetString(bytes), args);
        var actual = await RunAsync(bytes, args);

        Assert.Equal(expected, actual);
        Assert.Contains("line 5: the line is 140,000 characters long", actual.Error, StringComparison.Ordinal);
        Assert.Contains("line 6: the line is 200,000 characters long", actual.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_standard_output_ends_the_command_with_an_error_not_a_hang()
    {
        var log = string.Concat(Enumerable.Repeat(Frame + "\n", 20_000));
        using var error = new StringWriter();
        var console = new CliConsole(TextReader.Null, TextWriter.Null, error)
        {
            InputStream = new MemoryStream(Encoding.ASCII.GetBytes(log)),
            OutputStream = new FailingStream(),
        };

        var code = await Program.RunAsync(["decode", "--json"], console).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(ExitCodes.Success, code);
        Assert.Contains("standard output is gone", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Runs with standard input and output as byte streams, as the real process has them.</summary>
    internal static async Task<CliRun> RunAsync(byte[] stdin, string[] args)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var console = new CliConsole(TextReader.Null, TextWriter.Null, error) { InputStream = new MemoryStream(stdin), OutputStream = output };
        var code = await Program.RunAsync(args, console);
        return new CliRun(code, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    private static Task<CliRun> RunTextAsync(string stdin, string[] args) => CliRun.InvokeAsync(stdin, args);

    private sealed class FailingStream : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("standard output is gone");

        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("standard output is gone");
    }
}
