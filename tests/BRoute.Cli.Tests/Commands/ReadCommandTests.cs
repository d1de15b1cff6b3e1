using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using BRoute.Cli.Output;
using BRoute.Cli.Tests.Support;

namespace BRoute.Cli.Tests.Commands;

/// <summary>
/// Simulator-backed command tests run one at a time: some run on an accelerated clock, and a loaded machine
/// should not starve them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SimulatorCollection
{
    public const string Name = "simulator-backed commands";
}

/// <summary><c>broute read</c> against the simulator over TCP, through the real driver and session.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class ReadCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ScaledTimeProvider _time = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Read_json_has_the_documented_shape_and_the_simulated_meters_values()
    {
        await using var sim = new TcpSimulator(_time);

        var run = await SessionCli.RunAsync(_time, ["read", "--json", .. SessionCli.DeviceArgs(sim, _dir.Path)]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal(string.Empty, run.Error);
        Assert.Single(run.OutputLines);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(["meter", "properties"], root.EnumerateObject().Select(p => p.Name));

        var meter = root.GetProperty("meter");
        Assert.Equal(["device", "dongle_family", "mac", "ipv6", "channel", "pan_id", "read_at"], meter.EnumerateObject().Select(p => p.Name));
        Assert.Equal(sim.Device, meter.GetProperty("device").GetString());
        Assert.Equal("bp35a1", meter.GetProperty("dongle_family").GetString());
        Assert.Equal(sim.Host.Options.Meter.Mac.ToString("X16", CultureInfo.InvariantCulture), meter.GetProperty("mac").GetString());
        Assert.Equal(sim.Host.MeterAddress, IPAddress.Parse(meter.GetProperty("ipv6").GetString()!));
        Assert.Equal(sim.Host.Options.Meter.Channel, meter.GetProperty("channel").GetInt32());
        Assert.Equal(sim.Host.Options.Meter.PanId.ToString("X4", CultureInfo.InvariantCulture), meter.GetProperty("pan_id").GetString());
        Assert.StartsWith("2026-01-15T10:", meter.GetProperty("read_at").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("+09:00", meter.GetProperty("read_at").GetString(), StringComparison.Ordinal);

        var properties = root.GetProperty("properties").EnumerateArray().ToList();
        Assert.Equal(ReadProperties.Default.Select(e => $"0x{e:X2}"), properties.Select(p => p.GetProperty("epc").GetString()));
        var byEpc = properties.ToDictionary(p => p.GetProperty("epc").GetString()!);

        // A fresh meter: nobody has set the history day (E5) or the EC slot (ED) yet; everything else has a value.
        Assert.All(properties, p => Assert.Equal(p.GetProperty("epc").GetString() is "0xE5" or "0xED" ? "unset" : "ok", p.GetProperty("status").GetString()));
        Assert.Equal(TcpSimulator.LoadW, byEpc["0xE7"].GetProperty("value").GetInt32());
        Assert.Equal("W", byEpc["0xE7"].GetProperty("unit").GetString());
        Assert.Equal(TcpSimulator.EnergyKwh, byEpc["0xE0"].GetProperty("value").GetDecimal());
        Assert.Equal("kWh", byEpc["0xE0"].GetProperty("unit").GetString());
        Assert.Equal("00000001", byEpc["0xD3"].GetProperty("raw").GetString());                // coefficient 1
        Assert.Equal("01", byEpc["0xE1"].GetProperty("raw").GetString());                      // 0.1 kWh
        Assert.Equal(6, byEpc["0xD7"].GetProperty("value").GetInt32());
        Assert.Equal("FFFFFF", byEpc["0x8A"].GetProperty("raw").GetString());
        Assert.Equal("2026-01-15T10:00:00", byEpc["0xEA"].GetProperty("value").GetProperty("timestamp").GetString());
        Assert.Equal(7999.8m, byEpc["0xEA"].GetProperty("value").GetProperty("kwh").GetDecimal()); // 8000 kWh − 1.2 kW × 10 min
        var current = byEpc["0xE8"].GetProperty("value");
        Assert.InRange(current.GetProperty("r").GetDecimal() + current.GetProperty("t").GetDecimal(), 11.5m, 12.5m); // 1200 W at 100 V
    }

    [Fact]
    public async Task Each_json_property_is_exactly_what_decode_json_prints_for_the_same_bytes()
    {
        await using var sim = new TcpSimulator(_time);
        var run = await SessionCli.RunAsync(_time, ["read", "--json", "E7", "E8", "E0", "E3", "EA", "EB", "D3", "D7", "E1", "80", "82", "8A", "9F", .. SessionCli.DeviceArgs(sim, _dir.Path)]);
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var properties = json.RootElement.GetProperty("properties").EnumerateArray().ToList();

        // The same EDTs in one Get_Res frame, explained by decode with the meter's D3 and E1.
        var frame = "1081000102880105FF0172" + properties.Count.ToString("X2", CultureInfo.InvariantCulture) + string.Concat(properties.Select(p =>
        {
            var raw = p.GetProperty("raw").GetString()!;
            return p.GetProperty("epc").GetString()![2..] + (raw.Length / 2).ToString("X2", CultureInfo.InvariantCulture) + raw;
        }));
        var decode = await CliRun.InvokeAsync(string.Empty, "decode", "--json", "--coefficient", "1", "--unit", "0x01", frame);
        Assert.Equal(ExitCodes.Success, decode.ExitCode);
        using var decoded = JsonDocument.Parse(decode.OutputLines[0]);
        var expected = decoded.RootElement.GetProperty("properties").EnumerateArray().Select(p => p.GetRawText());
        Assert.Equal(expected, properties.Select(p => p.GetRawText()));
    }

    [Fact]
    public async Task A_subset_by_code_and_name_is_read_in_that_order_and_nothing_else_is_asked()
    {
        await using var sim = new TcpSimulator(_time);

        var run = await SessionCli.RunAsync(_time, ["read", "E7", "instantaneous_current", "--json", .. SessionCli.DeviceArgs(sim, _dir.Path)]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(["0xE7", "0xE8"], json.RootElement.GetProperty("properties").EnumerateArray().Select(p => p.GetProperty("epc").GetString()));
        Assert.Equal(1, sim.Host.Stats.GetsOf(0xE7));
        Assert.Equal(1, sim.Host.Stats.GetsOf(0xE8));
        Assert.Equal(0, sim.Host.Stats.GetsOf(0xE0));
    }

    [Fact]
    public async Task Read_csv_prints_a_header_and_one_crlf_record_per_property()
    {
        await using var sim = new TcpSimulator(_time);

        var run = await SessionCli.RunAsync(_time, ["read", "--csv", "E7,E0", "unit", .. SessionCli.DeviceArgs(sim, _dir.Path)]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal(
            "epc,name,field,timestamp,status,value,unit,raw\r\n" +
            $"0xE7,instantaneous_power,,,ok,{TcpSimulator.LoadW},W,{TcpSimulator.LoadW:X8}\r\n" +
            "0xE0,cumulative_energy_normal,,,ok,8000.0,kWh,00013880\r\n" +
            "0xE1,unit,,,ok,0.1,kWh,01\r\n",
            run.Output);
    }

    [Fact]
    public async Task The_table_shows_values_with_units_and_a_property_the_meter_lacks_as_not_supported()
    {
        await using var sim = new TcpSimulator(_time, m => m with { Without = new HashSet<byte> { 0x8D } });

        var run = await SessionCli.RunAsync(_time, ["read", .. SessionCli.DeviceArgs(sim, _dir.Path)]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var lines = run.Output.Split('\n');
        Assert.StartsWith($"{sim.Device} meter 001C640000A1B2C3, channel 33, PAN 8888, read 2026-01-15 10:", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^EPC +NAME +VALUE +STATUS$", lines[1]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^0x8D +production_number +- +not supported$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^0xE7 +instantaneous_power +{TcpSimulator.LoadW} W +ok$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^0xE0 +cumulative_energy_normal +8000\.0 kWh +ok$"));
        Assert.Equal(0, sim.Host.Stats.GetsOf(0x8D)); // not in the Get map: not asked
    }

    [Fact]
    public async Task A_wrong_password_exits_4_with_the_message()
    {
        var time = new ScaledTimeProvider(5); // the join backoffs (1 s, 2 s) pass 5 times faster
        await using var sim = new TcpSimulator(time);

        var run = await SessionCli.RunAsync(time, "read", "E7", "--device", sim.Device, "--id", Planted.Id, "--password", Planted.OtherPassword, "--state-dir", _dir.Path);

        Assert.Equal(ExitCodes.AuthenticationFailed, run.ExitCode);
        Assert.EndsWith("broute read: authentication failed: check the B-route ID and password; the meter answered EVENT 24\n", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
        Assert.True(sim.Host.Stats.JoinsFailed >= 1);
        Assert.Equal(0, sim.Host.Stats.GetsOf(0xE7));
    }

    [Fact]
    public async Task No_device_exits_3()
    {
        var port = FreePort();

        var tcp = await SessionCli.RunAsync(_time, "read", "--device", $"tcp://127.0.0.1:{port}", "--id", Planted.Id, "--password", Planted.Password, "--state-dir", _dir.Path);
        var serial = await SessionCli.RunAsync(_time, "read", "--device", _dir.File("ttyNOPE"), "--id", Planted.Id, "--password", Planted.Password, "--state-dir", _dir.Path);

        Assert.Equal(ExitCodes.DeviceNotFound, tcp.ExitCode);
        Assert.StartsWith("broute read: ", tcp.Error, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", tcp.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.DeviceNotFound, serial.ExitCode);
        Assert.Contains("ttyNOPE", serial.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, tcp.Output + serial.Output);
    }

    [Fact]
    public async Task An_unknown_property_name_exits_2_before_the_dongle_is_touched()
    {
        await using var sim = new TcpSimulator(_time);

        var run = await SessionCli.RunAsync(_time, ["read", "instantaneous_powr", .. SessionCli.DeviceArgs(sim, _dir.Path)]);

        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        Assert.Equal("broute read: unknown property 'instantaneous_powr'; did you mean instantaneous_power?\n", run.Error);
        Assert.Equal(0, sim.Host.Stats.Commands);
    }

    [Fact]
    public async Task Json_and_csv_together_are_a_usage_error()
    {
        await using var sim = new TcpSimulator(_time);

        var run = await SessionCli.RunAsync(_time, ["read", "--json", "--csv", .. SessionCli.DeviceArgs(sim, _dir.Path)]);

        Assert.Equal(ExitCodes.UsageOrInput, run.ExitCode);
        Assert.Equal("broute read: --json and --csv exclude each other; give one\n", run.Error);
        Assert.Equal(0, sim.Host.Stats.Commands);
    }

    [Fact]
    public async Task Verbose_shows_the_dialogue_with_the_credentials_masked()
    {
        await using var sim = new TcpSimulator(_time);

        var run = await SessionCli.RunAsync(_time, ["read", "E7", "--verbose", .. SessionCli.DeviceArgs(sim, _dir.Path)]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains(">> SKSETPWD C ************", run.Error, StringComparison.Ordinal);
        Assert.Contains(">> SKSETRBID ********************************", run.Error, StringComparison.Ordinal);
        Assert.Contains(">> SKJOIN ", run.Error, StringComparison.Ordinal);
        Assert.Contains(">> SKTERM", run.Error, StringComparison.Ordinal); // the session is closed cleanly
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
