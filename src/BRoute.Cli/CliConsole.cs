namespace BRoute.Cli;

/// <summary>
/// The process's standard streams, replaceable in tests so a command runs in process with
/// given input and captured output.
/// </summary>
public sealed class CliConsole
{
    /// <summary>The real standard streams.</summary>
    public CliConsole()
        : this(System.Console.In, System.Console.Out, System.Console.Error, System.Console.IsInputRedirected)
    {
    }

    /// <summary>Given streams (tests).</summary>
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

    /// <summary>False when standard input is an interactive terminal.</summary>
    public bool IsInputRedirected { get; }
}
