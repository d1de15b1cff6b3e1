namespace BRoute.Radio;

/// <summary>
/// Settings of <see cref="TransmitBudget"/>. ARIB STD-T108 / MIC notice 2019-123 allow at most 360 s
/// of transmission in any hour (b-route-guideline.md §8); the budget stops earlier so that traffic
/// it cannot see (PANA, neighbour discovery, scans, retransmissions inside the module) fits in the margin.
/// </summary>
public sealed record TransmitBudgetOptions
{
    /// <summary>The sliding window (1 h).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The legal limit per window (360 s); <see cref="Limit"/> may not exceed it.</summary>
    public TimeSpan LegalLimit { get; init; } = TimeSpan.FromSeconds(360);

    /// <summary>Where the budget stops sending (default 300 s: a 60 s margin under the legal 360 s).</summary>
    public TimeSpan Limit { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>PHY bit rate of the B-route (100 kbit/s → 0.08 ms per byte).</summary>
    public int BitsPerSecond { get; init; } = 100_000;

    /// <summary>
    /// Bytes on air around each UDP payload we send, default 61: PHY preamble 8 + SFD 2 + PHR 2;
    /// MAC frame control 2 + sequence 1 + PAN ID 2 + two 64-bit addresses 16; auxiliary security
    /// header 6 + MIC 8 (CCM*, MIC length not documented for B-route: the larger common choice);
    /// FCS 4 (SUN PHY 32-bit CRC); 6LoWPAN IPHC ≈ 3 + UDP header with ports inline 7. At 100 kbit/s
    /// that is 4.9 ms per frame.
    /// </summary>
    public int FrameOverheadBytes { get; init; } = 61;

    /// <summary>
    /// Bytes on air of the MAC acknowledgement our dongle sends for each unicast frame it receives:
    /// preamble 8 + SFD 2 + PHR 2 + frame control 2 + sequence 1 + FCS 4 = 19 (1.5 ms).
    /// </summary>
    public int AckBytes { get; init; } = 19;

    /// <summary>Throws when a value cannot work.</summary>
    public void Validate()
    {
        if (Window <= TimeSpan.Zero || Limit <= TimeSpan.Zero || LegalLimit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Window), "the window and limits must be positive");
        }

        if (Limit > LegalLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(Limit), Limit, $"the budget may not exceed the legal limit of {LegalLimit.TotalSeconds} s per window");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(BitsPerSecond, 1, nameof(BitsPerSecond));
        ArgumentOutOfRangeException.ThrowIfNegative(FrameOverheadBytes, nameof(FrameOverheadBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(AckBytes, nameof(AckBytes));
    }
}
