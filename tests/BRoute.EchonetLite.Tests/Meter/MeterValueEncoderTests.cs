using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.EchonetLite.Objects;
using CsCheck;
using static BRoute.EchonetLite.Tests.Meter.MeterTestHelpers;

namespace BRoute.EchonetLite.Tests.Meter;

/// <summary>The encoder reproduces the seed-trace EDTs and round-trips through the decoder.</summary>
public class MeterValueEncoderTests
{
    private static readonly Gen<uint?> GenRaw =
        Gen.Frequency((9, Gen.UInt[0, MeterLimits.MaxEnergyRaw].Select(v => (uint?)v)), (1, Gen.Const((uint?)null)));

    private static readonly Gen<DateTime> GenMinute =
        Gen.Select(Gen.Int[2000, 2099], Gen.Int[1, 12], Gen.Int[1, 28], Gen.Int[0, 23], Gen.Int[0, 59])
            .Select((y, mo, d, h, mi) => new DateTime(y, mo, d, h, mi, 0));

    [Fact]
    public void Seed_trace_EDTs_are_reproduced_exactly()
    {
        Assert.Equal("30", Hex.Of(MeterValueEncoder.OperationStatus(true)));
        Assert.Equal("00000001", Hex.Of(MeterValueEncoder.Coefficient(1)));
        Assert.Equal("06", Hex.Of(MeterValueEncoder.EffectiveDigits(6)));
        Assert.Equal("00015208", Hex.Of(MeterValueEncoder.CumulativeEnergy(86536)));
        Assert.Equal("01", Hex.Of(MeterValueEncoder.Unit(0x01)));
        Assert.Equal("00FF" + Hex.Repeat("FFFFFFFE", 48), Hex.Of(MeterValueEncoder.DayHistory(null, new uint?[48])));
        Assert.Equal("0000000A", Hex.Of(MeterValueEncoder.CumulativeEnergy(10)));
        Assert.Equal("FF", Hex.Of(MeterValueEncoder.HistoryDay(null)));
        Assert.Equal("00000274", Hex.Of(MeterValueEncoder.InstantaneousPower(628)));
        Assert.Equal("00320014", Hex.Of(MeterValueEncoder.InstantaneousCurrent(5.0m, 2.0m)));
        Assert.Equal("07E4030E081E0000015206", Hex.Of(MeterValueEncoder.FixedTimeEnergy(new DateTime(2020, 3, 14, 8, 30, 0), 86534)));
        Assert.Equal("07E4030E081E000000000A", Hex.Of(MeterValueEncoder.FixedTimeEnergy(new DateTime(2020, 3, 14, 8, 30, 0), 10)));
        Assert.Equal("FFFFFFFFFFFF01FFFFFFFEFFFFFFFE", Hex.Of(MeterValueEncoder.History2(null, [new(null, null)])));
        Assert.Equal("FFFFFFFFFFFF01", Hex.Of(MeterValueEncoder.History2Time(null, 1)));
        Assert.Equal("01028801", Hex.Of(MeterValueEncoder.InstanceList([Eoj.SmartMeter])));
    }

    [Fact]
    public void Clock_EDTs_round_trip_and_null_is_unset()
    {
        Assert.Equal("07E4030E", Hex.Of(MeterValueEncoder.Date(new DateOnly(2020, 3, 14))));
        Assert.Equal("081E", Hex.Of(MeterValueEncoder.Time(new TimeOnly(8, 30))));
        Assert.Equal("2020-03-14", Assert.IsType<TextValue>(DecodeMeter(0x98, Hex.Of(MeterValueEncoder.Date(new DateOnly(2020, 3, 14)))).Value).Text);
        Assert.Equal("23:59", Assert.IsType<TextValue>(DecodeMeter(0x97, Hex.Of(MeterValueEncoder.Time(new TimeOnly(23, 59, 30)))).Value).Text);
        Assert.Equal(ValueStatus.Unset, DecodeMeter(0x8E, Hex.Of(MeterValueEncoder.Date(null))).Status);
        Assert.Equal(ValueStatus.Unset, DecodeMeter(0x97, Hex.Of(MeterValueEncoder.Time(null))).Status);
    }

    [Fact]
    public void Qiita_EA_EDT_is_reproduced_exactly()
    {
        Assert.Equal("07E70C13001E000000458E", Hex.Of(MeterValueEncoder.FixedTimeEnergy(new DateTime(2023, 12, 19, 0, 30, 0), 17806)));
    }

    [Fact]
    public void E7_round_trips_including_no_data_and_extremes()
    {
        Gen.Frequency(
                (8, Gen.Int[MeterLimits.MinPower, MeterLimits.MaxPower].Select(v => (int?)v)),
                (1, Gen.OneOfConst<int?>(MeterLimits.MinPower, MeterLimits.MaxPower, 0, -1)),
                (1, Gen.Const((int?)null)))
            .Sample(watts =>
            {
                var p = DecodeMeter(0xE7, Hex.Of(MeterValueEncoder.InstantaneousPower(watts)));

                if (watts is int w)
                {
                    Assert.Equal(w, Assert.IsType<NumberValue>(p.Value).Number);
                }
                else
                {
                    Assert.Equal(ValueStatus.NoData, p.Status);
                }
            }, iter: 2_000, threads: 1);
    }

