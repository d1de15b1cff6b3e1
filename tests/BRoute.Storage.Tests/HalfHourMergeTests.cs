using BRoute.Monitoring;
using BRoute.Storage.Tables;
using static BRoute.Storage.Tables.HalfHourMerge.Outcome;

namespace BRoute.Storage.Tests;

public sealed class HalfHourMergeTests
{
    public static TheoryData<string, string, HalfHourMerge.Outcome> Cases() => new()
    {
        { "absent", "5", Take },
        { "absent", "no_data", Take },
        { "5", "absent", Keep },
        { "5", "5.0", Keep },
        { "no_data", "no_data", Keep },
        { "no_data", "5", Take },
        { "5", "6", Conflict },
        { "5", "no_data", Conflict },
        { "not_supported", "5", Conflict },
        { "5", "not_supported", Conflict },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_merge_rule(string stored, string incoming, HalfHourMerge.Outcome expected)
        => Assert.Equal(expected, HalfHourMerge.Merge(Parse(stored), Parse(incoming)));

    [Fact]
    public void Delta_across_a_wrap_adds_the_wrap_and_never_guesses()
    {
        Assert.Equal(0.5m, HalfHourDelta.Between(SlotEnergy.Of(99_999.8m), SlotEnergy.Of(0.3m), 100_000m));
        Assert.Null(HalfHourDelta.Between(SlotEnergy.Of(99_999.8m), SlotEnergy.Of(0.3m), null));
        Assert.Null(HalfHourDelta.Between(SlotEnergy.NoData, SlotEnergy.Of(0.3m), 100_000m));
        Assert.Null(HalfHourDelta.Between(SlotEnergy.Absent, SlotEnergy.Of(0.3m), 100_000m));
        Assert.Equal(0m, HalfHourDelta.Between(SlotEnergy.Of(1m), SlotEnergy.Of(1m), 100_000m));
    }

    private static SlotEnergy Parse(string s) => s switch
    {
        "absent" => SlotEnergy.Absent,
        "no_data" => SlotEnergy.NoData,
        "not_supported" => SlotEnergy.NotSupported,
        _ => SlotEnergy.Of(decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture)),
    };
}
