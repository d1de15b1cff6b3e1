namespace BRoute.Retry;

/// <summary>
/// A remembered reply-time estimate (SRTT, RTTVAR and how many samples made it), kept across runs next to the
/// PAN cache entry like TCP's per-route metrics cache, so a fresh session does not start from the fixed timeout.
/// </summary>
public sealed record ReplyTimeEstimate(TimeSpan Smoothed, TimeSpan Variation, int Samples)
{
    /// <summary>Longest value accepted from a file: anything above is not a reply time on the B-route.</summary>
    public static readonly TimeSpan MaxPlausible = TimeSpan.FromMinutes(10);

    /// <summary>True when every value is usable: non-negative SRTT and RTTVAR, both at most <see cref="MaxPlausible"/>, at least one sample.</summary>
    public bool IsPlausible =>
        Smoothed >= TimeSpan.Zero && Smoothed <= MaxPlausible
        && Variation >= TimeSpan.Zero && Variation <= MaxPlausible
        && Samples >= 1;
}