    [Fact]
    public void E8_round_trips_tenths_of_an_amp()
    {
        var phase = Gen.Frequency(
            (8, Gen.Int[MeterLimits.MinCurrent, MeterLimits.MaxCurrent].Select(t => (decimal?)(t * 0.1m))),
            (2, Gen.Const((decimal?)null)));
        Gen.Select(phase, phase).Sample((r, t) =>
        {
            var p = DecodeMeter(0xE8, Hex.Of(MeterValueEncoder.InstantaneousCurrent(r, t)));

            if (r is null && t is null)
            {
                Assert.Equal(ValueStatus.NoData, p.Status);
            }
            else
            {
                Assert.Equal(new CurrentValue(r, t), p.Value);
            }
        }, iter: 2_000, threads: 1);
    }

    [Fact]
    public void E8_refuses_values_that_are_not_tenths_or_out_of_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MeterValueEncoder.InstantaneousCurrent(5.05m, 0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeterValueEncoder.InstantaneousCurrent(3276.6m, 0m));
    }

    [Fact]
    public void E0_EA_and_D0_round_trip()
    {
        Gen.Select(GenRaw, GenRaw, GenMinute).Sample((a, b, t) =>
        {
            var e0 = DecodeMeter(0xE0, Hex.Of(MeterValueEncoder.CumulativeEnergy(a)));
            var ea = DecodeMeter(0xEA, Hex.Of(MeterValueEncoder.FixedTimeEnergy(t, a)));
            var d0 = DecodeMeter(0xD0, Hex.Of(MeterValueEncoder.OneMinuteEnergy(t, a, b)));

            if (a is uint raw)
            {
                Assert.Equal(raw, Assert.IsType<EnergyValue>(e0.Value).Energy.Raw);
                var timed = Assert.IsType<TimedEnergyValue>(ea.Value);
                Assert.Equal((t, raw * 0.1m), (timed.Timestamp, timed.Energy.Kwh!.Value));
            }
            else
            {
                Assert.Equal(ValueStatus.NoData, e0.Status);
                Assert.Equal(ValueStatus.NoData, ea.Status);
            }

            if (a is null && b is null)
            {
                Assert.Equal(ValueStatus.NoData, d0.Status);
            }
            else
            {
                var one = Assert.IsType<OneMinuteEnergyValue>(d0.Value);
                Assert.Equal((t, a, b), (one.Timestamp, one.Normal.Raw, one.Reverse.Raw));
            }
        }, iter: 2_000, threads: 1);
    }

    [Fact]
    public void Unset_date_time_decodes_as_unset()
    {
        Assert.Equal(ValueStatus.Unset, DecodeMeter(0xEA, Hex.Of(MeterValueEncoder.FixedTimeEnergy(null, 1))).Status);
        Assert.Equal(ValueStatus.Unset, DecodeMeter(0xD0, Hex.Of(MeterValueEncoder.OneMinuteEnergy(null, 1, 1))).Status);
        Assert.Equal(ValueStatus.Unset, DecodeMeter(0xEF, Hex.Of(MeterValueEncoder.History3Time(null, 1))).Status);
    }

    [Fact]
    public void E2_round_trips_day_and_48_slots()
    {
        var day = Gen.Frequency((9, Gen.Int[0, 99].Select(d => (int?)d)), (1, Gen.Const((int?)null)));
        Gen.Select(day, GenRaw.Array[48]).Sample((d, slots) =>
        {
            var today = new DateOnly(2024, 3, 1);

            var v = Assert.IsType<DayHistoryValue>(DecodeMeter(0xE2, Hex.Of(MeterValueEncoder.DayHistory(d, slots)), today: today).Value);

            Assert.Equal(d, v.Day);
            Assert.Equal(slots, v.Slots.Select(s => s.Energy.Raw));
            if (d is int back)
            {
                Assert.Equal(today.AddDays(-back), v.Date);
                Assert.Equal(today.AddDays(-back).ToDateTime(new TimeOnly(0, 30)), v.Slots[1].Timestamp);
                Assert.Equal(today.AddDays(-back).ToDateTime(new TimeOnly(23, 30)), v.Slots[47].Timestamp);
            }
        }, iter: 500, threads: 1);
    }

    [Fact]
    public void EC_and_EE_round_trip_and_step_back_in_time()
    {
        var halfHour = GenMinute.Select(t => t.AddMinutes(-(t.Minute % 30)));
        var pair = Gen.Select(GenRaw, GenRaw, (n, r) => new RawEnergyPair(n, r));
        Gen.Select(halfHour, pair.Array[1, 12], pair.Array[1, 10]).Sample((t, ec, ee) =>
        {
            var v2 = Assert.IsType<PairHistoryValue>(DecodeMeter(0xEC, Hex.Of(MeterValueEncoder.History2(t, ec))).Value);
            var v3 = Assert.IsType<PairHistoryValue>(DecodeMeter(0xEE, Hex.Of(MeterValueEncoder.History3(t, ee))).Value);

            Assert.Equal(ec, v2.Slots.Select(s => new RawEnergyPair(s.Normal.Raw, s.Reverse.Raw)));
            Assert.Equal(ee, v3.Slots.Select(s => new RawEnergyPair(s.Normal.Raw, s.Reverse.Raw)));
            Assert.All(v2.Slots, s => Assert.Equal(t.AddMinutes(-30 * s.Index), s.Timestamp));
            Assert.All(v3.Slots, s => Assert.Equal(t.AddMinutes(-s.Index), s.Timestamp));
        }, iter: 1_000, threads: 1);
    }

    [Fact]
    public void ED_EF_E5_and_scale_properties_round_trip()
    {
        var t = new DateTime(2024, 2, 29, 23, 30, 0);

        Assert.Equal(new HistorySettingValue(t, 12), DecodeMeter(0xED, Hex.Of(MeterValueEncoder.History2Time(t, 12))).Value);
        Assert.Equal(new HistorySettingValue(t.AddMinutes(7), 10), DecodeMeter(0xEF, Hex.Of(MeterValueEncoder.History3Time(t.AddMinutes(7), 10))).Value);
        Assert.Equal(42m, Assert.IsType<NumberValue>(DecodeMeter(0xE5, Hex.Of(MeterValueEncoder.HistoryDay(42))).Value).Number);
        Assert.Equal(999_999m, Assert.IsType<NumberValue>(DecodeMeter(0xD3, Hex.Of(MeterValueEncoder.Coefficient(999_999))).Value).Number);
        Assert.Equal(10000m, Assert.IsType<NumberValue>(DecodeMeter(0xE1, Hex.Of(MeterValueEncoder.Unit(0x0D))).Value).Number);
        Assert.Equal("fault", Assert.IsType<TextValue>(DecodeMeter(0x88, Hex.Of(MeterValueEncoder.FaultStatus(true))).Value).Text);
        Assert.Equal(new StandardVersionValue('R', 2), DecodeMeter(0x82, Hex.Of(MeterValueEncoder.StandardVersion('R', 2))).Value);
        Assert.Equal("000016", Assert.IsType<TextValue>(DecodeMeter(0x8A, Hex.Of(MeterValueEncoder.ManufacturerCode(0x16))).Value).Text);
        Assert.Equal("SN-0001", Assert.IsType<TextValue>(DecodeMeter(0x8D, Hex.Of(MeterValueEncoder.Ascii12("SN-0001"))).Value).Text);
    }

    [Fact]
    public void Encoder_refuses_what_the_decoder_would_reject()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MeterValueEncoder.CumulativeEnergy(100_000_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeterValueEncoder.InstantaneousPower(int.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeterValueEncoder.Coefficient(1_000_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeterValueEncoder.EffectiveDigits(9));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeterValueEncoder.Unit(0x05));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeterValueEncoder.HistoryDay(100));
        Assert.Throws<ArgumentException>(() => MeterValueEncoder.DayHistory(0, new uint?[47]));
        Assert.Throws<ArgumentException>(() => MeterValueEncoder.History2(null, new RawEnergyPair[13]));
        Assert.Throws<ArgumentException>(() => MeterValueEncoder.History3(null, []));
        Assert.Throws<ArgumentException>(() => MeterValueEncoder.History2Time(new DateTime(2020, 1, 1, 8, 15, 0), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeterValueEncoder.History3Time(null, 11));
        Assert.Throws<ArgumentException>(() => MeterValueEncoder.Ascii12("0123456789ABC"));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeterValueEncoder.StandardVersion('1', 0));
    }

    [Fact]
    public void Node_profile_values_round_trip()
    {
        static DecodedProperty Np(byte epc, byte[] edt) =>
            MeterPropertyDecoder.Decode(PropertyCatalog.NodeProfileClass, new EchonetProperty(epc, edt), EnergyScale.Unknown);

        var map = PropertyMap.Create(0x80, 0x82, 0x83, 0x8A, 0x9D, 0x9E, 0x9F, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7);

        Assert.Equal(new PropertyMapValue(map), Np(0x9F, MeterValueEncoder.PropertyMap(map)).Value);
        Assert.Equal(3m, Assert.IsType<NumberValue>(Np(0xD3, MeterValueEncoder.InstanceCount(3)).Value).Number);
        Assert.Equal(2m, Assert.IsType<NumberValue>(Np(0xD4, MeterValueEncoder.ClassCount(2)).Value).Number);
        Assert.Equal(new ProfileVersionValue(1, 13, 1), Np(0x82, MeterValueEncoder.ProfileVersion(1, 13, 1)).Value);
        Assert.Equal([(ushort)0x0288], Assert.IsType<ClassListValue>(Np(0xD7, MeterValueEncoder.ClassList([0x0288])).Value).ClassCodes);
        Assert.Equal([Eoj.SmartMeter], Assert.IsType<InstanceListValue>(Np(0xD6, MeterValueEncoder.InstanceList([Eoj.SmartMeter])).Value).Instances);
    }
}
