using System.Text.Json;
using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using CsCheck;
using static BRoute.EchonetLite.Tests.Meter.MeterTestHelpers;

namespace BRoute.EchonetLite.Tests.Meter;

/// <summary>Wrong lengths and out-of-range values give an error result, never an exception or a fake status.</summary>
public class DecodeErrorTests
{
    public static TheoryData<byte> MeterEpcs() => [.. PropertyCatalog.SmartMeter.Select(p => p.Epc)];

    [Theory]
    [MemberData(nameof(MeterEpcs))]
    public void A_length_outside_the_size_of_a_known_EPC_is_an_error(byte epc)
    {
        var info = PropertyCatalog.Find(PropertyCatalog.SmartMeterClass, epc)!;
        var tooLong = info.MaxSize + 1;

        var p = DecodeMeter(epc, Hex.Of(new byte[tooLong]));
        var largest = DecodeMeter(epc, Hex.Of(new byte[info.MaxSize]));

        Assert.DoesNotContain("EDT is", largest.Error ?? string.Empty, StringComparison.Ordinal);
        if (tooLong <= 255)
        {
            Assert.True(p.IsError);
            Assert.Equal($"{info.Name} (0x{epc:X2}): EDT is {tooLong} byte(s), expected {info.SizeText}", p.Error);
        }

        if (info.MinSize > 1)
        {
            var shortOne = DecodeMeter(epc, Hex.Of(new byte[info.MinSize - 1]));
            Assert.True(shortOne.IsError);
            Assert.Null(shortOne.Status);
            Assert.Null(shortOne.Value);
            Assert.Contains($"EDT is {info.MinSize - 1} byte(s), expected {info.SizeText}", shortOne.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0xE7, "7FFFFFFF", "0x7FFFFFFF is outside the valid range")]
    [InlineData(0xE7, "80000000", "0x80000000 is outside the valid range")]
    [InlineData(0xE8, "80000014", "phase value 0x8000 is outside the valid range")]
    [InlineData(0xE8, "00327FFF", "phase value 0x7FFF is outside the valid range")]
    [InlineData(0xE0, "FFFFFFFF", "value 0xFFFFFFFF is outside 0–99,999,999 and is not the no-data code 0xFFFFFFFE")]
    [InlineData(0xE0, "05F5E100", "value 0x05F5E100 is outside 0–99,999,999")]
    [InlineData(0xD3, "000F4240", "coefficient 1000000 is outside 0–999,999")]
    [InlineData(0xD7, "00", "0 effective digits is outside 1–8")]
    [InlineData(0xD7, "09", "9 effective digits is outside 1–8")]
    [InlineData(0xE1, "05", "unit code 0x05 is undefined (defined: 0x00–0x04, 0x0A–0x0D)")]
    [InlineData(0xE1, "FF", "unit code 0xFF is undefined")]
    [InlineData(0xE5, "64", "day 100 is outside 0–99 and is not the unset code 0xFF")]
    [InlineData(0x80, "32", "0x32 is not a defined operation status (0x30 ON, 0x31 OFF)")]
    [InlineData(0x88, "40", "0x40 is not a defined fault status")]
    [InlineData(0xEA, "07E40D0E081E0000015206", "date-time 07E40D0E081E00 is not a valid date and time")]
    [InlineData(0xEA, "07E4021E081E0000015206", "date-time 07E4021E081E00 is not a valid date and time")]
    [InlineData(0xEA, "FFFFFFFFFFFF0000015206", "date-time FFFFFFFFFFFF00 is not a valid date and time")]
    [InlineData(0xEB, "07E4030E181E000000000A", "is not a valid date and time")]
    [InlineData(0xEC, "07E4030E081E00", "EDT is 7 byte(s), expected 7 + 8n (n 1–12)")]
    [InlineData(0xEC, "07E4030E081E0D00000000000000000000000000000000", "slot count 13 is outside 1–12")]
    [InlineData(0xEC, "07E4030E081E020000000100000001", "slot count 2 needs 23 bytes, EDT is 15")]
    [InlineData(0xEC, "07E4030E081E00FFFFFFFEFFFFFFFE", "slot count 0 is outside 1–12")]
    [InlineData(0xEE, "07E4030E081E0B" + "0000000000000000", "slot count 11 is outside 1–10")]
    [InlineData(0xED, "07E4030E081E0D", "slot count 13 is outside 1–12")]
    [InlineData(0xEF, "07E4030E081E00", "slot count 0 is outside 1–10")]
    [InlineData(0x9F, "0380D3", "property map lists 3 EPC(s), so it must be 4 byte(s) long, but it is 3")]
    [InlineData(0x82, "00003102", "release byte 0x31 is not an ASCII letter")]
    [InlineData(0x8D, "41420A000000000000000000", "byte 0x0A is not printable ASCII")]
    [InlineData(0x97, "1800", "time 1800 is not a valid hh mm")]
    [InlineData(0x9A, "4500000001", "time unit 0x45 is not 0x41 s, 0x42 min, 0x43 h or 0x44 day")]
    [InlineData(0x81, "02" + "00000000000000000000000000000000", "a 17-byte location starts with 0x01, not 0x02")]
    [InlineData(0x81, "0102", "EDT is 2 byte(s), expected 1 or 17")]
    [InlineData(0x84, "FFFE", "0xFFFE is outside 0–65533 W")]
    [InlineData(0x87, "65", "101 is outside 0–100 %")]
    public void Out_of_range_or_malformed_values_are_errors_that_say_why(byte epc, string edt, string problem)
    {
        var p = DecodeMeter(epc, edt);

        Assert.True(p.IsError, p.ToString());
        Assert.Null(p.Status);
        Assert.Null(p.Value);
        Assert.StartsWith($"{p.Name} (0x{epc:X2}): ", p.Error, StringComparison.Ordinal);
        Assert.Contains(problem, p.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void E2_day_field_out_of_range_and_bad_slot_are_errors()
    {
        var badDay = "0064" + Hex.Repeat("FFFFFFFE", 48);
        var badSlot = "0001" + Hex.Repeat("00000001", 10) + "FFFFFFFF" + Hex.Repeat("00000001", 37);

        Assert.Contains("day field 0x0064 is outside 0–99 and is not the unset code 0x00FF", DecodeMeter(0xE2, badDay).Error, StringComparison.Ordinal);
        Assert.Contains("slot 10 0xFFFFFFFF is outside 0–99,999,999", DecodeMeter(0xE4, badSlot).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Instance_list_errors_name_the_property()
    {
        var p = MeterPropertyDecoder.Decode(PropertyCatalog.NodeProfileClass, new EchonetProperty(0xD5, Hex.Bytes("0202880101")), EnergyScale.Unknown);

        Assert.Equal("instance_list_notification (0xD5): instance list counts 2 EOJ(s), so it must be 7 byte(s) long, but it is 5 (at byte 0)", p.Error);
    }

    [Fact]
    public void Random_EDTs_for_every_class_and_EPC_never_throw_and_give_a_value_a_state_or_an_error()
    {
        var gen = Gen.Select(
            Gen.OneOfConst<ushort>(PropertyCatalog.SmartMeterClass, PropertyCatalog.NodeProfileClass, 0x05FF, 0x0E01),
            Gen.Byte,
            Gen.Frequency((6, Gen.Byte.Array[0, 20]), (2, Gen.Byte.Array[194]), (1, Gen.Byte.Array[0, 255])),
            Gen.Bool);
        gen.Sample((classCode, epc, edt, withUnit) =>
        {
            var scale = withUnit ? SeedScale : EnergyScale.Unknown;

            var p = MeterPropertyDecoder.Decode(classCode, new EchonetProperty(epc, edt), scale, new DateOnly(2020, 3, 14));

            Assert.Equal(p.IsError, p.Status is null);
            Assert.Equal(p.Status == ValueStatus.Ok, p.Value is not null);
            Assert.Equal(edt, p.Raw.ToArray());
            Assert.Equal(epc, p.Epc);
            Assert.Equal(p.IsError, p.Error is not null);
        }, iter: 30_000, threads: 1);
    }

    [Fact]
    public void Extreme_dates_never_throw()
    {
        var earliest = DecodeMeter(0xEC, "000101010000" + "0C" + Hex.Repeat("0000000000000000", 12));
        var latest = MeterPropertyDecoder.Decode(
            PropertyCatalog.SmartMeterClass,
            new EchonetProperty(0xE2, MeterValueEncoder.DayHistory(99, new uint?[48])),
            SeedScale,
            new DateOnly(1, 1, 5));

        Assert.Contains("is before year 1", earliest.Error, StringComparison.Ordinal);
        Assert.Null(Assert.IsType<DayHistoryValue>(latest.Value).Date);
    }
}
