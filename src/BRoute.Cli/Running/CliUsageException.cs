namespace BRoute.Cli.Running;

/// <summary>
/// Bad usage or configuration the user can fix: a missing device or credentials, a broken config
/// file, an unknown property name, an unusable output file. Exits with
/// <see cref="ExitCodes.UsageOrInput"/>. The message is shown as it is, so it must never contain a
/// credential.
/// </summary>
public sealed class CliUsageException : Exception
{
    public CliUsageException()
    {
    }

    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
