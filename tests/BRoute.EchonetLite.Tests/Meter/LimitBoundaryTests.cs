using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.EchonetLite.Objects;
using static BRoute.EchonetLite.Tests.Meter.MeterTestHelpers;

namespace BRoute.EchonetLite.Tests.Meter;

/// <summary>
/// Every range of the meter model and the codec at its limit: the last accepted value decodes (and encodes), the
/// first refused one does not (issue 13: a '&lt;=' → '&lt;' slip at D3 = 999,999 went unseen). The refused side of
/// most ranges is in <see cref="DecodeErrorTests"/>; here both sides sit next to each other.
/// </summary>
public class LimitBoundaryTests
{
    [Theory]
    [InlineData(0xE7, "80000001", -2_147_483_647)]
    [InlineData(0xE7, "7FFFFFFD", 2_147_483_645)]
    [InlineData(0xE0, "05F5E0FF", 99_999_999)]
    [InlineData(0xE3, "05F5E0FF", 99_999_999)]
    [InlineData(0xE0, "00000000", 0)]
    [InlineData(0xD3, "000F423F", 999_999)]
    [InlineData(0xD3, "00000000", 0)]
    [InlineData(0xD7, "01", 1)]
    [InlineData(0xD7, "08", 8)]
    [InlineData(0xE5, "63", 99)]
    [InlineData(0xE5, "00", 0)]
    [InlineData(0x84, "FFFD", 65_533)]
    [InlineData(0x87, "64", 100)]
    public void The_last_value_inside_each_range_decodes(byte epc, string edt, long expected)
    {
        var p = DecodeMeter(epc, edt, new EnergyScale(1m, 0x00));
        Assert.False(p.IsError, p.Error);
        var number = p.Value switch
        {
            NumberValue n => n.Number,
            EnergyValue e => e.Energy.Raw!.Value,
            _ => throw new InvalidOperationException($"unexpected {p.Value}"),
        };
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData(0xE7, "80000000")]
    [InlineData(0xE7, "7FFFFFFF")]
    [InlineData(0xE0, "05F5E100")]
    [InlineData(0xD3, "000F4240")]
    [InlineData(0xD7, "00")]
    [InlineData(0xD7, "09")]
    [InlineData(0xE5, "64")]
    [InlineData(0x84, "FFFE")]
    [InlineData(0x87, "65")]
    public void The_first_value_outside_each_range_is_an_error(byte epc, string edt) =>
        Assert.True(DecodeMeter(epc, edt).IsError);

