using BRoute.Fuzz;
using BRoute.Fuzz.Targets;

namespace BRoute.Fuzz.Tests;

/// <summary>
/// A short run of every fuzz target (a few seconds each; the million-input runs are
/// <c>dotnet run -c Release --project tools/BRoute.Fuzz -- all</c>). A failure message carries the CsCheck seed.
/// </summary>
public class ShortFuzzRunTests
{
    [Fact]
    public void Reader_reads_generated_output_back_exactly_in_any_chunking() => ReaderTargets.RoundTrip.Check(3_000, threads: 1);

    [Fact]
    public void Reader_survives_mutated_golden_streams_and_hostile_lines() => ReaderTargets.Mutated.Check(6_000, threads: 1);

    [Fact]
    public void Reader_survives_random_bytes() => ReaderTargets.Random.Check(6_000, threads: 1);

    [Fact]
    public void Codec_decodes_mutated_frames_or_throws_its_format_exception_only() => CodecTargets.Mutated.Check(20_000, threads: 1);

    [Fact]
    public void Every_meter_encoder_round_trips_through_its_decoder() => MeterTargets.RoundTrip.Check(10_000, threads: 1);

    [Fact]
    public void Meter_decoders_never_throw_on_mutated_or_arbitrary_EDTs() => MeterTargets.Mutated.Check(20_000, threads: 1);

    [Fact]
    public void Decode_lines_never_throw_and_stay_linear_in_memory() => DecoderTargets.Mutated.Check(5_000, threads: 1);

    [Fact]
    public void Decode_reads_pasted_frames_back() => DecoderTargets.RoundTrip.Check(5_000, threads: 1);

    [Fact]
    public void Config_loader_gives_settings_or_a_config_error_for_any_file_environment_and_options() => ConfigTargets.Loader.Check(1_500, threads: 1);

    [Fact]
    public void Api_query_parameters_give_values_or_a_400_message_never_an_exception() => ApiQueryTargets.Parameters.Check(20_000, threads: 1);

    [Fact]
    public void Decode_from_bytes_gives_what_decode_from_text_gives() => DecoderTargets.Bytes.Check(5_000, threads: 1);

    [Fact]
    public void The_properties_fail_on_a_broken_target()
    {
        // The harness itself: a property that does not hold is reported with its seed, not swallowed.
        var broken = new FuzzTarget<int>("broken", "always fails on 7", CsCheck.Gen.Int[0, 10], i => Expect.That(i != 7, "seven"));
        var result = broken.Run(2_000, threads: 1);
        Assert.NotNull(result.Failure);
        Assert.Contains("seed", result.Failure, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_target_is_listed_once_with_a_description()
    {
        Assert.Equal(11, AllTargets.List.Count);
        Assert.Equal(AllTargets.List.Count, AllTargets.List.Select(t => t.Name).Distinct().Count());
        Assert.All(AllTargets.List, t => Assert.False(string.IsNullOrWhiteSpace(t.Description)));
    }
}
