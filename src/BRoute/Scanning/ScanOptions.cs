namespace BRoute.Scanning;

/// <summary>How to look for the meter (timing.md §3 and "Client timeout defaults").</summary>
public sealed record ScanOptions
{
    /// <summary>
    /// Active-scan durations tried in order, one scan each, until a PAN with our pairing ID answers.
    /// Default 4, 5, 6, 7, 8: starts fast (≈ 4.6 s for 28 channels) and ends where peers find
    /// meters that shorter scans miss (D8 ≈ 69 s; CJ1 found its meter only at D8).
    /// </summary>
    public IReadOnlyList<int> Durations { get; init; } = [4, 5, 6, 7, 8];

    /// <summary>
    /// When the channel is known (from a stale cache entry), scan that channel alone with every
    /// duration of the ladder before the full mask. A one-channel scan costs 1/28 of a full one,
    /// so the whole one-channel ladder at D4–D8 adds ≈ 4.8 s.
    /// </summary>
    public bool ScanKnownChannelFirst { get; init; } = true;

    /// <summary>
    /// Dwell unit per channel in the formula unit × (2^D + 1); null = by dongle family
    /// (<see cref="ScanTiming.DwellUnit"/>).
    /// </summary>
    public TimeSpan? DwellUnit { get; init; }

    /// <summary>Guard = expected duration × this factor + <see cref="GuardExtra"/> (timing.md: × 1.2).</summary>
    public double GuardFactor { get; init; } = 1.2;

    /// <summary>Fixed slack added to the guard (timing.md: + 3 s).</summary>
    public TimeSpan GuardExtra { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Throws when a value cannot work.</summary>
    public void Validate()
    {
        if (Durations is null || Durations.Count == 0)
        {
            throw new ArgumentException("the scan needs at least one duration", nameof(Durations));
        }

        foreach (var d in Durations)
        {
            if (d is < ScanTiming.MinDuration or > ScanTiming.MaxDuration)
            {
                throw new ArgumentOutOfRangeException(nameof(Durations), d, $"a scan duration must be {ScanTiming.MinDuration}–{ScanTiming.MaxDuration} (SKSCAN takes one hex digit)");
            }
        }

        if (GuardFactor < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(GuardFactor), GuardFactor, "the guard factor must be at least 1");
        }

        if (GuardExtra < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(GuardExtra), GuardExtra, "the guard slack cannot be negative");
        }

        if (DwellUnit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DwellUnit), DwellUnit, "the dwell unit must be positive");
        }
    }
}
