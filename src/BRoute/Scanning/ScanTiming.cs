using System.Numerics;
using BRoute.SkStack.Grammar;

namespace BRoute.Scanning;

/// <summary>The active-scan duration formula and channel masks (skstack.md §3, timing.md §3).</summary>
public static class ScanTiming
{
    /// <summary>Smallest SKSCAN duration.</summary>
    public const int MinDuration = 0;

    /// <summary>Largest SKSCAN duration (one hex digit, 0–14 per the manual).</summary>
    public const int MaxDuration = 14;

    /// <summary>Number of B-route channels (33–60).</summary>
    public const int ChannelCount = 28;

    /// <summary>The mask every client sends for "all channels" (bit 0 = channel 33; bits 28–31 unused).</summary>
    public const uint AllChannels = 0xFFFFFFFF;

    /// <summary>BP35A1 manual: 9.6 ms per channel unit.</summary>
    public static readonly TimeSpan SingleSideDwellUnit = TimeSpan.FromMilliseconds(9.6);

    /// <summary>BP35C0 documentation: 10 ms per channel unit; also used when the family is unknown (the longer one).</summary>
    public static readonly TimeSpan DualSideDwellUnit = TimeSpan.FromMilliseconds(10);

    /// <summary>Dwell unit of a family: 9.6 ms for the single-side A1 firmware, 10 ms otherwise.</summary>
    public static TimeSpan DwellUnit(DongleFamily family) =>
        family.IsSingleSide() ? SingleSideDwellUnit : DualSideDwellUnit;

    /// <summary>Mask with only <paramref name="channel"/> (33–60) set: bit (channel − 33).</summary>
    public static uint MaskFor(byte channel)
    {
        if (channel is < MeterPan.FirstChannel or > MeterPan.LastChannel)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "the logical channel must be 33–60");
        }

        return 1u << (channel - MeterPan.FirstChannel);
    }

    /// <summary>Number of B-route channels a mask selects (bits beyond channel 60 ignored).</summary>
    public static int ChannelsIn(uint mask) => BitOperations.PopCount(mask & ((1u << ChannelCount) - 1));

    /// <summary>Expected scan time: channels × unit × (2^D + 1).</summary>
    public static TimeSpan Expected(int duration, int channels, TimeSpan dwellUnit)
    {
        if (duration is < MinDuration or > MaxDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "a scan duration must be 0–14");
        }

        return dwellUnit * (channels * ((1L << duration) + 1));
    }

    /// <summary>How long to wait for EVENT 22 before giving up on a scan: expected × factor + extra.</summary>
    public static TimeSpan Guard(TimeSpan expected, double factor, TimeSpan extra) => (expected * factor) + extra;
}
