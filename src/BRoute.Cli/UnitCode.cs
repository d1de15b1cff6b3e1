using System.Globalization;
using BRoute.EchonetLite.Meter;

namespace BRoute.Cli;

/// <summary>Parses a unit code (E1) option: "0x01", "01" or "1" (hex).</summary>
internal static class UnitCode
{
    public static bool TryParse(string? text, out byte? code, out string? problem)
    {
        code = null;
        problem = null;
        if (text is null)
        {
            return true;
        }

        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (!byte.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) || !EnergyUnit.IsDefined(value))
        {
            problem = $"--unit '{text}' is not a unit code (E1): use 0x00 (1 kWh), 0x01 (0.1), 0x02 (0.01), 0x03 (0.001), 0x04 (0.0001), 0x0A (10), 0x0B (100), 0x0C (1000) or 0x0D (10000).";
            return false;
        }

        code = value;
        return true;
    }
}
