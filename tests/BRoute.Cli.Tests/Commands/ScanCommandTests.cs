using BRoute.Cli.Tests.Support;

namespace BRoute.Cli.Tests.Commands;

/// <summary><c>broute scan</c>: scans, caches, and later commands join from the cache without scanning.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class ScanCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ScaledTimeProvider _time = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Scan_prints_and_caches_the_meter_and_read_then_joins_without_scanning()
    {
        await using var sim = new TcpSimulator(_time);
        var args = SessionCli.DeviceArgs(sim, _dir.Path);

        var scan = await SessionCli.RunAsync(_time, ["scan", .. args]);

        Assert.True(scan.ExitCode == ExitCodes.Success, scan.Error);
        Assert.Equal(1, sim.Host.Stats.Scans);
        Assert.StartsWith("dongle: unknown, behaves like bp35a1 (bp35a1 or wsr35a1), EVER 1.2.10, EAPPVER rev26e\n", scan.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^CHANNEL +PAN +MAC +LQI +RSSI +METER\r?$", scan.Output);
        Assert.Matches(@"(?m)^33 \(0x21\) +8888 +001C640000A1B2C3 +0xB4 +-54\.8 dBm +ours\r?$", scan.Output);
        Assert.Contains("found the meter: channel 33 (0x21), PAN 0x8888, MAC 001C640000A1B2C3, LQI 0xB4 (RSSI -54.8 dBm) after 1 scan(s)", scan.Output, StringComparison.Ordinal);
        var cacheFile = Assert.Single(Directory.GetFiles(_dir.Path, "pan-*.json"));
        Assert.Contains($"saved in the PAN cache: {cacheFile}", scan.Output, StringComparison.Ordinal);
        Assert.Contains("broute scan: scan 1/5: duration 4 on 28 channel(s)", scan.Error, StringComparison.Ordinal); // progress
        Assert.Equal(0, sim.Host.Stats.Joins); // a scan only

        var read = await SessionCli.RunAsync(_time, ["read", "E7", .. args]);

        Assert.True(read.ExitCode == ExitCodes.Success, read.Error);
        Assert.Equal(1, sim.Host.Stats.Scans); // the cached PAN was joined directly
        Assert.Equal(1, sim.Host.Stats.JoinsSucceeded);
    }

    [Fact]
    public async Task A_cached_meter_is_shown_without_a_scan_unless_rescan()
    {
        await using var sim = new TcpSimulator(_time);
        var args = SessionCli.DeviceArgs(sim, _dir.Path);
        Assert.Equal(ExitCodes.Success, (await SessionCli.RunAsync(_time, ["scan", .. args])).ExitCode);
        var scannedBy = _time.GetUtcNow();

        var cached = await SessionCli.RunAsync(_time, ["scan", .. args]);

        Assert.Equal(ExitCodes.Success, cached.ExitCode);
        Assert.StartsWith("cached: channel 33 (0x21), PAN 0x8888, MAC 001C640000A1B2C3, LQI 0xB4 (RSSI -54.8 dBm) (found ", cached.Output, StringComparison.Ordinal);
        var found = System.Text.RegularExpressions.Regex.Match(cached.Output, @"\(found (?<at>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+09:00) with a ");
        Assert.True(found.Success, cached.Output);
        ScaledTimeProvider.AssertWithin(found.Groups["at"].Value, scannedBy); // when the first scan found it, on the command's clock
        Assert.Contains("'broute scan --rescan' scans again", cached.Output, StringComparison.Ordinal);
        Assert.Equal(1, sim.Host.Stats.Scans);

        var rescan = await SessionCli.RunAsync(_time, ["scan", "--rescan", .. args]);

        Assert.Equal(ExitCodes.Success, rescan.ExitCode);
        Assert.Contains("found the meter", rescan.Output, StringComparison.Ordinal);
        Assert.Equal(2, sim.Host.Stats.Scans);
    }

    [Fact]
    public async Task A_meter_that_answers_no_scan_of_the_ladder_exits_5()
    {
        // The meter answers only scans of duration 6 or more; the ladder is capped at 5.
        await using var sim = new TcpSimulator(_time, m => m with { MinScanDuration = 6 });

        var run = await SessionCli.RunAsync(_time, ["scan", "--scan-max-duration", "5", .. SessionCli.DeviceArgs(sim, _dir.Path)]);

        Assert.Equal(ExitCodes.MeterNotAnswering, run.ExitCode);
        Assert.Contains("no PAN answered 2 scan(s)", run.Output, StringComparison.Ordinal);
        Assert.Equal(2, sim.Host.Stats.Scans);
        Assert.Empty(Directory.GetFiles(_dir.Path, "pan-*.json"));
        Assert.StartsWith("broute scan: ", run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);
    }
}
