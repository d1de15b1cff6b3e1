namespace BRoute.Mqtt;

/// <summary>
/// Names of ECHONET Lite maker codes (0x8A) seen on smart meters. Toshiba 000016 is measured (reference timing.md);
/// the others are from the ECHONET Consortium's published maker code list. Unknown codes show as hex.
/// </summary>
public static class MakerCodes
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["000005"] = "Sharp",
        ["000006"] = "Mitsubishi Electric",
        ["00000B"] = "Panasonic",
        ["000016"] = "Toshiba",
    };

    /// <summary>The maker's name, "ECHONET maker 0x&lt;code&gt;" for an unknown code, or "Unknown" when not read.</summary>
    public static string Name(string? makerCode) => makerCode switch
    {
        null or "" => "Unknown",
        _ when Known.TryGetValue(makerCode, out var name) => name,
        _ => $"ECHONET maker 0x{makerCode.ToUpperInvariant()}",
    };
}
