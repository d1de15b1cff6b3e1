namespace BRoute.SkStack.Errors;

/// <summary>The dongle answered, but not in the form the command expects (e.g. <c>OK</c> without the <c>EVER</c> line).</summary>
public sealed class SkUnexpectedResponseException : SkStackException
{
    public SkUnexpectedResponseException(string command, string detail)
        : base($"{command}: unexpected answer from the dongle: {detail}")
    {
        Command = command;
    }

    public string Command { get; }
}
