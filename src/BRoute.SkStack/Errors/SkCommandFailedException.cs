using BRoute.SkStack.Grammar;

namespace BRoute.SkStack.Errors;

/// <summary>The dongle answered a command with <c>FAIL ERxx</c> (skstack.md §2).</summary>
public sealed class SkCommandFailedException : SkStackException
{
    public SkCommandFailedException(string command, SkErrorCode code)
        : base($"{command} failed: FAIL {SkErrorCodes.Format(code)} ({SkErrorCodes.Describe(code)})")
    {
        Command = command;
        Code = code;
    }

    /// <summary>The command name (e.g. <c>SKSCAN</c>); never its arguments.</summary>
    public string Command { get; }

    /// <summary>The ERxx code.</summary>
    public SkErrorCode Code { get; }

    /// <summary>What the code means (skstack.md §2).</summary>
    public string Meaning => SkErrorCodes.Describe(Code);
}
