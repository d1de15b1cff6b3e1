using BRoute.SkStack.Grammar;

namespace BRoute.Session;

/// <summary>Where <see cref="MeterLinkQuality.ScanLqi"/> came from.</summary>
public enum ScanLqiSource
{
    /// <summary>No scan LQI is known: this session ran no scan and the cached PAN carried none (an older cache file).</summary>
    None,

    /// <summary>The EPANDESC of a scan this session ran.</summary>
    Scan,

    /// <summary>Remembered with the PAN cache entry by the session whose scan found the PAN (the cache hit skipped the scan).</summary>
    PanCache,
}

/// <summary>
/// The link quality of the meter's radio frames as the dongle reported it. Two sources (skstack.md):
/// <list type="bullet">
/// <item>the LQI of the meter's EPANDESC when it was found by a scan (every family; §6);</item>
/// <item>the RSSI/LQI token of each ERXUDP from the meter — only C0/C2-type firmware with register SA2 = 1 prints it
/// (the 11-token layout, §7); BP35A1-family ERXUDP (9 tokens) and SA2 = 0 (10 tokens) carry none.</item>
/// </list>
/// Both are 8-bit values converted with <see cref="RssiDbm(byte)"/>: 0.275 × LQI − 104.27 dBm (§6, the BP35A1 manual's
/// EPANDESC/EEDSCAN formula). The reference is not sure the ERXUDP token uses that scale (§10 item 2: one peer calls it
/// RSSI, another converts it as an LQI); it is read as an LQI like the peer that converts it, and the raw byte is kept.
/// </summary>
public sealed record MeterLinkQuality
{
    /// <summary>Nothing recorded yet.</summary>
    public static MeterLinkQuality Empty { get; } = new();

    /// <summary>ERXUDP datagrams from the meter's address (ECHONET Lite and PANA) since the session started.</summary>
    public long MeterFrames { get; init; }

    /// <summary>Of <see cref="MeterFrames"/>, those whose ERXUDP carried the RSSI/LQI token (11-token layout).</summary>
    public long FramesWithLqi { get; init; }

    /// <summary>The ERXUDP layout of the last frame from the meter; null before the first one.</summary>
    public ErxudpLayout? Layout { get; init; }

    /// <summary>
    /// True when the dongle's ERXUDP carries the token (11-token layout), false when its layout has none (BP35A1 family:
    /// 9 tokens; C0/C2 with SA2 = 0: 10 tokens), null before the first frame from the meter.
    /// </summary>
    public bool? FramesCarryLqi => Layout is { } layout ? layout == ErxudpLayout.ElevenTokensWithRssiAndSide : null;

    /// <summary>The raw token of the last meter frame that carried one.</summary>
    public byte? LastLqi { get; init; }

    /// <summary>Smallest token seen.</summary>
    public byte? MinLqi { get; init; }

    /// <summary>Largest token seen.</summary>
    public byte? MaxLqi { get; init; }

    /// <summary>Mean of the tokens seen.</summary>
    public double? MeanLqi { get; init; }

    /// <summary><see cref="LastLqi"/> in dBm.</summary>
    public double? LastRssiDbm => LastLqi is { } v ? RssiDbm(v) : null;

    /// <summary><see cref="MinLqi"/> in dBm (the weakest frame).</summary>
    public double? MinRssiDbm => MinLqi is { } v ? RssiDbm(v) : null;

    /// <summary><see cref="MaxLqi"/> in dBm (the strongest frame).</summary>
    public double? MaxRssiDbm => MaxLqi is { } v ? RssiDbm(v) : null;

    /// <summary>Mean in dBm (the conversion is linear, so this is also the mean of the dBm values).</summary>
    public double? MeanRssiDbm => MeanLqi is { } v ? FromLqi(v) : null;

    /// <summary>The LQI of the meter's EPANDESC from the scan that found it; null when none is known.</summary>
    public byte? ScanLqi { get; init; }

    /// <summary><see cref="ScanLqi"/> in dBm.</summary>
    public double? ScanRssiDbm => ScanLqi is { } v ? RssiDbm(v) : null;

    /// <summary>Where <see cref="ScanLqi"/> came from.</summary>
    public ScanLqiSource ScanLqiSource { get; init; }

    /// <summary>When that scan found the meter (for <see cref="ScanLqiSource.PanCache"/>, the cache entry's time).</summary>
    public DateTimeOffset? ScanLqiAt { get; init; }

    /// <summary>RSSI in dBm from an LQI byte: 0.275 × LQI − 104.27 (skstack.md §6; 0x00 → −104.27, 0xFF → −34.145).</summary>
    public static double RssiDbm(byte lqi) => FromLqi(lqi);

    /// <summary>RSSI in dBm of a mean (or any fractional) LQI, by the same formula.</summary>
    public static double RssiDbm(double lqi) => FromLqi(lqi);

    private static double FromLqi(double lqi) => (0.275 * lqi) - 104.27;
}
