namespace BRoute.Reading;

/// <summary>
/// What a session learned about its meter, remembered with the PAN cache entry so the next session starts from it:
/// the batch limit, the largest Get answered in full, EPCs refused even alone, and the meter's own answers to
/// 9F (Get property map), D3 (coefficient), D7 (digits) and E1 (unit). A session that starts from it skips the Get of
/// 9F/D3/D7/E1 after the join and checks them in its first read instead; any answer that disagrees drops all of it.
/// </summary>
/// <param name="MaxOpc">EPCs per Get the session used last (1–255).</param>
/// <param name="LargestAcceptedOpc">Largest Get the meter answered with an entry for every EPC (0 = none).</param>
/// <param name="Refused">EPCs the meter refused when asked alone.</param>
/// <param name="MeterInfo">EDTs of 9F, D3, D7 and E1 as the meter answered them (an EPC it refused or lacks is absent).</param>
public sealed record MeterCapabilitySnapshot(
    int MaxOpc,
    int LargestAcceptedOpc,
    IReadOnlyList<byte> Refused,
    IReadOnlyDictionary<byte, ReadOnlyMemory<byte>> MeterInfo)
{
    /// <summary>The EPCs whose answers make up <see cref="MeterInfo"/>: 9F, D3, D7, E1.</summary>
    public static IReadOnlyList<byte> MeterInfoEpcs { get; } = [0x9F, 0xD3, 0xD7, 0xE1];

    /// <summary>One line for a log: "max 4 EPCs per Get (4 answered in full), refused 84, 9F D3 D7 E1 known".</summary>
    public override string ToString() =>
        $"max {MaxOpc} EPCs per Get ({LargestAcceptedOpc} answered in full), refused {(Refused.Count == 0 ? "none" : string.Join(" ", Refused.Select(e => e.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))))}, "
        + $"{(MeterInfo.Count == 0 ? "no meter info" : string.Join(" ", MeterInfo.Keys.Order().Select(e => e.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))) + " known")}";
}
