using BRoute.Authentication;

namespace BRoute.Scanning;

/// <summary>A PAN reported by a scan (one EPANDESC) with its link quality.</summary>
public sealed record ScanCandidate(MeterPan Pan, byte Lqi);

/// <summary>Picks the meter among the PANs a scan reported.</summary>
internal static class PanSelector
{
    /// <summary>
    /// The candidate whose pairing ID matches the credentials, best LQI first (ties: the first
    /// reported); null if none matches. <paramref name="otherPairIds"/> counts PANs that answered
    /// with another pairing ID (a neighbour's meter), for the error message.
    /// </summary>
    public static ScanCandidate? Select(IEnumerable<ScanCandidate> candidates, Credentials credentials, out int otherPairIds)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(credentials);
        ScanCandidate? best = null;
        otherPairIds = 0;
        foreach (var c in candidates)
        {
            if (!credentials.MatchesPairId(c.Pan.PairId))
            {
                otherPairIds++;
                continue;
            }

            if (best is null || c.Lqi > best.Lqi)
            {
                best = c;
            }
        }

        return best;
    }
}
