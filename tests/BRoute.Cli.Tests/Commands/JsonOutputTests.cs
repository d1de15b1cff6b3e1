using System.Globalization;
using System.Text.Json;
using BRoute.Cli.Tests.Support;
using BRoute.SkStack.Grammar;

namespace BRoute.Cli.Tests.Commands;

/// <summary>
/// <c>broute scan --json</c> and <c>broute doctor --json</c>: one JSON line on standard output whose values come from
/// the simulator's options (family, channel, PAN ID, MAC, LQI), the same exit codes as the text, and never a credential
/// or pairing ID (<see cref="SessionCli"/> checks both outputs of every run for the planted credentials).
/// </summary>
[Collection(SimulatorCollection.Name)]
public sealed class JsonOutputTests : IDisposable
{
    private const byte MeterLqi = 0x9A; // 154 → 0.275 × 154 − 104.27 = −61.92 dBm
    private const double MeterRssiDbm = -61.92;
    private static readonly string PairId = Planted.Id[^8..];

    private readonly TempDirectory _dir = new();
    private readonly ScaledTimeProvider _time = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A BP35C2 with SA2 = 1 (ERXUDP carries the LQI token) and a meter on channel 59, PAN 1A2B, its own MAC and LQI.</summary>
    private TcpSimulator Bp35C2WithRssi() => new(
        _time,
        m => m with { Channel = 0x3B, PanId = 0x1A2B, Mac = 0x0011223344556677, Lqi = MeterLqi },
        dongle: o => o with { Family = DongleFamily.Bp35C2, ShowRssi = true });

    /// <summary>Standard output must be exactly one JSON line: nothing else goes there with --json.</summary>
    private static JsonDocument Json(CliRun run)
    {
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, run.Output);
        Assert.DoesNotContain(PairId, run.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(PairId, run.Error, StringComparison.OrdinalIgnoreCase);
        return JsonDocument.Parse(lines[0]);
    }

    private static string Hex(ulong value, int digits) => value.ToString("X" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Scan_json_gives_the_dongle_every_pan_and_the_meter_then_the_cached_meter()
    {
        await using var sim = Bp35C2WithRssi();
        var meter = sim.Options.Meter;
        var args = SessionCli.DeviceArgs(sim, _dir.Path);

        var run = await SessionCli.RunAsync(_time, ["scan", "--json", .. args]);
        var ranUntil = _time.GetUtcNow();

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        using (var json = Json(run))
        {
            var root = json.RootElement;
            Assert.Equal("scan", root.GetProperty("source").GetString());
            var dongle = root.GetProperty("dongle");
            Assert.Equal("bp35c2", dongle.GetProperty("family").GetString());
            Assert.False(dongle.GetProperty("tentative").GetBoolean());
            Assert.Equal("1.5.2", dongle.GetProperty("firmware").GetString());
            Assert.Equal("rev26e", dongle.GetProperty("app_version").GetString());
            Assert.Equal(1, root.GetProperty("scans_run").GetInt32());
            Assert.Equal(0, root.GetProperty("other_meters").GetInt32());
            var pan = Assert.Single(root.GetProperty("pans").EnumerateArray());
            Assert.Equal(meter.Channel, pan.GetProperty("channel").GetInt32());
            Assert.Equal(Hex(meter.PanId, 4), pan.GetProperty("pan_id").GetString());
            Assert.Equal(Hex(meter.Mac, 16), pan.GetProperty("mac").GetString());
            Assert.Equal(MeterLqi, pan.GetProperty("lqi").GetInt32());
            Assert.Equal(MeterRssiDbm, pan.GetProperty("rssi_dbm").GetDouble());
            Assert.True(pan.GetProperty("ours").GetBoolean());
            var found = root.GetProperty("meter");
            Assert.Equal(59, found.GetProperty("channel").GetInt32());
            Assert.Equal("1A2B", found.GetProperty("pan_id").GetString());
            Assert.Equal("0011223344556677", found.GetProperty("mac").GetString());
            Assert.Equal(MeterLqi, found.GetProperty("lqi").GetInt32());
            Assert.Equal(MeterRssiDbm, found.GetProperty("rssi_dbm").GetDouble());
            ScaledTimeProvider.AssertWithin(found.GetProperty("found_at").GetString(), ranUntil); // on the command's clock, however long the run took
            var cacheFile = Assert.Single(Directory.GetFiles(_dir.Path, "pan-*.json"));
            Assert.Equal(cacheFile, root.GetProperty("pan_cache_file").GetString());
            Assert.True(root.GetProperty("saved").GetBoolean());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
        }

        Assert.Contains("broute scan: scan 1/5", run.Error, StringComparison.Ordinal); // progress stays on standard error

        var cached = await SessionCli.RunAsync(_time, ["scan", "--json", .. args]);

        Assert.Equal(ExitCodes.Success, cached.ExitCode);
        Assert.Equal(1, sim.Host.Stats.Scans); // answered from the PAN cache
        using (var json = Json(cached))
        {
            var root = json.RootElement;
            Assert.Equal("cache", root.GetProperty("source").GetString());
            Assert.Equal("bp35c2", root.GetProperty("dongle").GetProperty("family").GetString());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("dongle").GetProperty("firmware").ValueKind);
            Assert.Equal(0, root.GetProperty("scans_run").GetInt32());
            Assert.Empty(root.GetProperty("pans").EnumerateArray());
            var found = root.GetProperty("meter");
            Assert.Equal(59, found.GetProperty("channel").GetInt32());
            Assert.Equal("1A2B", found.GetProperty("pan_id").GetString());
            Assert.Equal("0011223344556677", found.GetProperty("mac").GetString());
            Assert.Equal(MeterLqi, found.GetProperty("lqi").GetInt32()); // the scan's LQI, kept with the cache entry
            Assert.False(root.GetProperty("saved").GetBoolean());
        }
    }

