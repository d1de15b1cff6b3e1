using System.Text.Json;

namespace BRoute.Cli.Tests;

public sealed class DecodeCommandTests
{
    private const string Meter = "FE80:0000:0000:0000:02FF:EEDD:CCBB:AA99";
    private const string Dongle = "FE80:0000:0000:0000:02FF:EEDD:CCBB:AA88";

    private static string A1(string lenHex, string frameHex) =>
        $"ERXUDP {Meter} {Dongle} 0E1A 0E1A 00808700301224EF 1 {lenHex} {frameHex}";

    [Fact]
    public async Task Whole_seed_log_decodes_every_frame_with_its_value()
    {
        var log = await File.ReadAllTextAsync(ReferenceFiles.PathOf("seed-trace.log"));

        var run = await CliRun.InvokeAsync(log, "decode");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(20, run.OutputLines.Count(l => l.StartsWith("line ", StringComparison.Ordinal) && l.Contains(": ERXUDP from ", StringComparison.Ordinal)));
        Assert.Contains("0xD5  instance_list_notification", run.Output, StringComparison.Ordinal);
        Assert.Contains("628 W", run.Output, StringComparison.Ordinal);
        Assert.Contains("R 5.0 A, T 2.0 A", run.Output, StringComparison.Ordinal);
        Assert.Contains("2020-03-14 08:30:00 8653.4 kWh", run.Output, StringComparison.Ordinal);
        Assert.Contains("2020-03-14 08:30:00 1.0 kWh", run.Output, StringComparison.Ordinal);
        // E0 comes before E1 in this log: shown as a raw count, with a hint to decode again.
        Assert.Contains("86536 (raw count, unit unknown)", run.Output, StringComparison.Ordinal);
        Assert.Contains("note: line 53 showed energy as a raw count because the unit (E1) only appeared at line 60", run.Error, StringComparison.Ordinal);
        Assert.Contains("decoded 20 frame(s), skipped 84 other line(s), 0 line(s) with errors", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_log_as_json_has_the_documented_shape_and_values()
    {
        var log = await File.ReadAllTextAsync(ReferenceFiles.PathOf("seed-trace.log"));

        var run = await CliRun.InvokeAsync(log, "decode", "--json", "--unit", "0x01", "--coefficient", "1");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var frames = run.OutputLines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(20, frames.Length);

        var d5 = frames[0];
        Assert.Equal(0, d5.GetProperty("tid").GetInt32());
        Assert.Equal("0EF001", d5.GetProperty("seoj").GetString());
        Assert.Equal("0x73", d5.GetProperty("esv").GetString());
        Assert.Equal("FF02:0000:0000:0000:0000:0000:0000:0001", d5.GetProperty("erxudp").GetProperty("destination").GetString());
        Assert.Equal("028801", d5.GetProperty("properties")[0].GetProperty("value")[0].GetString());

        JsonElement Property(string epc) => frames
            .Select(f => f.GetProperty("properties")[0])
            .First(p => p.GetProperty("epc").GetString() == epc);

        var e7 = Property("0xE7");
        Assert.Equal("instantaneous_power", e7.GetProperty("name").GetString());
        Assert.Equal("00000274", e7.GetProperty("raw").GetString());
        Assert.Equal("ok", e7.GetProperty("status").GetString());
        Assert.Equal(628, e7.GetProperty("value").GetInt32());
        Assert.Equal("W", e7.GetProperty("unit").GetString());

        var e8 = Property("0xE8").GetProperty("value");
        Assert.Equal(5.0m, e8.GetProperty("r").GetDecimal());
        Assert.Equal(2.0m, e8.GetProperty("t").GetDecimal());

        Assert.Equal(8653.6m, Property("0xE0").GetProperty("value").GetDecimal());
        Assert.Equal(1.0m, Property("0xE3").GetProperty("value").GetDecimal());
        var ea = Property("0xEA").GetProperty("value");
        Assert.Equal("2020-03-14T08:30:00", ea.GetProperty("timestamp").GetString());
        Assert.Equal(8653.4m, ea.GetProperty("kwh").GetDecimal());
        Assert.Equal("unset", Property("0xE5").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, Property("0xE5").GetProperty("value").ValueKind);
        var e2Slots = Property("0xE2").GetProperty("value").GetProperty("slots");
        Assert.Equal(48, e2Slots.GetArrayLength());
        Assert.All(e2Slots.EnumerateArray(), s => Assert.Equal("no_data", s.GetProperty("status").GetString()));

        var frame = frames[1];
        Assert.Equal(1, frame.GetProperty("tid").GetInt32());
        Assert.Equal("028801", frame.GetProperty("seoj").GetString());
        Assert.Equal("05FF01", frame.GetProperty("deoj").GetString());
        Assert.Equal("0x72", frame.GetProperty("esv").GetString());
    }

    [Fact]
    public async Task Coefficient_and_unit_seen_earlier_apply_to_later_lines()
    {
        var input = string.Join('\n',
            A1("0012", "1081000102880105FF017201D30400000002"), // D3 = 2
            A1("000F", "1081000102880105FF017201E10101"), // E1 = 0.1 kWh
            A1("0012", "1081000102880105FF017201E00400015208")); // E0 raw 86536

        var run = await CliRun.InvokeAsync(input, "decode");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("17307.2 kWh", run.Output, StringComparison.Ordinal); // 86536 × 2 × 0.1
        Assert.DoesNotContain("note:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_lines_are_reported_by_line_number_and_the_rest_still_decodes()
    {
        var run = await CliRun.InvokeAsync(
            string.Empty,
            "decode",
            A1("0012", "1081000102880105FF017201E7"), // DATALEN 18 but 13 bytes of data
            "10810001", // short frame
            "hello, this line is not a frame",
            "1081000102880105FF017201E70400000274",
            "1081000102880105FF017201E7050000027400", // PDC 5 for a 4-byte property
            "10810001028801");

        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        Assert.Contains("line 1: DATALEN 0012 announces 18 bytes (36 hex characters) but the data has 26 hex characters", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 2: frame is not a valid ECHONET Lite frame: frame is 4 byte(s), shorter than the 12-byte header (at byte 4)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 3:", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 4: frame", run.Output, StringComparison.Ordinal);
        Assert.Contains("628 W", run.Output, StringComparison.Ordinal);
        Assert.Contains("line 5: instantaneous_power (0xE7): EDT is 5 byte(s), expected 4", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 6: frame is not a valid ECHONET Lite frame: frame is 7 byte(s)", run.Error, StringComparison.Ordinal);
        Assert.Contains("decoded 2 frame(s), skipped 1 other line(s), 4 line(s) with errors", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ERXUDP FE80:0000:0000:0000:C2F9:4500:4058:B5FB FE80:0000:0000:0000:021D:1291:0004:E578 0E1A 0E1A 0011223344556677 1 0 0026 1081000102880105FF017302EA0B07E70C13001E000000458EEB0B07E70C13001E0000000015", "side 0", null)]
    [InlineData("ERXUDP FE80:0000:0000:0000:C2F9:4500:4058:B5FB FE80:0000:0000:0000:021D:1291:0004:E578 0E1A 0E1A 0011223344556677 9C 1 0 0026 1081000102880105FF017302EA0B07E70C13001E000000458EEB0B07E70C13001E0000000015", "side 0", "RSSI/LQI 0x9C")]
    [InlineData("SKSENDTOERXUDP FE80:0000:0000:0000:C2F9:4500:4058:B5FB FE80:0000:0000:0000:021D:1291:0004:E578 0E1A 0E1A 0011223344556677 1 0 0026 1081000102880105FF017302EA0B07E70C13001E000000458EEB0B07E70C13001E0000000015", "side 0", null)]
    public async Task Every_dongle_layout_decodes_the_half_hour_notification(string line, string side, string? rssi)
    {
        var run = await CliRun.InvokeAsync(string.Empty, "decode", "--unit", "0x01", line);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains(side, run.Output, StringComparison.Ordinal);
        if (rssi is not null)
        {
            Assert.Contains(rssi, run.Output, StringComparison.Ordinal);
        }

        Assert.Contains("ESV 0x73 INF", run.Output, StringComparison.Ordinal);
        Assert.Contains("2023-12-19 00:30:00 1780.6 kWh", run.Output, StringComparison.Ordinal); // raw 17806 × 0.1
        Assert.Contains("2023-12-19 00:30:00 2.1 kWh", run.Output, StringComparison.Ordinal); // raw 21 × 0.1
    }

    [Fact]
    public async Task Spaced_hex_and_a_get_request_decode()
    {
        var run = await CliRun.InvokeAsync("10 81 00 01 05 FF 01 02 88 01 62 02 E7 00 E8 00\n", "decode", "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var frame = JsonDocument.Parse(run.OutputLines.Single()).RootElement;
        Assert.Equal("0x62", frame.GetProperty("esv").GetString());
        Assert.Equal(JsonValueKind.Null, frame.GetProperty("erxudp").ValueKind);
        var props = frame.GetProperty("properties");
        Assert.Equal("0xE7", props[0].GetProperty("epc").GetString());
        Assert.Equal("instantaneous_current", props[1].GetProperty("name").GetString());
        Assert.Equal(0, props[1].GetProperty("pdc").GetInt32());
    }

    [Theory]
    [InlineData("--unit", "0x07")]
    [InlineData("--coefficient", "-1")]
    [InlineData("--coefficient", "abc")]
    public async Task Bad_options_are_usage_errors(string option, string value)
    {
        var run = await CliRun.InvokeAsync(string.Empty, "decode", option, value, "1081000102880105FF017201E70400000274");

        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        Assert.StartsWith("broute decode: ", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }
}
