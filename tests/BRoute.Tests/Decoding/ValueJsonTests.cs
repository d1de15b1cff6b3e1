using System.Text.Json;
using BRoute.Decoding;
using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.EchonetLite.Tests;
using static BRoute.EchonetLite.Tests.Meter.MeterTestHelpers;

namespace BRoute.Tests.Decoding;

/// <summary>The JSON shape documented in BRoute.EchonetLite's README, written by <see cref="ValueJson"/>, checked as exact strings (and <see cref="ValueText"/> beside it).</summary>
public class ValueJsonTests
{
    /// <summary>JSON written with single quotes, for fragments that start with a quote.</summary>
    private static string Json(string singleQuoted) => singleQuoted.Replace('\'', '"');

    [Fact]
    public void E7_json_is_exactly_the_documented_object()
    {
        Assert.Equal(
            """{"epc":"0xE7","name":"instantaneous_power","raw":"00000274","status":"ok","value":628,"unit":"W"}""",
            DecodeMeter(0xE7, "00000274").ToJson());
    }

    [Fact]
    public void E7_no_data_has_a_null_value_and_keeps_the_unit()
    {
        Assert.Equal(
            """{"epc":"0xE7","name":"instantaneous_power","raw":"7FFFFFFE","status":"no_data","value":null,"unit":"W"}""",
            DecodeMeter(0xE7, "7FFFFFFE").ToJson());
    }

    [Fact]
    public void Negative_power_is_a_signed_number()
    {
        Assert.Equal(-1126m, Assert.IsType<NumberValue>(DecodeMeter(0xE7, "FFFFFB9A").Value).Number);
    }

    [Fact]
    public void E8_json_has_r_and_t_in_amps()
    {
        Assert.Equal(
            """{"epc":"0xE8","name":"instantaneous_current","raw":"00320014","status":"ok","value":{"r":5.0,"t":2.0},"unit":"A"}""",
            DecodeMeter(0xE8, "00320014").ToJson());
    }

    [Fact]
    public void E8_single_phase_two_wire_has_t_null_and_status_ok()
    {
        var p = DecodeMeter(0xE8, "00327FFE");

        Assert.Equal(ValueStatus.Ok, p.Status);
        Assert.Null(Assert.IsType<CurrentValue>(p.Value).T);
        Assert.Contains("\"value\":{\"r\":5.0,\"t\":null}", p.ToJson(), StringComparison.Ordinal);
        Assert.Equal("R 5.0 A, T none (single-phase 2-wire)", p.ToDisplayString());
    }

    [Fact]
    public void E8_both_phases_no_data_is_no_data()
    {
        Assert.Equal(ValueStatus.NoData, DecodeMeter(0xE8, "7FFE7FFE").Status);
    }

    [Fact]
    public void E8_negative_current_keeps_tenths()
    {
        Assert.Equal(-0.5m, Assert.IsType<CurrentValue>(DecodeMeter(0xE8, "FFFB0000").Value).R);
    }

    [Fact]
    public void EA_json_has_timestamp_and_kwh()
    {
        Assert.Equal(
            """{"epc":"0xEA","name":"cumulative_energy_fixed_time_normal","raw":"07E4030E081E0000015206","status":"ok","value":{"timestamp":"2020-03-14T08:30:00","kwh":8653.4},"unit":"kWh"}""",
            DecodeMeter(0xEA, "07E4030E081E0000015206").ToJson());
    }

    [Fact]
    public void EA_with_unknown_unit_gives_raw_and_unit_unknown()
    {
        Assert.Equal(
            """{"epc":"0xEA","name":"cumulative_energy_fixed_time_normal","raw":"07E70C13001E000000458E","status":"ok","value":{"timestamp":"2023-12-19T00:30:00","raw":17806},"unit":"unknown"}""",
            DecodeMeter(0xEA, "07E70C13001E000000458E", EnergyScale.Unknown).ToJson());
    }

    [Fact]
    public void E0_with_unknown_unit_is_a_raw_object()
    {
        Assert.Equal(
            """{"epc":"0xE0","name":"cumulative_energy_normal","raw":"00015208","status":"ok","value":{"raw":86536},"unit":"unknown"}""",
            DecodeMeter(0xE0, "00015208", new EnergyScale(1m, null)).ToJson());
    }

