using System.Text.RegularExpressions;
using BRoute.EchonetLite.Meter;

namespace BRoute.EchonetLite.Tests.Meter;

public partial class PropertyCatalogTests
{
    /// <summary>Every EPC of meter-0288.md §2 and §3.</summary>
    private static readonly byte[] MeterSheetEpcs =
    [
        0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8B, 0x8C, 0x8D, 0x8E, 0x8F,
        0x93, 0x97, 0x98, 0x99, 0x9A, 0x9D, 0x9E, 0x9F,
        0xC0, 0xD0, 0xD3, 0xD7, 0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE7, 0xE8, 0xEA, 0xEB, 0xEC, 0xED, 0xEE, 0xEF,
    ];

    private static readonly byte[] NodeProfileEpcs = [0x80, 0x82, 0x83, 0x8A, 0x9D, 0x9E, 0x9F, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7];

    [Fact]
    public void Meter_catalog_has_exactly_the_properties_of_the_fact_sheet()
    {
        Assert.Equal(MeterSheetEpcs, PropertyCatalog.SmartMeter.Select(p => p.Epc));
        Assert.Equal(NodeProfileEpcs, PropertyCatalog.NodeProfile.Select(p => p.Epc));
    }

    [Fact]
    public void Names_are_snake_case_and_unique_per_class_with_a_Japanese_name()
    {
        foreach (var table in new[] { PropertyCatalog.SmartMeter, PropertyCatalog.NodeProfile })
        {
            Assert.Equal(table.Count, table.Select(p => p.Name).Distinct().Count());
            Assert.All(table, p =>
            {
                Assert.Matches(SnakeCase(), p.Name);
                Assert.False(string.IsNullOrWhiteSpace(p.JapaneseName));
                Assert.False(string.IsNullOrWhiteSpace(p.EnglishName));
                Assert.InRange(p.MinSize, 1, p.MaxSize);
                Assert.InRange(p.MaxSize, 1, 255);
            });
        }
    }

    [Theory]
    [InlineData(0x0288, 0xD3, "coefficient")]
    [InlineData(0x0EF0, 0xD3, "number_of_self_node_instances")]
    [InlineData(0x0288, 0xD7, "effective_digits")]
    [InlineData(0x0EF0, 0xD7, "self_node_class_list")]
    [InlineData(0x0288, 0x82, "standard_version")]
    [InlineData(0x0EF0, 0x82, "version_information")]
    [InlineData(0x05FF, 0x80, "operation_status")]
    [InlineData(0x05FF, 0xE7, "unknown_0xE7")]
    [InlineData(0x0EF0, 0xE7, "unknown_0xE7")]
    [InlineData(0x0E00, 0x80, "unknown_0x80")]
    public void The_meaning_of_an_EPC_depends_on_the_class(ushort classCode, byte epc, string name)
    {
        Assert.Equal(name, PropertyCatalog.NameOf(classCode, epc));
    }

    [Fact]
    public void Key_entries_carry_the_fact_sheet_rules()
    {
        var e7 = PropertyCatalog.Find(0x0288, 0xE7)!;
        var e5 = PropertyCatalog.Find(0x0288, 0xE5)!;
        var e3 = PropertyCatalog.Find(0x0288, 0xE3)!;
        var ec = PropertyCatalog.Find(0x0288, 0xEC)!;

        Assert.Equal(("W", 4, PropertyAccess.Required, PropertyAccess.NotApplicable), (e7.Unit, e7.MaxSize, e7.Get, e7.Set));
        Assert.Equal((PropertyAccess.Required, PropertyAccess.Required), (e5.Get, e5.Set));
        Assert.Equal(PropertyAccess.RequiredConditional, e3.Get);
        Assert.Equal((15, 103, "7 + 8n (n 1–12)"), (ec.MinSize, ec.MaxSize, ec.SizeText));
        Assert.Equal("0xE7 instantaneous_power", e7.ToString());
    }

    [Theory]
    [InlineData(0xE7, "4")]
    [InlineData(0x86, "1–255")]
    [InlineData(0x9F, "1–17")]
    [InlineData(0x81, "1 or 17")]
    [InlineData(0xEE, "7 + 8n (n 1–10)")]
    public void Size_text_is_the_range_unless_the_table_says_more(byte epc, string sizeText)
    {
        Assert.Equal(sizeText, PropertyCatalog.Find(PropertyCatalog.SmartMeterClass, epc)!.SizeText);
    }

    [Theory]
    [InlineData("instantaneous_power", 0xE7, true)]
    [InlineData("INSTANTANEOUS_POWER", 0xE7, true)]
    [InlineData("0xE7", 0xE7, true)]
    [InlineData("e7", 0xE7, true)]
    [InlineData("0xF5", 0xF5, false)]
    public void Properties_resolve_by_name_or_hex(string text, byte epc, bool known)
    {
        Assert.True(PropertyCatalog.TryResolve(0x0288, text, out var found, out var info));
        Assert.Equal(epc, found);
        Assert.Equal(known, info is not null);
    }

    [Theory]
    [InlineData("watts")]
    [InlineData("0xE")]
    [InlineData("")]
    [InlineData("number_of_self_node_instances")]
    public void Unknown_names_do_not_resolve_for_the_meter(string text)
    {
        Assert.False(PropertyCatalog.TryResolve(0x0288, text, out _, out _));
    }

    [Fact]
    public void Other_device_classes_know_the_super_class_only()
    {
        Assert.Equal(0x9F, PropertyCatalog.ForClass(0x05FF).Max(p => p.Epc));
        Assert.Empty(PropertyCatalog.ForClass(0x0E01));
    }

    [Fact]
    public void Catalog_lists_cannot_be_modified_by_callers()
    {
        Assert.False(PropertyCatalog.SmartMeter is PropertyInfo[]);
        Assert.False(PropertyCatalog.NodeProfile is PropertyInfo[]);
        Assert.False(PropertyCatalog.ForClass(0x05FF) is PropertyInfo[]);
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