    [Fact]
    public async Task Scan_json_when_nothing_answers_says_why_and_still_exits_5()
    {
        await using var sim = new TcpSimulator(_time, m => m with { MinScanDuration = 6 });

        var run = await SessionCli.RunAsync(_time, ["scan", "--json", "--scan-max-duration", "5", .. SessionCli.DeviceArgs(sim, _dir.Path)]);

        Assert.Equal(ExitCodes.MeterNotAnswering, run.ExitCode);
        using var json = Json(run);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("scans_run").GetInt32());
        Assert.Empty(root.GetProperty("pans").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("meter").ValueKind);
        Assert.False(root.GetProperty("saved").GetBoolean());
        var error = root.GetProperty("error").GetString()!;
        Assert.Contains(error, run.Error, StringComparison.Ordinal); // the same message the command fails with
        Assert.Empty(Directory.GetFiles(_dir.Path, "pan-*.json"));
    }

    [Fact]
    public async Task Doctor_json_gives_the_frame_rssi_of_an_sa2_dongle_and_matches_the_bundle()
    {
        await using var sim = Bp35C2WithRssi();
        var bundles = Path.Combine(_dir.Path, "bundles");

        var run = await SessionCli.RunAsync(_time, ["doctor", "--json", "--folder", "--out", bundles, .. SessionCli.DeviceArgs(sim, Path.Combine(_dir.Path, "state"))]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Output + run.Error);
        using var json = Json(run);
        var root = json.RootElement;
        Assert.Equal(0, root.GetProperty("exit_code").GetInt32());
        var folder = Assert.Single(Directory.GetDirectories(bundles));
        Assert.Equal(folder, root.GetProperty("support_bundle").GetString());
        var sections = root.GetProperty("sections");
        JsonElement Get(string section, string key) => sections.GetProperty(section).GetProperty(key);

        Assert.Equal("unknown, behaves like bp35c2 (bp35c0, bp35c2 or rs-wsuha)", Get("dongle", "family").GetString());
        Assert.Equal("ElevenTokensWithRssiAndSide", Get("dongle", "erxudp_layout").GetString());
        Assert.Equal(59, Get("pan", "channel").GetInt32());
        Assert.Equal("1A2B", Get("pan", "pan_id").GetString());
        Assert.Equal("0011223344556677", Get("pan", "mac").GetString());
        Assert.Equal(MeterLqi, Get("link", "lqi").GetInt32());
        Assert.Equal(MeterRssiDbm, Get("link", "rssi").GetDouble());
        Assert.Equal("scan", Get("link", "lqi_source").GetString());
        var frames = Get("link", "frames_from_meter").GetInt32();
        Assert.True(frames >= 3, $"{frames} frames"); // PANA, the D5 INF, the replies
        Assert.Equal(frames, Get("link", "frames_with_rssi").GetInt32());
        foreach (var key in new[] { "frame_rssi_last", "frame_rssi_min", "frame_rssi_max", "frame_rssi_mean" })
        {
            Assert.Equal(MeterRssiDbm, Get("link", key).GetDouble());
        }

        Assert.False(sections.GetProperty("link").TryGetProperty("frame_rssi", out _));
        Assert.Equal(1, Get("counters", "joins").GetInt32());
        Assert.False(sections.TryGetProperty("problems", out _));

        // The bundle's findings.json holds the same sections.
        using var bundle = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "findings.json")));
        Assert.Equal(JsonSerializer.Serialize(sections), JsonSerializer.Serialize(bundle.RootElement.GetProperty("sections")));
    }

    [Fact]
    public async Task Doctor_json_without_a_scan_takes_the_lqi_remembered_with_the_pan_cache()
    {
        await using var sim = Bp35C2WithRssi();
        var args = SessionCli.DeviceArgs(sim, _dir.Path);
        Assert.Equal(ExitCodes.Success, (await SessionCli.RunAsync(_time, ["scan", .. args])).ExitCode);

        var scannedBy = _time.GetUtcNow();
        var run = await SessionCli.RunAsync(_time, ["doctor", "--json", "--no-scan", "--folder", "--out", Path.Combine(_dir.Path, "b"), .. args]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Output + run.Error);
        Assert.Equal(1, sim.Host.Stats.Scans); // only the scan command scanned
        using var json = Json(run);
        var link = json.RootElement.GetProperty("sections").GetProperty("link");
        Assert.StartsWith("skipped (--no-scan)", link.GetProperty("scan").GetString(), StringComparison.Ordinal);
        Assert.Equal(MeterLqi, link.GetProperty("lqi").GetInt32());
        Assert.Equal("pan_cache", link.GetProperty("lqi_source").GetString());
        ScaledTimeProvider.AssertWithin(link.GetProperty("lqi_at").GetString(), scannedBy); // when the scan command found it
        Assert.Equal(MeterRssiDbm, link.GetProperty("frame_rssi_last").GetDouble());
    }

    [Fact]
    public async Task Doctor_json_with_a_device_that_cannot_be_opened_names_the_problem_without_the_credentials_and_exits_3()
    {
        var port = ReadCommandTests.FreePort();

        var run = await SessionCli.RunAsync(_time, "doctor", "--json", "--folder", "--out", _dir.Path, "--device", $"tcp://127.0.0.1:{port}", "--id", Planted.Id, "--password", Planted.Password, "--state-dir", _dir.Path);

        Assert.Equal(ExitCodes.DeviceNotFound, run.ExitCode);
        using var json = Json(run);
        var root = json.RootElement;
        Assert.Equal(ExitCodes.DeviceNotFound, root.GetProperty("exit_code").GetInt32());
        Assert.Contains($"127.0.0.1:{port}", root.GetProperty("sections").GetProperty("problems").GetProperty("dongle").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("given (B-route ID sha256 ", root.GetProperty("sections").GetProperty("settings").GetProperty("credentials").GetString(), StringComparison.Ordinal);
        var folder = Assert.Single(Directory.GetDirectories(_dir.Path, "broute-support-*"));
        Assert.Equal(folder, root.GetProperty("support_bundle").GetString());
        Planted.AssertAbsent(string.Concat(Directory.GetFiles(folder).Select(File.ReadAllText)));
    }
}
