namespace BRoute.SkStack.Errors;

/// <summary>A command got no complete answer within its timeout.</summary>
public sealed class SkTimeoutException : SkStackException
{
    public SkTimeoutException(string command, TimeSpan timeout)
        : base($"{command}: no complete answer from the dongle within {timeout.TotalSeconds:0.###} s")
    {
        Command = command;
        Timeout = timeout;
    }

    /// <summary>The command name; never its arguments.</summary>
    public string Command { get; }

    public TimeSpan Timeout { get; }
}
