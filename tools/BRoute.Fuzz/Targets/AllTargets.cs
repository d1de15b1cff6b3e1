namespace BRoute.Fuzz.Targets;

/// <summary>Every fuzz target, by name.</summary>
public static class AllTargets
{
    public static IReadOnlyList<FuzzTarget> List { get; } =
    [
        ReaderTargets.RoundTrip,
        ReaderTargets.Mutated,
        ReaderTargets.Random,
        CodecTargets.Mutated,
        MeterTargets.RoundTrip,
        MeterTargets.Mutated,
        DecoderTargets.Mutated,
        DecoderTargets.RoundTrip,
        ConfigTargets.Loader,
        ApiQueryTargets.Parameters,
        DecoderTargets.Bytes,
    ];
}
