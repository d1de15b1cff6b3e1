using System.Globalization;
using BRoute.Session;
using BRoute.SkStack.Grammar;

namespace BRoute.Cli.Output;

/// <summary>How scan and doctor show a link: an LQI as RSSI, a plain verdict, and why a dongle gives no frame RSSI.</summary>
internal static class LinkQuality
{
    /// <summary>
    /// dBm for JSON: two decimals (the formula's own precision), so −54.77 is not printed as −54.769999999999996. Rounded
    /// in decimal (the conversion keeps 15 significant digits, dropping the binary noise), so −34.145 gives −34.15.
    /// </summary>
    public static double RoundedDbm(double dbm) => (double)Math.Round((decimal)dbm, 2, MidpointRounding.AwayFromZero);

    /// <summary>The LQI as dBm for JSON (<see cref="MeterLinkQuality.RssiDbm"/>: 0.275 × LQI − 104.27, skstack.md §6), <see cref="RoundedDbm"/>.</summary>
    public static double RoundedRssiDbm(byte lqi) => RoundedDbm(MeterLinkQuality.RssiDbm(lqi));

    /// <summary>"-54.8 dBm".</summary>
    public static string Rssi(byte lqi) => string.Create(CultureInfo.InvariantCulture, $"{MeterLinkQuality.RssiDbm(lqi):0.#} dBm");

    /// <summary>good (≥ 0x80), fair (≥ 0x40), or poor with what to do. The thresholds are our own: the reference gives none.</summary>
    public static string Verdict(byte lqi) => lqi switch
    {
        < 0x40 => "poor: move the dongle closer to the meter or use a USB extension cable",
        < 0x80 => "fair",
        _ => "good",
    };

    /// <summary>Why the session has no RSSI of the meter's frames, from the ERXUDP layout of those frames (skstack.md §7).</summary>
    public static string NoFrameRssi(ErxudpLayout? layout, string? family) => layout switch
    {
        null => "none: no frame from the meter was received",
        ErxudpLayout.NineTokens =>
            $"none: the {family ?? "dongle"}'s ERXUDP carries no RSSI/LQI field (the BP35A1 family's 9-token layout); the scan LQI is this link's quality",
        ErxudpLayout.TenTokensWithSide =>
            "none: this dongle prints ERXUDP without the RSSI/LQI field (register SA2 = 0); on BP35C0/C2 'SKSREG SA2 1' adds it (other firmware may give SA2 another meaning)",
        _ => "none: the dongle printed no RSSI/LQI field",
    };
}
