using BRoute.SkStack.Grammar;

namespace BRoute.SkStack.Items;

/// <summary><c>OK</c> or <c>OK &lt;value&gt;</c> (the value is e.g. <c>01</c> after ROPT).</summary>
public sealed record SkOk(string? Value) : SkItem
{
    /// <summary>The bare <c>OK</c>.</summary>
    public static SkOk Plain { get; } = new((string?)null);
}

/// <summary><c>FAIL ERxx</c>.</summary>
public sealed record SkFail(SkErrorCode Code) : SkItem
{
    /// <summary>What the code means (skstack.md §2).</summary>
    public string Meaning => SkErrorCodes.Describe(Code);
}

/// <summary>
/// An echoed command line (echo-back on). Secrets of SKSETPWD / SKSETRBID are already masked in <see cref="Text"/>.
/// </summary>
public sealed record SkEchoLine(string Text) : SkItem;

/// <summary>
/// An empty line: the bare CRLF the module prints after SKSENDTO even with echo off (skstack.md §9), and the stray
/// blank lines of A1 after EEDSCAN/EPORT.
/// </summary>
public sealed record SkBlankLine : SkItem
{
    public static SkBlankLine Instance { get; } = new();
}
