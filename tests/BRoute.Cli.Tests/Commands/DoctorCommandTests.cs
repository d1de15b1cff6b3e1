using System.IO.Compression;
using System.Text.Json;
using BRoute.Cli.Tests.Support;

namespace BRoute.Cli.Tests.Commands;

/// <summary><c>broute doctor</c>: findings from the dongle, the link and the meter, and a bundle without credentials.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class DoctorCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ScaledTimeProvider _time = new();

    public void Dispose() => _dir.Dispose();

    private static Dictionary<string, string> Bundle(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        });
    }

    [Fact]
    public async Task Doctor_reports_dongle_link_and_meter_and_writes_a_bundle_without_the_credentials()
    {
        await using var sim = new TcpSimulator(_time);
        var bundles = Path.Combine(_dir.Path, "bundles");

        var run = await SessionCli.RunAsync(_time, ["doctor", "--out", bundles, .. SessionCli.DeviceArgs(sim, Path.Combine(_dir.Path, "state"))]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Output + run.Error);
        var zip = Assert.Single(Directory.GetFiles(bundles));
        Assert.Matches(@"broute-support-20260115-1010\d\d\.zip$", zip);
        Assert.EndsWith($"support bundle: {zip} (B-route ID and password masked; look through it before you share it)\n", run.Output, StringComparison.Ordinal);

        var files = Bundle(zip);
        Assert.Equal(["README.txt", "findings.txt", "findings.json", "log.txt"], files.Keys);
        foreach (var text in files.Values)
        {
            Planted.AssertAbsent(text);
        }

        using var json = JsonDocument.Parse(files["findings.json"]);
        var sections = json.RootElement.GetProperty("sections");
        string Finding(string section, string key) => sections.GetProperty(section).GetProperty(key).GetString()!;
        Assert.Equal("unknown, behaves like bp35a1 (bp35a1 or wsr35a1)", Finding("dongle", "family")); // BP35A1 and WSR35A1 answer alike
        Assert.Equal("1.2.10", Finding("dongle", "firmware"));
        Assert.Equal("rev26e", Finding("dongle", "app_version"));
        Assert.Equal("binary (ROPT bit 0 = 0)", Finding("dongle", "erxudp_mode"));
        Assert.Equal("001D129012345678", Finding("dongle", "mac"));
        int Count(string section, string key) => sections.GetProperty(section).GetProperty(key).GetInt32();
        Assert.Equal(180, Count("link", "lqi")); // numbers in JSON; "0xB4 (180)" in the text
        Assert.Equal(-54.77, sections.GetProperty("link").GetProperty("rssi").GetDouble());
        Assert.Equal("scan", Finding("link", "lqi_source"));
        Assert.Equal(0, Count("link", "frames_with_rssi")); // a BP35A1: no RSSI/LQI field in ERXUDP
        Assert.True(Count("link", "frames_from_meter") >= 3, files["findings.json"]); // PANA, D5 INF, replies
        Assert.StartsWith("none: the bp35a1's ERXUDP carries no RSSI/LQI field", Finding("link", "frame_rssi"), StringComparison.Ordinal);
        Assert.Equal(33, Count("pan", "channel"));
        Assert.StartsWith("Release R", Finding("meter", "standard_version"), StringComparison.Ordinal);
        Assert.StartsWith("FFFFFF", Finding("meter", "manufacturer_code"), StringComparison.Ordinal);
        Assert.StartsWith("5: 0x80 0x81 0x88 0xEA 0xEB", Finding("meter", "announcement_property_map"), StringComparison.Ordinal);
        Assert.StartsWith("4: 0x81 0xE5 0xED 0xEF", Finding("meter", "set_property_map"), StringComparison.Ordinal);
        Assert.StartsWith("30: 0x80 0x81 0x82", Finding("meter", "get_property_map"), StringComparison.Ordinal);
        Assert.StartsWith($"{TcpSimulator.LoadW} W", Finding("meter", "instantaneous_power"), StringComparison.Ordinal);
        Assert.Equal("001C640000A1B2C3", Finding("pan", "mac"));
        Assert.Equal(1, Count("counters", "joins"));
        Assert.Equal(0, Count("counters", "retries"));
        Assert.StartsWith("given (B-route ID sha256 ", Finding("settings", "credentials"), StringComparison.Ordinal);
        Assert.False(sections.TryGetProperty("problems", out _));

        // The log holds the dialogue with the credential commands masked.
        Assert.Contains("SKSETPWD C ************", files["log.txt"], StringComparison.Ordinal);
        Assert.Contains("SKSETRBID ********************************", files["log.txt"], StringComparison.Ordinal);
        Assert.Contains("SKSCAN 2 FFFFFFFF 4", files["log.txt"], StringComparison.Ordinal);

        // The same findings are printed.
        Assert.Contains("[meter]", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  firmware +1\.2\.10$", run.Output);
        Assert.Matches(@"(?m)^  lqi +0xB4 \(180\)$", run.Output);
        Assert.Matches(@"(?m)^  frame_rssi +none: the bp35a1's ERXUDP carries no RSSI/LQI field \(the BP35A1 family's 9-token layout\); the scan LQI is this link's quality$", run.Output);
    }

    [Fact]
    public async Task Without_credentials_only_the_dongle_is_checked()
    {
        await using var sim = new TcpSimulator(_time);

        var run = await SessionCli.RunAsync(_time, "doctor", "--folder", "--out", _dir.Path, "--device", sim.Device, "--state-dir", _dir.Path);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Output + run.Error);
        var folder = Assert.Single(Directory.GetDirectories(_dir.Path, "broute-support-*"));
        var findings = await File.ReadAllTextAsync(Path.Combine(folder, "findings.txt"));
        Assert.Contains("checked  no: no B-route ID and password given (the dongle alone was checked)", findings, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  firmware +1\.2\.10$", findings);
        Assert.Equal(0, sim.Host.Stats.Scans);
        Assert.Equal(0, sim.Host.Stats.Joins);
    }

    [Fact]
    public async Task A_device_that_cannot_be_opened_is_a_problem_in_the_bundle_and_exit_3()
    {
        var port = ReadCommandTests.FreePort();

        var run = await SessionCli.RunAsync(_time, "doctor", "--folder", "--out", _dir.Path, "--device", $"tcp://127.0.0.1:{port}", "--id", Planted.Id, "--password", Planted.Password, "--state-dir", _dir.Path);

        Assert.Equal(ExitCodes.DeviceNotFound, run.ExitCode);
        var folder = Assert.Single(Directory.GetDirectories(_dir.Path, "broute-support-*"));
        var findings = await File.ReadAllTextAsync(Path.Combine(folder, "findings.txt"));
        Assert.Contains("[problems]", findings, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  dongle +.*127\.0\.0\.1:" + port + @".*\(exit code 3\)$", findings);
        Planted.AssertAbsent(string.Concat(Directory.GetFiles(folder).Select(File.ReadAllText)));
    }
}
