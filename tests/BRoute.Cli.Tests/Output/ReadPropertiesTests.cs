using BRoute.Cli.Output;
using BRoute.Cli.Running;
using BRoute.EchonetLite.Meter;

namespace BRoute.Cli.Tests.Output;

public sealed class ReadPropertiesTests
{
    [Fact]
    public void Default_set_is_the_seed_fifteen_plus_version_maker_serial_and_get_map()
    {
        byte[] seed = [0x80, 0xD3, 0xD7, 0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE7, 0xE8, 0xEA, 0xEB, 0xEC, 0xED];
        byte[] extra = [0x82, 0x8A, 0x8D, 0x9F];

        Assert.Equal(seed.Concat(extra).Order(), ReadProperties.Default);
        Assert.Same(ReadProperties.Default, ReadProperties.Resolve([]));
        Assert.Same(ReadProperties.Default, ReadProperties.Resolve(null));
        Assert.All(ReadProperties.Default, epc => Assert.NotNull(PropertyCatalog.Find(PropertyCatalog.SmartMeterClass, epc)));
    }

    [Theory]
    [InlineData("0xE7")]
    [InlineData("0xe7")]
    [InlineData("E7")]
    [InlineData("e7")]
    [InlineData("instantaneous_power")]
    [InlineData("INSTANTANEOUS_POWER")]
    [InlineData(" instantaneous_power ")]
    [InlineData("瞬時電力計測値")]
    public void Every_spelling_of_an_epc_resolves(string text) =>
        Assert.Equal([0xE7], ReadProperties.Resolve([text]));

    [Fact]
    public void Order_is_kept_duplicates_dropped_and_commas_split()
    {
        Assert.Equal([0xE8, 0xE7, 0xD3], ReadProperties.Resolve(["E8,instantaneous_power", "0xE8", "coefficient", "e7"]));
    }

    [Fact]
    public void An_epc_the_catalog_does_not_know_is_still_allowed_in_the_property_range()
    {
        Assert.Equal([0xF5], ReadProperties.Resolve(["0xF5"]));
        var ex = Assert.Throws<CliUsageException>(() => ReadProperties.Resolve(["0x10"]));
        Assert.Equal("'0x10' is not a property code: ECHONET Lite properties are 0x80–0xFF", ex.Message);
    }

    [Theory]
    [InlineData("instantanous_power", "unknown property 'instantanous_power'; did you mean instantaneous_power")]
    [InlineData("fixed_time", "did you mean cumulative_energy_fixed_time_normal, cumulative_energy_fixed_time_reverse?")]
    [InlineData("coeficient", "did you mean coefficient?")]
    [InlineData("watts", "unknown property 'watts'; give an EPC like 0xE7 or a name like instantaneous_power")]
    [InlineData("0xZZ", "unknown property '0xZZ'")]
    public void Unknown_names_list_close_names(string text, string expected)
    {
        var ex = Assert.Throws<CliUsageException>(() => ReadProperties.Resolve(["E7", text]));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Close_names_are_at_most_five_and_nearest_first()
    {
        var close = ReadProperties.CloseNames("cumulative_energy", PropertyCatalog.SmartMeter);

        Assert.Equal(5, close.Count);
        Assert.All(close, name => Assert.Contains("cumulative_energy", name, StringComparison.Ordinal));
        Assert.Equal("instantaneous_power", ReadProperties.CloseNames("instantaneous-power", PropertyCatalog.SmartMeter)[0]);
    }
}

public sealed class ReadFormatOptionsTests
{
    [Theory]
    [InlineData("", "Table")]
    [InlineData("--json", "Json")]
    [InlineData("--csv", "Csv")]
    public void The_format_follows_the_options(string args, string expectedName)
    {
        var expected = Enum.Parse<ReadFormat>(expectedName);
        var options = new ReadFormatOptions();
        var command = new System.CommandLine.Command("read");
        options.AddTo(command);

        Assert.Equal(expected, options.Read(command.Parse(args)));
    }

    [Fact]
    public void Json_and_csv_together_are_a_usage_error()
    {
        var options = new ReadFormatOptions();
        var command = new System.CommandLine.Command("read");
        options.AddTo(command);

        var ex = Assert.Throws<CliUsageException>(() => options.Read(command.Parse("--json --csv")));
        Assert.Equal("--json and --csv exclude each other; give one", ex.Message);
    }
}