    [Fact]
    public void E0_without_D3_says_the_coefficient_is_assumed()
    {
        var p = DecodeMeter(0xE0, "00015208", new EnergyScale(null, 0x01));

        Assert.True(p.CoefficientAssumed);
        Assert.Equal(
            """{"epc":"0xE0","name":"cumulative_energy_normal","raw":"00015208","status":"ok","value":8653.6,"unit":"kWh","coefficient_assumed":true}""",
            p.ToJson());
    }

    [Fact]
    public void E2_json_lists_slots_with_time_timestamp_kwh_and_status()
    {
        var slots = Enumerable.Range(0, 48).Select(k => k < 2 ? (uint?)(86500u + (uint)k) : null).ToArray();
        var edt = MeterValueEncoder.DayHistory(1, slots);

        var p = MeterPropertyDecoder.Decode(PropertyCatalog.SmartMeterClass, new EchonetProperty(0xE2, edt), SeedScale, new DateOnly(2020, 3, 14));
        var json = p.ToJson();

        Assert.StartsWith(
            """{"epc":"0xE2","name":"cumulative_energy_history_1_normal","raw":"0001000151E4000151E5FFFFFFFE""",
            json,
            StringComparison.Ordinal);
        Assert.Contains(
            Json("'status':'ok','value':{'day':1,'day_status':'ok','date':'2020-03-13','slots':[{'time':'00:00','timestamp':'2020-03-13T00:00:00','kwh':8650.0,'status':'ok'},{'time':'00:30','timestamp':'2020-03-13T00:30:00','kwh':8650.1,'status':'ok'},{'time':'01:00','timestamp':'2020-03-13T01:00:00','kwh':null,'status':'no_data'},"),
            json,
            StringComparison.Ordinal);
        Assert.EndsWith(
            """{"time":"23:30","timestamp":"2020-03-13T23:30:00","kwh":null,"status":"no_data"}]},"unit":"kWh"}""",
            json,
            StringComparison.Ordinal);
        Assert.Equal("2020-03-13 (1 day(s) back): 48 slots, 2 with data", p.ToDisplayString());
    }

