using System.Net;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;

namespace BRoute.Session;

/// <summary>
/// Collects <see cref="MeterLinkQuality"/>: the RSSI/LQI token of every ERXUDP from the meter's address and the LQI of
/// the scan that found the meter. Thread-safe: frames arrive on the dongle's reader, snapshots are taken anywhere.
/// </summary>
internal sealed class LinkQualityRecorder
{
    private readonly Lock _lock = new();
    private MeterLinkQuality _current = MeterLinkQuality.Empty;
    private long _sum;

    /// <summary>
    /// Records <paramref name="datagram"/> when it comes from <paramref name="meter"/> (compared by address bytes, like
    /// the reply matcher); frames from any other sender, or before the meter's address is known, are not the meter's.
    /// </summary>
    public void OnFrame(Erxudp datagram, IPAddress? meter)
    {
        ArgumentNullException.ThrowIfNull(datagram);
        if (!SkAddress.SameIPv6(datagram.Sender, meter))
        {
            return;
        }

        lock (_lock)
        {
            var c = _current;
            if (datagram.Rssi is not { } lqi)
            {
                _current = c with { MeterFrames = c.MeterFrames + 1, Layout = datagram.Layout };
                return;
            }

            _sum += lqi;
            var count = c.FramesWithLqi + 1;
            _current = c with
            {
                MeterFrames = c.MeterFrames + 1,
                FramesWithLqi = count,
                Layout = datagram.Layout,
                LastLqi = lqi,
                MinLqi = c.MinLqi is { } min && min <= lqi ? min : lqi,
                MaxLqi = c.MaxLqi is { } max && max >= lqi ? max : lqi,
                MeanLqi = (double)_sum / count,
            };
        }
    }

    /// <summary>Records the LQI of the meter's EPANDESC (a scan now, or one remembered with the PAN cache entry).</summary>
    public void OnScan(byte lqi, DateTimeOffset at, ScanLqiSource source)
    {
        lock (_lock)
        {
            _current = _current with { ScanLqi = lqi, ScanLqiAt = at, ScanLqiSource = source };
        }
    }

    public MeterLinkQuality Snapshot()
    {
        lock (_lock)
        {
            return _current;
        }
    }
}
