using System.Text.Json;
using BRoute.Cli.Output;
using BRoute.Decoding;
using BRoute.EchonetLite.Meter;

namespace BRoute.Cli.Tests.Output;

public sealed class ReadOutputWriterTests
{
    private static readonly MeterReadInfo Meter = new()
    {
        Device = "/dev/ttyUSB0",
        ReadAt = new DateTimeOffset(2020, 3, 14, 8, 30, 5, TimeSpan.FromHours(9)),
        DongleFamily = "bp35a1",
        Mac = "00808700301224EF",
        IPv6 = "FE80:0000:0000:0000:0280:8700:3012:24EF",
        Channel = 33,
        PanId = 0x8888,
    };

    private static string Render(ReadFormat format, IReadOnlyList<DecodedProperty> properties, MeterReadInfo? meter = null, int? width = null)
    {
        using var text = new StringWriter();
        ReadOutputWriter.Write(text, format, meter ?? Meter, properties, width);
        return text.ToString();
    }

    [Fact]
    public void Table_has_epc_name_value_with_unit_and_status_aligned()
    {
        var lines = Render(ReadFormat.Table, SeedProperties.All, width: 200).Split('\n');

        Assert.Equal("/dev/ttyUSB0 meter 00808700301224EF, channel 33, PAN 8888, read 2020-03-14 08:30:05 +09:00", lines[0]);
        Assert.Equal("EPC   NAME                                 VALUE                                                     STATUS", lines[1]);
        Assert.StartsWith("----  -----", lines[2], StringComparison.Ordinal);
        Assert.Equal("0x80  operation_status                     ON                                                        ok", lines[3]);
        Assert.Equal("0xE7  instantaneous_power                  628 W                                                     ok", lines[4]);
        Assert.Equal("0xE8  instantaneous_current                R 5.0 A, T 2.0 A                                          ok", lines[5]);
        Assert.Equal("0xEA  cumulative_energy_fixed_time_normal  2020-03-14 08:30:00 8653.4 kWh                            ok", lines[6]);
        Assert.Equal("0xE7  instantaneous_power                  -                                                         no data", lines[7]);
        Assert.Equal("0xE5  history_1_day                        -                                                         unset", lines[8]);
        Assert.Equal("0xE7  instantaneous_power                  instantaneous_power (0xE7): EDT is 2 byte(s), expected 4  error", lines[9]);
        Assert.Equal("0xEC  cumulative_energy_history_2          -                                                         not supported", lines[10]);
        Assert.Equal("0xE0  cumulative_energy_normal             8653.6 kWh                                                ok (coefficient D3 assumed 1)", lines[11]);
        Assert.Equal(string.Empty, lines[12]);
    }

