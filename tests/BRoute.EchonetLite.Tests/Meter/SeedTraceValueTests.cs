using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using static BRoute.EchonetLite.Tests.Meter.MeterTestHelpers;

namespace BRoute.EchonetLite.Tests.Meter;

/// <summary>The physical values of seed-trace-decoded.md §4, from the frames of §6.</summary>
public class SeedTraceValueTests
{
    [Fact]
    public void E7_is_628_W()
    {
        var p = DecodeSingle(SeedVectors.Power, SeedScale);

        Assert.Equal("instantaneous_power", p.Name);
        Assert.Equal("瞬時電力計測値", p.JapaneseName);
        Assert.Equal(ValueStatus.Ok, p.Status);
        Assert.Equal(628m, Assert.IsType<NumberValue>(p.Value).Number);
        Assert.Equal("W", p.Unit);
        Assert.Equal("00000274", Hex.Of(p.Raw.Span));
    }

    [Fact]
    public void E8_is_R_5_0_A_and_T_2_0_A()
    {
        var p = DecodeSingle(SeedVectors.Current, SeedScale);

        var v = Assert.IsType<CurrentValue>(p.Value);
        Assert.Equal(5.0m, v.R);
        Assert.Equal(2.0m, v.T);
        Assert.Equal("A", p.Unit);
    }

