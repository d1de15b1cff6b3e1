using BRoute.Cli.Settings;
using BRoute.SkStack.Grammar;

namespace BRoute.Cli.Tests.Settings;

public sealed class FamilyNamesTests
{
    [Fact]
    public void Every_family_has_a_name_that_parses_back_and_is_listed()
    {
        foreach (var family in Enum.GetValues<DongleFamily>().Where(f => f != DongleFamily.Unknown))
        {
            var name = FamilyNames.NameOf(family);

            Assert.True(FamilyNames.TryParse(name.ToUpperInvariant(), out var parsed), name);
            Assert.Equal(family, parsed);
            Assert.Contains(name, FamilyNames.Choices.Split(", "));
        }
    }

    [Fact]
    public void Auto_is_detection_and_anything_else_is_refused()
    {
        Assert.Equal("auto, bp35a1, wsr35a1, bp35c0, bp35c2, rs-wsuha, rl7023-ips, rl7023-dss", FamilyNames.Choices);
        Assert.True(FamilyNames.TryParse(" Auto ", out var auto));
        Assert.Null(auto);
        Assert.Equal("auto", FamilyNames.NameOf(null));
        Assert.Equal("auto", FamilyNames.NameOf(DongleFamily.Unknown));
        Assert.False(FamilyNames.TryParse("bp35", out _));
        Assert.False(FamilyNames.TryParse(null, out _));
    }
}