    [Fact]
    public void Json_is_meter_info_and_properties_exactly_as_decoded_property_writes_them()
    {
        var json = Render(ReadFormat.Json, SeedProperties.All);

        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
        Assert.Single(json.Split('\n', StringSplitOptions.RemoveEmptyEntries)); // one line, for jq and log files
        using var document = JsonDocument.Parse(json);
        var meter = document.RootElement.GetProperty("meter");
        Assert.Equal(
            """{"device":"/dev/ttyUSB0","dongle_family":"bp35a1","mac":"00808700301224EF","ipv6":"FE80:0000:0000:0000:0280:8700:3012:24EF","channel":33,"pan_id":"8888","read_at":"2020-03-14T08:30:05+09:00"}""",
            meter.GetRawText());
        var properties = document.RootElement.GetProperty("properties").EnumerateArray().Select(p => p.GetRawText()).ToList();
        Assert.Equal(SeedProperties.All.Select(p => p.ToJson()), properties);
        Assert.Equal(["meter", "properties"], document.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Unknown_meter_fields_are_null()
    {
        var json = Render(ReadFormat.Json, [SeedProperties.Power], new MeterReadInfo { Device = "tcp://127.0.0.1:5000", ReadAt = Meter.ReadAt });

        using var document = JsonDocument.Parse(json);
        Assert.Equal(
            """{"device":"tcp://127.0.0.1:5000","dongle_family":null,"mac":null,"ipv6":null,"channel":null,"pan_id":null,"read_at":"2020-03-14T08:30:05+09:00"}""",
            document.RootElement.GetProperty("meter").GetRawText());
    }

    [Fact]
    public async Task Json_properties_have_the_shape_broute_decode_json_prints_for_the_same_frame()
    {
        // One Get_Res with E7, E8 and EA from the seed trace.
        const string frame = "1081000102880105FF017203" + "E70400000274" + "E80400320014" + "EA0B07E4030E081E0000015206";
        var decode = await CliRun.InvokeAsync(string.Empty, "decode", "--json", "--coefficient", "1", "--unit", "0x01", frame);
        Assert.Equal(ExitCodes.Success, decode.ExitCode);
        using var decoded = JsonDocument.Parse(decode.OutputLines.Single());

        var read = Render(ReadFormat.Json, [SeedProperties.Power, SeedProperties.Current, SeedProperties.FixedTime]);
        using var ours = JsonDocument.Parse(read);

        Assert.Equal(decoded.RootElement.GetProperty("properties").GetRawText(), ours.RootElement.GetProperty("properties").GetRawText());
    }

    [Fact]
    public void Csv_has_one_record_per_value_and_no_json_in_any_cell()
    {
        var csv = Render(ReadFormat.Csv, SeedProperties.All);

        Assert.Equal(
            "epc,name,field,timestamp,status,value,unit,raw\r\n" +
            "0x80,operation_status,,,ok,on,,30\r\n" +
            "0xE7,instantaneous_power,,,ok,628,W,00000274\r\n" +
            "0xE8,instantaneous_current,r,,ok,5.0,A,00320014\r\n" +
            "0xE8,instantaneous_current,t,,ok,2.0,A,\r\n" +
            "0xEA,cumulative_energy_fixed_time_normal,,2020-03-14T08:30:00,ok,8653.4,kWh,07E4030E081E0000015206\r\n" +
            "0xE7,instantaneous_power,,,no_data,,W,7FFFFFFE\r\n" +
            "0xE5,history_1_day,,,unset,,,FF\r\n" +
            "0xE7,instantaneous_power,,,error,\"instantaneous_power (0xE7): EDT is 2 byte(s), expected 4\",,0274\r\n" +
            "0xEC,cumulative_energy_history_2,,,not_supported,,kWh,\r\n" +
            "0xE0,cumulative_energy_normal,,,ok,8653.6,kWh,00015208\r\n",
            csv);
    }

    [Fact]
    public void Csv_gives_a_day_history_one_record_per_slot_with_its_own_status_and_an_ec_one_per_slot_and_direction()
    {
        var day = MeterValueEncoder.DayHistory(1, [.. Enumerable.Range(0, 48).Select(k => k == 5 ? null : (uint?)(100 + k))]);
        var e2 = SeedProperties.Decode(0xE2, Convert.ToHexString(day));
        var ec = SeedProperties.Decode(0xEC, Convert.ToHexString(MeterValueEncoder.History2(new DateTime(2020, 3, 14, 8, 30, 0), [new(86534, null), new(86530, 21)])));

        var records = Render(ReadFormat.Csv, [e2, ec]).Split("\r\n")[1..^1];

        Assert.Equal(48 + 4, records.Length);
        Assert.Equal($"0xE2,cumulative_energy_history_1_normal,00:00,,ok,10.0,kWh,{Convert.ToHexString(day)}", records[0]);
        Assert.Equal("0xE2,cumulative_energy_history_1_normal,02:30,,no_data,,kWh,", records[5]);
        Assert.Equal("0xE2,cumulative_energy_history_1_normal,23:30,,ok,14.7,kWh,", records[47]);
        Assert.StartsWith("0xEC,cumulative_energy_history_2,normal,2020-03-14T08:30:00,ok,8653.4,kWh,07E4030E081E", records[48], StringComparison.Ordinal);
        Assert.Equal("0xEC,cumulative_energy_history_2,reverse,2020-03-14T08:30:00,no_data,,kWh,", records[49]);
        Assert.Equal("0xEC,cumulative_energy_history_2,normal,2020-03-14T08:00:00,ok,8653.0,kWh,", records[50]);
        Assert.Equal("0xEC,cumulative_energy_history_2,reverse,2020-03-14T08:00:00,ok,2.1,kWh,", records[51]);
    }

    [Fact]
    public void Every_csv_record_parses_back_into_eight_fields_none_of_them_json()
    {
        var records = Render(ReadFormat.Csv, SeedProperties.All).Split("\r\n")[..^1];

        Assert.All(records, record =>
        {
            Assert.True(Cli.Output.CsvText.TryParseRecord(record, out var fields));
            Assert.Equal(8, fields.Count);
            Assert.DoesNotContain(fields, f => f.StartsWith('{') || f.StartsWith('['));
        });
    }

    [Fact]
    public void A_long_value_wraps_in_its_column_so_the_table_fits_the_width()
    {
        var map = SeedProperties.Decode(0x9F, "1E71414161404000624300414040434242");

        var lines = Render(ReadFormat.Table, [SeedProperties.Power, map], width: 80).Split('\n')[1..^1];

        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length}: {l}"));
        Assert.Equal(
            [
                "EPC   NAME                 VALUE                                          STATUS",
                "----  -------------------  ---------------------------------------------  ------",
                "0xE7  instantaneous_power  628 W                                          ok",
                "0x9F  get_property_map     30: 0x80 0x81 0x82 0x83 0x88 0x8A 0x8D 0x97    ok",
                "                           0x98 0x9D 0x9E 0x9F 0xC0 0xD0 0xD3 0xD7 0xE0",
                "                           0xE1 0xE2 0xE3 0xE4 0xE5 0xE7 0xE8 0xEA 0xEB",
                "                           0xEC 0xED 0xEE 0xEF",
            ],
            lines);
        Assert.Equal("30: 0x80 0x81 0x82 0x83 0x88 0x8A 0x8D 0x97 0x98 0x9D 0x9E 0x9F 0xC0 0xD0 0xD3 0xD7 0xE0 0xE1 0xE2 0xE3 0xE4 0xE5 0xE7 0xE8 0xEA 0xEB 0xEC 0xED 0xEE 0xEF", map.ToDisplayString());
    }

    [Fact]
    public void Wrapping_breaks_at_spaces_and_cuts_only_a_word_longer_than_the_width()
    {
        Assert.Equal(["ab cd", "ef"], TextTable.Wrap("ab cd ef", 5));
        Assert.Equal(["abcde", "fgh", "ij"], TextTable.Wrap("abcdefgh ij", 5));
        Assert.Equal(["x"], TextTable.Wrap("x", 5));
    }
}
