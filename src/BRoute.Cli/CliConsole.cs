namespace BRoute.Cli;

/// <summary>
/// The process's standard streams, environment and clock, replaceable in tests so a command runs
/// in process with given input, environment and time, and captured output.
/// </summary>
public sealed class CliConsole
{
    /// <summary>The real standard streams, process environment and system clock.</summary>
    public CliConsole()
        : this(System.Console.In, System.Console.Out, System.Console.Error, System.Console.IsInputRedirected)
    {
        IsErrorRedirected = System.Console.IsErrorRedirected;
        Environment = CliEnvironment.FromProcess();
        OutputStream = System.Console.OpenStandardOutput();
        // Console.In reads its bytes as the console's input encoding; the byte stream gives the same characters only for UTF-8.
        InputStream = System.Console.InputEncoding.CodePage == 65001 ? System.Console.OpenStandardInput() : null;
        OutputWidth = TerminalWidth();
    }

    /// <summary>
    /// Given streams (tests). The environment is <see cref="CliEnvironment.Empty"/> and standard error
    /// counts as redirected unless set otherwise.
    /// </summary>
    public CliConsole(TextReader input, TextWriter output, TextWriter error, bool inputRedirected = true)
    {
        Input = input;
        Output = output;
        Error = error;
        IsInputRedirected = inputRedirected;
    }

    public TextReader Input { get; }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>
    /// Standard output as bytes, for commands that print a lot (<c>decode</c> writes UTF-8 in large blocks here rather than
    /// line by line through <see cref="Output"/>); null in tests, which capture <see cref="Output"/> only.
    /// </summary>
    public Stream? OutputStream { get; init; }

    /// <summary>
    /// Standard input as bytes of UTF-8, for commands that read a lot (<c>decode</c> reads a log in large blocks here rather
    /// than through <see cref="Input"/>); null in tests that give <see cref="Input"/> only, and when the console's input
    /// encoding is not UTF-8.
    /// </summary>
    public Stream? InputStream { get; init; }

    /// <summary>The terminal's width in columns when standard output is one; null otherwise (tables then use a default).</summary>
    public int? OutputWidth { get; init; }

    /// <summary>False when standard input is an interactive terminal.</summary>
    public bool IsInputRedirected { get; }

    /// <summary>False when standard error is an interactive terminal (progress lines are redrawn in place only then).</summary>
    public bool IsErrorRedirected { get; init; } = true;

    /// <summary>Environment variables and home directory the commands may read.</summary>
    public CliEnvironment Environment { get; init; } = CliEnvironment.Empty;

    /// <summary>The clock commands use for timestamps, progress and file names.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    private static int? TerminalWidth()
    {
        try
        {
            return System.Console.IsOutputRedirected || System.Console.WindowWidth <= 0 ? null : System.Console.WindowWidth;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
