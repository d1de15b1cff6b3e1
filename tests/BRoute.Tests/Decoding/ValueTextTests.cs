using System.Text.Json;
using BRoute.Decoding;
using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.EchonetLite.Tests;
using CsCheck;
using static BRoute.EchonetLite.Tests.Meter.MeterTestHelpers;

namespace BRoute.Tests.Decoding;

/// <summary>
/// The display text of <see cref="ValueText"/> for the seed trace's values (seed-trace-decoded.md), the properties whose
/// text carries their meaning, and the formatters' robustness on any EDT.
/// </summary>
public class ValueTextTests
{
    public static TheoryData<string, string, bool> SeedTexts => new()
    {
        { SeedVectors.Power, "628 W", true },
        { SeedVectors.Current, "R 5.0 A, T 2.0 A", true },
        { SeedVectors.EnergyNormal, "8653.6 kWh", true },
        { SeedVectors.FixedTimeNormal, "2020-03-14 08:30:00 8653.4 kWh", true },
        { SeedVectors.HistoryNormal, "day unset: 48 slots, 0 with data", true },
        { SeedVectors.HistoryDay, "unset", true },
        { SeedVectors.History2, "date-time unset: 1 × 30 min, 0 with data", true },
        { SeedVectors.InstanceListInf, "028801", false },
        { SeedVectors.EffectiveDigits, "6 digits", false },
        { SeedVectors.Unit, "0.1 kWh (code 0x01)", false },
        { SeedVectors.OperationStatus, "ON", false },
    };

    [Theory]
    [MemberData(nameof(SeedTexts))]
    public void Seed_values_read_as_the_reference_shows_them(string frameHex, string text, bool scaled)
    {
        var p = DecodeSingle(frameHex, scaled ? SeedScale : EnergyScale.Unknown);

        Assert.Equal(text, p.ToDisplayString());
        Assert.Equal($"0x{p.Epc:X2} {p.Name}: {text}", p.ToLine());
    }

    [Fact]
    public void An_energy_without_a_known_unit_reads_as_a_raw_count()
    {
        var frame = FrameCodec.Decode((ReadOnlyMemory<byte>)Hex.Bytes(SeedVectors.QiitaInf));

        var unknown = MeterPropertyDecoder.DecodeValues(frame, EnergyScale.Unknown);

        Assert.Equal("2023-12-19 00:30:00 17806 (raw count, unit unknown)", unknown[0].ToDisplayString());
    }

    [Theory]
    [InlineData(PropertyCatalog.SmartMeterClass, 0xE5, "00", "today")]
    [InlineData(PropertyCatalog.SmartMeterClass, 0xE5, "07", "7 day(s) back")]
    [InlineData(PropertyCatalog.SmartMeterClass, 0xE1, "0A", "10 kWh (code 0x0A)")]
    [InlineData(PropertyCatalog.SmartMeterClass, 0x80, "31", "OFF")]
    [InlineData(PropertyCatalog.SmartMeterClass, 0x81, "08", "location code 0x08")]
    [InlineData(PropertyCatalog.SmartMeterClass, 0x81, "01000102030405060708090A0B0C0D0E0F", "position 000102030405060708090A0B0C0D0E0F")]
    [InlineData(PropertyCatalog.SmartMeterClass, 0x88, "42", "no fault")]
    [InlineData(PropertyCatalog.SmartMeterClass, 0x93, "61", "code 0x61")]
    [InlineData(PropertyCatalog.NodeProfileClass, 0x80, "31", "not booting")]
    [InlineData(0x05FF, 0x80, "30", "ON")]
    [InlineData(PropertyCatalog.SmartMeterClass, 0xF5, "0102", "0102")]
    public void Properties_whose_value_needs_its_meaning_read_with_it(ushort classCode, byte epc, string edtHex, string text)
    {
        var p = MeterPropertyDecoder.Decode(classCode, new EchonetProperty(epc, Hex.Bytes(edtHex)), EnergyScale.Unknown);

        Assert.Equal(text, p.ToDisplayString());
    }

    [Fact]
    public void The_value_alone_reads_without_the_property_meaning()
    {
        Assert.Equal("0", new NumberValue(0, null).ToDisplayString());
        Assert.Equal("0.1 kWh", new NumberValue(0.1m, "kWh").ToDisplayString());
        Assert.Equal("on", new TextValue("on").ToDisplayString());
        Assert.Equal("no data", ValueStatus.NoData.ToDisplayString());
        Assert.Equal("not_supported", ValueStatus.NotSupported.ToJsonName());
    }

    [Fact]
    public void Random_EDTs_for_every_class_and_EPC_always_format_as_text_and_valid_json()
    {
        var gen = Gen.Select(
            Gen.OneOfConst<ushort>(PropertyCatalog.SmartMeterClass, PropertyCatalog.NodeProfileClass, 0x05FF, 0x0E01),
            Gen.Byte,
            Gen.Frequency((6, Gen.Byte.Array[0, 20]), (2, Gen.Byte.Array[194]), (1, Gen.Byte.Array[0, 255])),
            Gen.Bool);
        gen.Sample((classCode, epc, edt, withUnit) =>
        {
            var p = MeterPropertyDecoder.Decode(classCode, new EchonetProperty(epc, edt), withUnit ? SeedScale : EnergyScale.Unknown, new DateOnly(2020, 3, 14));

            Assert.False(string.IsNullOrEmpty(p.ToDisplayString()));
            using var doc = JsonDocument.Parse(p.ToJson());
            Assert.Equal($"0x{epc:X2}", doc.RootElement.GetProperty("epc").GetString());
            Assert.Equal(Convert.ToHexString(edt), doc.RootElement.GetProperty("raw").GetString());
        }, iter: 30_000, threads: 1);
    }
}
