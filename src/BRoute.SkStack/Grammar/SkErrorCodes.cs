using System.Globalization;

namespace BRoute.SkStack.Grammar;

/// <summary>Text for <see cref="SkErrorCode"/> values (skstack.md §2).</summary>
public static class SkErrorCodes
{
    /// <summary>The code as printed on the wire, e.g. <c>ER04</c>.</summary>
    public static string Format(SkErrorCode code) => "ER" + ((int)code).ToString("00", CultureInfo.InvariantCulture);

    /// <summary>What a code means. Wording differs between sources for ER05/ER06; both are argument errors.</summary>
    public static string Describe(SkErrorCode code) => (int)code switch
    {
        1 or 2 or 3 or 7 or 8 => "reserved code",
        4 => "command not supported",
        5 => "wrong number of arguments or invalid argument",
        6 => "argument value out of range or malformed",
        9 => "UART input error",
        10 => "command accepted but execution failed (e.g. no PANA session)",
        _ => "unknown error code",
    };
}
