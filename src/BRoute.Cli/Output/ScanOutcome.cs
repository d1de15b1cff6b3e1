using BRoute.Scanning;
using BRoute.SkStack.Device;
using BRoute.SkStack.Grammar;

namespace BRoute.Cli.Output;

/// <summary>What one run of <c>broute scan</c> found, from a scan or from the PAN cache.</summary>
internal sealed record ScanOutcome
{
    /// <summary>"scan" or "cache".</summary>
    public required string Source { get; init; }

    /// <summary>The dongle family (detected by the scan's session, or recorded with the cache entry).</summary>
    public DongleFamily? Family { get; init; }

    /// <summary>The detected dialect (a scan); null for the cache.</summary>
    public SkDialect? Dialect { get; init; }

    /// <summary>SKSCAN commands issued (0 for the cache).</summary>
    public int ScansRun { get; init; }

    /// <summary>PANs that answered with another pairing ID.</summary>
    public int OtherMeters { get; init; }

    /// <summary>Every PAN that answered (empty for the cache).</summary>
    public IReadOnlyList<ScanCandidate> Pans { get; init; } = [];

    /// <summary>Our meter's PAN, or null when none was found.</summary>
    public MeterPan? Meter { get; init; }

    /// <summary>The meter's EPANDESC LQI (null: a cache entry from before it was kept).</summary>
    public byte? MeterLqi { get; init; }

    /// <summary>When the meter was found (now for a scan; the cache entry's time).</summary>
    public DateTimeOffset? FoundAt { get; init; }

    /// <summary>The PAN cache file of these credentials (named after the ID's hash).</summary>
    public required string PanCacheFile { get; init; }

    /// <summary>True when the PAN cache now holds the meter found by this scan.</summary>
    public bool Saved { get; init; }

    /// <summary>Why nothing was found (the message the command fails with), or null.</summary>
    public string? Error { get; init; }
}
