using BRoute.Cli.Tests.Support;
using BRoute.Simulator.Meter;

namespace BRoute.Cli.Tests.Commands;

/// <summary>
/// Two <c>broute read</c> runs against a meter that drops Gets above 4 EPCs (<c>simulate --max-opc 4 --over-opc drop</c>),
/// sharing a state folder: the second run starts from what the first learned (PAN and capabilities) and reads the
/// seed's 15 properties in at most 4 frames, counted by the simulator.
/// </summary>
[Collection(SimulatorCollection.Name)]
public sealed class RememberedMeterReadTests : IDisposable
{
    private static readonly string[] SeedEpcs = ["80", "D3", "D7", "E0", "E1", "E2", "E3", "E4", "E5", "E7", "E8", "EA", "EB", "EC", "ED"];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_second_read_of_a_drop_meter_sharing_the_state_folder_takes_at_most_four_frames()
    {
        var time = new ScaledTimeProvider(20); // the first run's 20 s probe and the quiet period after SKTERM pass 20 times faster
        await using var sim = new TcpSimulator(time, meter: m => m with { MaxGetOpc = 4, OverOpc = OverOpcBehavior.Drop });

        var first = await SessionCli.RunAsync(time, ["read", "--json", .. SeedEpcs, .. SessionCli.DeviceArgs(sim, _dir.Path)]);
        var firstFrames = sim.Host.Stats.UdpFramesReceived;
        var second = await SessionCli.RunAsync(time, ["read", "--json", .. SeedEpcs, .. SessionCli.DeviceArgs(sim, _dir.Path)]);
        var secondFrames = sim.Host.Stats.UdpFramesReceived - firstFrames;

        Assert.True(first.ExitCode == ExitCodes.Success, first.Error);
        Assert.True(second.ExitCode == ExitCodes.Success, second.Error);
        Assert.True(secondFrames <= 4, $"the second read sent {secondFrames} frames (the first {firstFrames})");
        Assert.True(firstFrames > secondFrames, $"first {firstFrames}, second {secondFrames}");
        Assert.Equal(1, sim.Host.Stats.Scans); // the second run joined the cached PAN
        Assert.Equal(first.Output.Split("\"epc\"").Length, second.Output.Split("\"epc\"").Length);
        Assert.DoesNotContain("\"not_supported\"", second.Output, StringComparison.Ordinal);
        Assert.Contains("\"0xE7\"", second.Output, StringComparison.Ordinal);

        // The state folder holds the PAN and what was learned, never the credentials (the pairing ID, the ID's last 8
        // characters that the meter broadcasts in EPANDESC, is the cache's key check, as before).
        var cache = Directory.GetFiles(_dir.Path, "pan-*.json", SearchOption.AllDirectories).Single();
        var text = await File.ReadAllTextAsync(cache);
        Assert.Contains("\"capabilities\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Planted.Id, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Planted.Password, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(Planted.Password)), text, StringComparison.OrdinalIgnoreCase);
    }
}