    [Fact]
    public void Current_phases_at_their_limits_decode_and_one_past_is_an_error()
    {
        Assert.Equal(new CurrentValue(-3276.7m, 3276.5m), DecodeMeter(0xE8, "80017FFD").Value);
        Assert.Equal(ValueStatus.NoData, DecodeMeter(0xE8, "7FFE7FFE").Status);
        Assert.True(DecodeMeter(0xE8, "80007FFD").IsError);
        Assert.True(DecodeMeter(0xE8, "80017FFF").IsError);
        Assert.Equal("80017FFD", Hex.Of(MeterValueEncoder.InstantaneousCurrent(-3276.7m, 3276.5m)));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeterValueEncoder.InstantaneousCurrent(3276.6m, 0m));
    }

    [Fact]
    public void E2_day_field_99_decodes_and_100_does_not()
    {
        var slots = Hex.Repeat("FFFFFFFE", 48);
        var day99 = Assert.IsType<DayHistoryValue>(DecodeMeter(0xE2, "0063" + slots, today: new DateOnly(2026, 11, 27)).Value);
        Assert.Equal(99, day99.Day);
        Assert.Equal(new DateOnly(2026, 8, 20), day99.Date);
        Assert.True(DecodeMeter(0xE2, "0064" + slots).IsError);
        Assert.Equal("0063", Hex.Of(MeterValueEncoder.DayHistory(99, new uint?[48]).AsSpan(0, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeterValueEncoder.DayHistory(100, new uint?[48]));
    }

    [Theory]
    [InlineData(0xEC, 12)]
    [InlineData(0xEE, 10)]
    public void Pair_histories_take_their_largest_slot_count_and_refuse_one_more(byte epc, int max)
    {
        var full = DecodeMeter(epc, "07E4030E081E" + $"{max:X2}" + Hex.Repeat("0000000100000002", max));
        Assert.Equal(max, Assert.IsType<PairHistoryValue>(full.Value).Slots.Count);
        Assert.True(DecodeMeter(epc, "07E4030E081E" + $"{max + 1:X2}" + Hex.Repeat("0000000100000002", max + 1)).IsError);
        Assert.Single(Assert.IsType<PairHistoryValue>(DecodeMeter(epc, "07E4030E081E01" + "0000000100000002").Value).Slots);
    }

    [Theory]
    [InlineData(0xED, 12)]
    [InlineData(0xEF, 10)]
    public void History_settings_take_their_largest_count_and_refuse_one_more(byte epc, int max)
    {
        Assert.Equal(max, Assert.IsType<HistorySettingValue>(DecodeMeter(epc, $"07E4030E081E{max:X2}").Value).Count);
        Assert.True(DecodeMeter(epc, $"07E4030E081E{max + 1:X2}").IsError);
        var encode = epc == 0xED ? (Func<DateTime?, int, byte[]>)MeterValueEncoder.History2Time : MeterValueEncoder.History3Time;
        Assert.Equal($"07E4030E081E{max:X2}", Hex.Of(encode(new DateTime(2020, 3, 14, 8, 30, 0), max)));
        Assert.Throws<ArgumentOutOfRangeException>(() => encode(new DateTime(2020, 3, 14, 8, 30, 0), max + 1));
    }

    [Fact]
    public void Energy_scale_takes_D3_999999_and_ignores_1000000()
    {
        var at = EnergyScale.Unknown.With([new EchonetProperty(0xD3, MeterValueEncoder.Coefficient(999_999)), new EchonetProperty(0xE1, new byte[] { 0x01 })]);
        Assert.Equal(999_999m, at.Coefficient);
        Assert.Equal(99_999_900m, at.ToKwh(1000));

        var over = new EnergyScale(7m, 0x01).With([new EchonetProperty(0xD3, Hex.Bytes("000F4240"))]);
        Assert.Equal(7m, over.Coefficient);
        Assert.Equal("000F423F", Hex.Of(MeterValueEncoder.Coefficient(999_999)));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeterValueEncoder.Coefficient(1_000_000));
    }

    [Fact]
    public void Effective_digits_1_and_8_give_the_wrap_and_0_and_9_are_refused()
    {
        Assert.Equal(10u, EnergyCounter.Modulus(1));
        Assert.Equal(100_000_000u, EnergyCounter.Modulus(8));
        Assert.Equal(1u, EnergyCounter.Delta(9, 0, 1));
        Assert.Equal(1u, EnergyCounter.Delta(99_999_999, 0, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnergyCounter.Modulus(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnergyCounter.Modulus(9));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnergyCounter.Delta(10, 0, 1));
        Assert.Equal("08", Hex.Of(MeterValueEncoder.EffectiveDigits(8)));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeterValueEncoder.EffectiveDigits(9));
    }

    [Fact]
    public void Energy_encoder_takes_99999999_and_refuses_one_more()
    {
        Assert.Equal("05F5E0FF", Hex.Of(MeterValueEncoder.CumulativeEnergy(99_999_999)));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeterValueEncoder.CumulativeEnergy(100_000_000));
        Assert.Equal("7FFFFFFD", Hex.Of(MeterValueEncoder.InstantaneousPower(MeterLimits.MaxPower)));
        Assert.Equal("80000001", Hex.Of(MeterValueEncoder.InstantaneousPower(MeterLimits.MinPower)));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeterValueEncoder.InstantaneousPower(MeterLimits.MaxPower + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeterValueEncoder.InstantaneousPower(MeterLimits.MinPower - 1));
    }

    [Fact]
    public void A_frame_holds_255_blocks_of_255_bytes_and_no_more()
    {
        var blocks = Enumerable.Range(0, 255).Select(i => new EchonetProperty((byte)i, Enumerable.Repeat((byte)i, 255).ToArray())).ToArray();
        var frame = new EchonetFrame(1, new Eoj(0x02, 0x88, 0x01), new Eoj(0x05, 0xFF, 0x01), Esv.GetRes, blocks);
        var bytes = FrameCodec.Encode(frame);
        Assert.Equal(FrameCodec.HeaderLength + (255 * 257), bytes.Length);
        Assert.Equal(255, bytes[11]);
        var decoded = FrameCodec.Decode((ReadOnlyMemory<byte>)bytes);
        Assert.Equal(blocks, decoded.Properties);

        Assert.Throws<ArgumentException>(() => FrameCodec.Encode(new EchonetFrame(1, frame.Seoj, frame.Deoj, Esv.GetRes, [.. blocks, new EchonetProperty(0x80, new byte[] { 0x30 })])));
        Assert.Throws<ArgumentException>(() => FrameCodec.Encode(new EchonetFrame(1, frame.Seoj, frame.Deoj, Esv.GetRes, [new EchonetProperty(0x80, new byte[256])])));
    }

    [Fact]
    public void A_pdc_that_ends_exactly_at_the_end_of_the_frame_decodes_and_one_more_does_not()
    {
        Assert.True(FrameCodec.TryDecode(Hex.Bytes("1081000102880105FF017201E70400000274"), out _, out _));
        Assert.False(FrameCodec.TryDecode(Hex.Bytes("1081000102880105FF017201E70500000274"), out _, out var error));
        Assert.Contains("PDC of EPC 0xE7", error!.Message, StringComparison.Ordinal);
        Assert.False(FrameCodec.TryDecode(Hex.Bytes("1081000102880105FF017201E7030000027400"), out _, out _));
    }

    [Fact]
    public void A_property_map_of_15_is_a_list_and_16_a_bitmap()
    {
        var fifteen = PropertyMap.Create(Enumerable.Range(0x80, 15).Select(i => (byte)i));
        var sixteen = PropertyMap.Create(Enumerable.Range(0x80, 16).Select(i => (byte)i));
        Assert.Equal(16, fifteen.Encode().Length);
        Assert.Equal(17, sixteen.Encode().Length);
        Assert.Equal(fifteen, PropertyMap.Decode(fifteen.Encode()));
        Assert.Equal(sixteen, PropertyMap.Decode(sixteen.Encode()));
    }

    [Fact]
    public void Instance_and_class_lists_take_their_maximum_and_refuse_one_more()
    {
        var instances = Enumerable.Range(0, InstanceListCodec.MaxInstances).Select(i => new Eoj(0x02, 0x88, (byte)(i + 1))).ToArray();
        Assert.Equal(instances, InstanceListCodec.Decode(InstanceListCodec.Encode(instances)));
        Assert.Throws<ArgumentException>(() => InstanceListCodec.Encode([.. instances, new Eoj(0x02, 0x88, 0xF0)]));
        byte[] tooMany = [(byte)(InstanceListCodec.MaxInstances + 1), .. Enumerable.Repeat((byte)1, 3 * (InstanceListCodec.MaxInstances + 1))];
        Assert.False(InstanceListCodec.TryDecode(tooMany, out _, out _));

        var classes = Enumerable.Range(0, ClassListCodec.MaxClasses).Select(i => (ushort)(0x0280 + i)).ToArray();
        Assert.Equal(classes, ClassListCodec.Decode(ClassListCodec.Encode(classes)));
        Assert.Throws<ArgumentException>(() => ClassListCodec.Encode([.. classes, 0x0130]));
    }
}
