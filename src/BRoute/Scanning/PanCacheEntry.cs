using BRoute.Reading;
using BRoute.Retry;
using BRoute.SkStack.Grammar;

namespace BRoute.Scanning;

/// <summary>A remembered PAN: what was found, when, and through which dongle family.</summary>
public sealed record PanCacheEntry(MeterPan Pan, DateTimeOffset FoundAt, DongleFamily DongleFamily)
{
    /// <summary>
    /// The reply-time estimate of short requests measured on this PAN (optional; null in older files or when a stored
    /// value was missing or implausible). Seeds the next session's adaptive reply timeout.
    /// </summary>
    public ReplyTimeEstimate? ReplyTimes { get; init; }

    /// <summary>
    /// The LQI of the meter's EPANDESC in the scan that found this PAN (optional; null in older files or when the stored
    /// value was not a number 0–255). A session that joins from the cache reports it as the link quality seen at scan time.
    /// </summary>
    public byte? ScanLqi { get; init; }

    /// <summary>
    /// When a session with this PAN last ended with SKTERM (optional; null in older files, when never, or when the stored
    /// value was not a timestamp). The next join waits until <see cref="Connection.ConnectionOptions.QuietPeriod"/> has
    /// passed since then: a join right after SKTERM can collide with the meter's clean-up and get EVENT 24 (timing.md §4).
    /// </summary>
    public DateTimeOffset? LastTerminatedAt { get; init; }

    /// <summary>
    /// What a session learned about this meter (batch limit, refused EPCs, its 9F/D3/D7/E1 answers; optional: null in
    /// older files, when never learned, when dropped, or when a stored value was invalid or another MAC's). The next
    /// session to this PAN starts from it and checks it against the meter's answers.
    /// </summary>
    public MeterCapabilitySnapshot? Capabilities { get; init; }
}

/// <summary>Outcome of looking up the cache.</summary>
public enum PanCacheStatus
{
    /// <summary>A valid entry whose pairing ID matches the credentials.</summary>
    Hit,

    /// <summary>No cache file for this B-route ID.</summary>
    Missing,

    /// <summary>A file exists but could not be read or parsed; it is ignored (see the reason).</summary>
    Corrupt,

    /// <summary>The file is valid but its pairing ID is not the credentials' (the ID changed): ignored.</summary>
    PairIdMismatch,
}

/// <summary>Result of <see cref="PanCache.LoadAsync"/>: an entry on <see cref="PanCacheStatus.Hit"/>, else a reason.</summary>
public sealed record PanCacheLookup(PanCacheStatus Status, PanCacheEntry? Entry, string? Reason)
{
    internal static PanCacheLookup Hit(PanCacheEntry entry) => new(PanCacheStatus.Hit, entry, null);

    internal static PanCacheLookup Missing() => new(PanCacheStatus.Missing, null, "no cached PAN for this B-route ID");

    internal static PanCacheLookup Corrupt(string reason) => new(PanCacheStatus.Corrupt, null, reason);
}