    [Fact]
    public void E0_is_8653_6_kWh_with_D3_1_and_E1_0x01()
    {
        var p = DecodeSingle(SeedVectors.EnergyNormal, SeedScale);

        var v = Assert.IsType<EnergyValue>(p.Value);
        Assert.Equal(86536u, v.Energy.Raw);
        Assert.Equal(8653.6m, v.Energy.Kwh);
        Assert.Equal("8653.6", v.Energy.Kwh!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("kWh", p.Unit);
        Assert.False(p.CoefficientAssumed);
    }

    [Fact]
    public void E3_is_1_0_kWh()
    {
        var v = Assert.IsType<EnergyValue>(DecodeSingle(SeedVectors.EnergyReverse, SeedScale).Value);

        Assert.Equal(10u, v.Energy.Raw);
        Assert.Equal("1.0", v.Energy.Kwh!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void EA_is_2020_03_14_08_30_and_8653_4_kWh()
    {
        var p = DecodeSingle(SeedVectors.FixedTimeNormal, SeedScale);

        var v = Assert.IsType<TimedEnergyValue>(p.Value);
        Assert.Equal(new DateTime(2020, 3, 14, 8, 30, 0), v.Timestamp);
        Assert.Equal(86534u, v.Energy.Raw);
        Assert.Equal(8653.4m, v.Energy.Kwh);
    }

    [Fact]
    public void EB_is_2020_03_14_08_30_and_1_0_kWh()
    {
        var v = Assert.IsType<TimedEnergyValue>(DecodeSingle(SeedVectors.FixedTimeReverse, SeedScale).Value);

        Assert.Equal(new DateTime(2020, 3, 14, 8, 30, 0), v.Timestamp);
        Assert.Equal("1.0", v.Energy.Kwh!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(nameof(SeedVectors.HistoryNormal), "cumulative_energy_history_1_normal")]
    [InlineData(nameof(SeedVectors.HistoryReverse), "cumulative_energy_history_1_reverse")]
    public void E2_and_E4_have_an_unset_day_and_48_no_data_slots(string vector, string name)
    {
        var hex = vector == nameof(SeedVectors.HistoryNormal) ? SeedVectors.HistoryNormal : SeedVectors.HistoryReverse;

        var p = DecodeSingle(hex, SeedScale, today: new DateOnly(2020, 3, 14));

        Assert.Equal(name, p.Name);
        Assert.Equal(ValueStatus.Ok, p.Status);
        var v = Assert.IsType<DayHistoryValue>(p.Value);
        Assert.Null(v.Day);
        Assert.Equal(ValueStatus.Unset, v.DayStatus);
        Assert.Null(v.Date);
        Assert.Equal(48, v.Slots.Count);
        Assert.All(v.Slots, s =>
        {
            Assert.Equal(ValueStatus.NoData, s.Energy.Status);
            Assert.Null(s.Energy.Raw);
            Assert.Null(s.Timestamp);
        });
        Assert.Equal(new TimeOnly(23, 30), v.Slots[47].Time);
    }

    [Fact]
    public void E5_is_unset()
    {
        var p = DecodeSingle(SeedVectors.HistoryDay, SeedScale);

        Assert.Equal("history_1_day", p.Name);
        Assert.Equal(ValueStatus.Unset, p.Status);
        Assert.Null(p.Value);
    }

    [Fact]
    public void EC_has_an_unset_date_time_and_one_no_data_pair()
    {
        var p = DecodeSingle(SeedVectors.History2, SeedScale);

        var v = Assert.IsType<PairHistoryValue>(p.Value);
        Assert.Null(v.Timestamp);
        Assert.Equal(ValueStatus.Unset, v.TimestampStatus);
        var slot = Assert.Single(v.Slots);
        Assert.Null(slot.Timestamp);
        Assert.Equal(ValueStatus.NoData, slot.Normal.Status);
        Assert.Equal(ValueStatus.NoData, slot.Reverse.Status);
    }

    [Fact]
    public void ED_is_unset()
    {
        var p = DecodeSingle(SeedVectors.History2Time, SeedScale);

        Assert.Equal("history_2_time", p.Name);
        Assert.Equal(ValueStatus.Unset, p.Status);
        Assert.Null(p.Value);
    }

    [Fact]
    public void D5_instance_list_is_028801()
    {
        var p = DecodeSingle(SeedVectors.InstanceListInf, EnergyScale.Unknown);

        Assert.Equal(PropertyCatalog.NodeProfileClass, p.ClassCode);
        Assert.Equal("instance_list_notification", p.Name);
        var v = Assert.IsType<InstanceListValue>(p.Value);
        Assert.Equal([Eoj.SmartMeter], v.Instances);
    }

    [Fact]
    public void D3_is_coefficient_1()
    {
        var p = DecodeSingle(SeedVectors.Coefficient, EnergyScale.Unknown);

        Assert.Equal("coefficient", p.Name);
        Assert.Equal(1m, Assert.IsType<NumberValue>(p.Value).Number);
    }

    [Fact]
    public void D7_is_6_digits()
    {
        var p = DecodeSingle(SeedVectors.EffectiveDigits, EnergyScale.Unknown);

        Assert.Equal("effective_digits", p.Name);
        Assert.Equal(6m, Assert.IsType<NumberValue>(p.Value).Number);
    }

    [Fact]
    public void E1_is_0_1_kWh()
    {
        var p = DecodeSingle(SeedVectors.Unit, EnergyScale.Unknown);

        Assert.Equal("unit", p.Name);
        Assert.Equal(0.1m, Assert.IsType<NumberValue>(p.Value).Number);
    }

    [Fact]
    public void Operation_status_is_ON()
    {
        var p = DecodeSingle(SeedVectors.OperationStatus, EnergyScale.Unknown);

        Assert.Equal("operation_status", p.Name);
        Assert.Equal("on", Assert.IsType<TextValue>(p.Value).Text);
    }

    [Fact]
    public void Trace_cross_check_E0_minus_EA_is_0_2_kWh()
    {
        var e0 = Assert.IsType<EnergyValue>(DecodeSingle(SeedVectors.EnergyNormal, SeedScale).Value).Energy;
        var ea = Assert.IsType<TimedEnergyValue>(DecodeSingle(SeedVectors.FixedTimeNormal, SeedScale).Value).Energy;

        Assert.Equal(2u, EnergyCounter.Delta(ea.Raw!.Value, e0.Raw!.Value, 6));
        Assert.Equal(0.2m, e0.Kwh - ea.Kwh);
    }

    [Fact]
    public void Qiita_INF_gives_2023_12_19_00_30_raw_17806_and_21()
    {
        var frame = FrameCodec.Decode((ReadOnlyMemory<byte>)Hex.Bytes(SeedVectors.QiitaInf));

        var unknown = MeterPropertyDecoder.DecodeValues(frame, EnergyScale.Unknown);
        var scaled = MeterPropertyDecoder.DecodeValues(frame, SeedScale);

        var ea = Assert.IsType<TimedEnergyValue>(unknown[0].Value);
        var eb = Assert.IsType<TimedEnergyValue>(unknown[1].Value);
        Assert.Equal(new DateTime(2023, 12, 19, 0, 30, 0), ea.Timestamp);
        Assert.Equal(17806u, ea.Energy.Raw);
        Assert.Null(ea.Energy.Kwh);
        Assert.Equal(21u, eb.Energy.Raw);
        Assert.Equal("unknown", unknown[0].Unit);
        Assert.Equal(1780.6m, Assert.IsType<TimedEnergyValue>(scaled[0].Value).Energy.Kwh);
        Assert.Equal(2.1m, Assert.IsType<TimedEnergyValue>(scaled[1].Value).Energy.Kwh);
    }
}
