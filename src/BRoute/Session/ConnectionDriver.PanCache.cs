using BRoute.Scanning;
using BRoute.SkStack.Grammar;

namespace BRoute.Session;

/// <summary>PAN-cache writes: a PAN a scan found, its scan LQI, and the time a session ended with SKTERM (quiet period).</summary>
internal sealed partial class ConnectionDriver
{
    /// <summary>The latest PAN cache write started after a join from a scan (completed when there is none).</summary>
    internal Task PanSaved => Volatile.Read(ref _panSaved);

    /// <summary>Writes a PAN a scan found; false when there is no cache or the write failed (logged).</summary>
    private async Task<bool> SavePanAsync(MeterPan pan, CancellationToken cancellationToken)
    {
        if (Cache is null)
        {
            return false;
        }

        var family = Link?.Device.Dialect.Family ?? DongleFamily.Unknown;
        var entry = new PanCacheEntry(pan, _time.GetUtcNow(), family) // a new PAN: no reply times measured on it yet
        {
            ScanLqi = Volatile.Read(ref _lastFound) is { } found && found.Pan == pan ? found.Lqi : null,
        };
        return await Cache.SaveAsync(entry, "saving the PAN cache", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A scan found the meter: its EPANDESC LQI is the session's scan link quality, and goes with the PAN into the cache.</summary>
    private void OnMeterFound(ScanCandidate found)
    {
        Volatile.Write(ref _lastFound, found);
        _counters.LinkQuality.OnScan(found.Lqi, _time.GetUtcNow(), ScanLqiSource.Scan);
    }

    /// <summary>
    /// Remembers with the cache entry of <paramref name="pan"/> that a session with it ended with SKTERM at <paramref name="at"/>,
    /// so the next run waits the quiet period before joining. Waits for a PAN write still under way (a scan that joined).
    /// </summary>
    private async Task RecordTerminationAsync(MeterPan pan, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (Cache is null)
        {
            return;
        }

        await Task.WhenAny(PanSaved).ConfigureAwait(false); // its own failure is logged where it ran
        await Cache.UpdateAsync(pan, e => e with { LastTerminatedAt = at }, "recording SKTERM in the PAN cache", cancellationToken).ConfigureAwait(false);
    }
}