    [Fact]
    public void E2_without_today_gives_times_but_no_timestamps()
    {
        var edt = MeterValueEncoder.DayHistory(3, Enumerable.Repeat<uint?>(5u, 48).ToArray());

        var p = MeterPropertyDecoder.Decode(PropertyCatalog.SmartMeterClass, new EchonetProperty(0xE2, edt), SeedScale);

        var v = Assert.IsType<DayHistoryValue>(p.Value);
        Assert.Equal(3, v.Day);
        Assert.Null(v.Date);
        Assert.All(v.Slots, s => Assert.Null(s.Timestamp));
        Assert.Contains(Json("'day':3,'day_status':'ok','date':null,'slots':[{'time':'00:00','timestamp':null,'kwh':0.5,'status':'ok'}"), p.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void E2_unset_day_json_has_day_null_and_day_status_unset()
    {
        var json = DecodeSingle(SeedVectors.HistoryNormal, SeedScale).ToJson();

        Assert.Contains(Json("'value':{'day':null,'day_status':'unset','date':null,'slots':[{'time':'00:00','timestamp':null,'kwh':null,'status':'no_data'}"), json, StringComparison.Ordinal);
    }

    [Fact]
    public void EC_json_has_pairs_going_back_30_minutes()
    {
        var edt = MeterValueEncoder.History2(new DateTime(2020, 3, 14, 8, 30, 0), [new(86534, 10), new(86530, null)]);

        var json = DecodeMeter(0xEC, Hex.Of(edt)).ToJson();

        Assert.Contains(
            Json("'value':{'timestamp':'2020-03-14T08:30:00','timestamp_status':'ok','interval_minutes':30,'slots':[{'timestamp':'2020-03-14T08:30:00','normal':{'kwh':8653.4,'status':'ok'},'reverse':{'kwh':1.0,'status':'ok'}},{'timestamp':'2020-03-14T08:00:00','normal':{'kwh':8653.0,'status':'ok'},'reverse':{'kwh':null,'status':'no_data'}}]},'unit':'kWh'}"),
            json,
            StringComparison.Ordinal);
    }

    [Fact]
    public void EE_slots_go_back_one_minute()
    {
        var edt = MeterValueEncoder.History3(new DateTime(2024, 1, 1, 0, 1, 0), [new(1, 0), new(0, 0), new(9, 0)]);

        var v = Assert.IsType<PairHistoryValue>(DecodeMeter(0xEE, Hex.Of(edt)).Value);

        Assert.Equal(
            [new DateTime(2024, 1, 1, 0, 1, 0), new DateTime(2024, 1, 1, 0, 0, 0), new DateTime(2023, 12, 31, 23, 59, 0)],
            v.Slots.Select(s => s.Timestamp!.Value));
    }

    [Fact]
    public void ED_json_has_timestamp_and_count()
    {
        Assert.Contains(
            Json("'status':'ok','value':{'timestamp':'2020-03-14T08:30:00','count':6},'unit':null}"),
            DecodeMeter(0xED, "07E4030E081E06").ToJson(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void D0_json_has_normal_and_reverse()
    {
        var edt = MeterValueEncoder.OneMinuteEnergy(new DateTime(2024, 5, 1, 12, 1, 0), 123456, null);

        Assert.Contains(
            Json("'value':{'timestamp':'2024-05-01T12:01:00','normal':{'kwh':12345.6,'status':'ok'},'reverse':{'kwh':null,'status':'no_data'}},'unit':'kWh'}"),
            DecodeMeter(0xD0, Hex.Of(edt)).ToJson(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Property_map_json_is_a_list_of_hex_strings()
    {
        Assert.Equal(
            """{"epc":"0x9F","name":"get_property_map","raw":"0380D3E7","status":"ok","value":["0x80","0xD3","0xE7"],"unit":null}""",
            DecodeMeter(0x9F, "0380D3E7").ToJson());
    }

    [Fact]
    public void D5_json_is_a_list_of_EOJ_strings()
    {
        Assert.Equal(
            """{"epc":"0xD5","name":"instance_list_notification","raw":"01028801","status":"ok","value":["028801"],"unit":null}""",
            DecodeSingle(SeedVectors.InstanceListInf, EnergyScale.Unknown).ToJson());
    }

    [Fact]
    public void D7_class_list_json_is_a_list_of_class_strings()
    {
        var p = MeterPropertyDecoder.Decode(PropertyCatalog.NodeProfileClass, new EchonetProperty(0xD7, Hex.Bytes("010288")), EnergyScale.Unknown);

        Assert.Contains(Json("'value':['0288']"), p.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_EPC_is_raw_hex_with_status_ok()
    {
        Assert.Equal(
            """{"epc":"0xF5","name":"unknown_0xF5","raw":"0102","status":"ok","value":"0102","unit":null}""",
            DecodeMeter(0xF5, "0102").ToJson());
    }

    [Fact]
    public void PDC_0_is_not_supported()
    {
        var p = DecodeMeter(0xE7, string.Empty);

        Assert.Equal(ValueStatus.NotSupported, p.Status);
        Assert.Equal("not supported", p.ToDisplayString());
        Assert.Equal(
            """{"epc":"0xE7","name":"instantaneous_power","raw":"","status":"not_supported","value":null,"unit":"W"}""",
            p.ToJson());
        Assert.Equal(p.ToJson(), DecodedProperty.NotSupported(PropertyCatalog.SmartMeterClass, 0xE7).ToJson());
    }

    [Fact]
    public void Decode_error_json_has_an_error_and_no_status()
    {
        var p = DecodeMeter(0xE7, "0274");

        Assert.True(p.IsError);
        Assert.Null(p.Status);
        Assert.Null(p.Value);
        Assert.Equal(
            """{"epc":"0xE7","name":"instantaneous_power","raw":"0274","error":"instantaneous_power (0xE7): EDT is 2 byte(s), expected 4"}""",
            p.ToJson());
        Assert.Equal("error: instantaneous_power (0xE7): EDT is 2 byte(s), expected 4", p.ToDisplayString());
    }

    [Theory]
    [InlineData(0x82, "00005202", """{"release":"R","revision":2}""", "Release R rev. 2")]
    [InlineData(0x8A, "000016", "\"000016\"", "000016")]
    [InlineData(0x8D, "41424331323300000000 0000", "\"ABC123\"", "ABC123")]
    [InlineData(0x80, "31", "\"off\"", "OFF")]
    [InlineData(0x88, "42", "\"no_fault\"", "no fault")]
    [InlineData(0x88, "41", "\"fault\"", "fault")]
    [InlineData(0x97, "081E", "\"08:30\"", "08:30")]
    [InlineData(0x98, "07E4030E", "\"2020-03-14\"", "2020-03-14")]
    [InlineData(0x8E, "07E40101", "\"2020-01-01\"", "2020-01-01")]
    [InlineData(0xE5, "00", "0", "today")]
    [InlineData(0xE5, "05", "5", "5 day(s) back")]
    [InlineData(0xC0, "00000016112233445566778899AABBCC", "\"00000016112233445566778899AABBCC\"", "00000016112233445566778899AABBCC")]
    [InlineData(0xEF, "07E4030E081E0A", """{"timestamp":"2020-03-14T08:30:00","count":10}""", "2020-03-14 08:30, 10 slot(s)")]
    [InlineData(0x84, "0100", "256", "256 W")]
    [InlineData(0x85, "0012D687", "1234.567", "1234.567 kWh")]
    [InlineData(0x87, "64", "100", "100 %")]
    [InlineData(0x9A, "4300000010", "16", "16 h")]
    [InlineData(0x8F, "41", "\"saving\"", "saving")]
    [InlineData(0x93, "61", "\"0x61\"", "code 0x61")]
    [InlineData(0x81, "08", "\"0x08\"", "location code 0x08")]
    public void Other_meter_properties_decode_to_documented_values(byte epc, string edt, string valueJson, string display)
    {
        var p = DecodeMeter(epc, edt);

        Assert.Equal(ValueStatus.Ok, p.Status);
        Assert.Contains($"\"value\":{valueJson},", p.ToJson(), StringComparison.Ordinal);
        Assert.Equal(display, p.ToDisplayString());
    }

    [Fact]
    public void Node_profile_version_and_counts_decode()
    {
        var version = MeterPropertyDecoder.Decode(PropertyCatalog.NodeProfileClass, new EchonetProperty(0x82, Hex.Bytes("010E0100")), EnergyScale.Unknown);
        var instances = MeterPropertyDecoder.Decode(PropertyCatalog.NodeProfileClass, new EchonetProperty(0xD3, Hex.Bytes("000001")), EnergyScale.Unknown);
        var classes = MeterPropertyDecoder.Decode(PropertyCatalog.NodeProfileClass, new EchonetProperty(0xD4, Hex.Bytes("0002")), EnergyScale.Unknown);
        var booting = MeterPropertyDecoder.Decode(PropertyCatalog.NodeProfileClass, new EchonetProperty(0x80, Hex.Bytes("30")), EnergyScale.Unknown);

        Assert.Contains(Json("'value':{'major':1,'minor':14,'formats':'0x01'}"), version.ToJson(), StringComparison.Ordinal);
        Assert.Equal("Ver. 1.14, formats 0x01", version.ToDisplayString());
        Assert.Equal("number_of_self_node_instances", instances.Name);
        Assert.Equal(1m, Assert.IsType<NumberValue>(instances.Value).Number);
        Assert.Equal(2m, Assert.IsType<NumberValue>(classes.Value).Number);
        Assert.Equal("booting", Assert.IsType<TextValue>(booting.Value).Text);
    }

    [Fact]
    public void Json_can_be_written_as_part_of_a_larger_document()
    {
        var frame = FrameCodec.Decode((ReadOnlyMemory<byte>)Hex.Bytes("1081000102880105FF017203D30400000001E10101E00400015208"));
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var p in MeterPropertyDecoder.DecodeValues(frame, EnergyScale.Unknown))
            {
                p.WriteJson(writer);
            }

            writer.WriteEndArray();
        }

        using var doc = JsonDocument.Parse(stream.ToArray());
        Assert.Equal(3, doc.RootElement.GetArrayLength());
        Assert.Equal(8653.6m, doc.RootElement[2].GetProperty("value").GetDecimal());
    }
}
