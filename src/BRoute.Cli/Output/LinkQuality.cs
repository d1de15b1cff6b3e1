using System.Globalization;

namespace BRoute.Cli.Output;

/// <summary>How scan and doctor show a link: the EPANDESC LQI as RSSI, and a plain verdict.</summary>
internal static class LinkQuality
{
    /// <summary>RSSI in dBm: 0.275 × LQI − 104.27 (skstack.md §6, EPANDESC "LQI", manual §4.6 via smdn; momonga the same).</summary>
    public static double RssiDbm(byte lqi) => (0.275 * lqi) - 104.27;

    /// <summary>"-54.8 dBm".</summary>
    public static string Rssi(byte lqi) => string.Create(CultureInfo.InvariantCulture, $"{RssiDbm(lqi):0.#} dBm");

    /// <summary>good (≥ 0x80), fair (≥ 0x40), or poor with what to do. The thresholds are our own: the reference gives none.</summary>
    public static string Verdict(byte lqi) => lqi switch
    {
        < 0x40 => "poor: move the dongle closer to the meter or use a USB extension cable",
        < 0x80 => "fair",
        _ => "good",
    };
}
