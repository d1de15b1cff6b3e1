using System.CommandLine;

namespace BRoute.Cli.Help;

/// <summary>
/// What an option's value must be, in words ("a whole number of days"), for the message about a value that does not
/// convert: System.CommandLine would name the .NET type ("System.Int32").
/// </summary>
internal static class ExpectedValues
{
    /// <summary>What the numbers of an option count, where the name alone does not say it.</summary>
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["--days"] = "days",
        ["--count"] = "readings",
        ["--solar"] = "watts",
        ["--constant-load"] = "watts",
        ["--session-lifetime"] = "seconds",
        ["--daily-kwh"] = "kWh",
        ["--energy-kwh"] = "kWh",
        ["--reverse-kwh"] = "kWh",
        ["--max-opc"] = "properties",
        ["--digits"] = "digits",
    };

    /// <summary>The words for <paramref name="option"/>'s value, or null for a text option (any text converts).</summary>
    public static string? Describe(Option option)
    {
        ArgumentNullException.ThrowIfNull(option);
        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        var unit = Units.TryGetValue(option.Name, out var u) ? $" of {u}" : string.Empty;
        return type switch
        {
            _ when type == typeof(int) || type == typeof(long) => $"a whole number{unit}",
            _ when type == typeof(uint) || type == typeof(ulong) => $"a whole number{unit} (0 or more)",
            _ when type == typeof(byte) => $"a whole number{unit} from 0 to 255",
            _ when type == typeof(double) || type == typeof(decimal) => $"a number{unit} such as 2 or 0.5",
            _ when type == typeof(bool) => "true or false, or nothing (the option alone means true)",
            _ => null,
        };
    }
}
