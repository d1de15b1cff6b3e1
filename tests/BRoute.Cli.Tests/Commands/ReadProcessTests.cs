using System.Text.Json;
using BRoute.Cli.Tests.Support;

namespace BRoute.Cli.Tests.Commands;

/// <summary>
/// Two real processes: <c>broute simulate --pty</c> and <c>broute read --device PTY --json</c>, exactly as a user
/// runs them (the serial driver on a pseudo-terminal, the system clock, signal handling).
/// </summary>
[Collection(SimulatorCollection.Name)]
public sealed class ReadProcessTests
{
    [Fact]
    public async Task Read_json_through_a_pty_served_by_another_broute_process()
    {
        Assert.True(OperatingSystem.IsLinux(), "pseudo-terminals are tested on Linux");
        using var dir = new TempDirectory();
        var link = dir.File("ttyBROUTE");
        using var simulator = BrouteProcess.Start("simulate", "--pty", link, "--latency-scale", "0", "--constant-load", "1500", "--energy-kwh", "1234.5", "--id", Planted.Id, "--password", Planted.Password);
        try
        {
            await simulator.WaitForLineAsync("pty: ");

            using var read = BrouteProcess.Start("read", "--device", link, "--json", "--id", Planted.Id, "--password", Planted.Password, "--state-dir", dir.Path, "E7", "E0", "D3", "E1");
            var code = await read.WaitForExitAsync();

            Assert.True(code == 0, $"exit code {code}:\n{read.Output}");
            var json = Assert.Single(read.Output.Split('\n'), l => l.StartsWith('{'));
            using var document = JsonDocument.Parse(json);
            Assert.Equal(link, document.RootElement.GetProperty("meter").GetProperty("device").GetString());
            var values = document.RootElement.GetProperty("properties").EnumerateArray().ToDictionary(p => p.GetProperty("epc").GetString()!, p => p.GetProperty("value"));
            Assert.Equal(1500, values["0xE7"].GetInt32());
            Assert.InRange(values["0xE0"].GetDecimal(), 1234.5m, 1234.6m); // plus what 1.5 kW added since the start
            Assert.Equal(1, values["0xD3"].GetInt32());
            Assert.Equal(0.1m, values["0xE1"].GetDecimal());
            Planted.AssertAbsent(read.Output);
        }
        finally
        {
            simulator.Terminate();
            Assert.Equal(BrouteProcess.Interrupted, await simulator.WaitForExitAsync());
        }

        Planted.AssertAbsent(simulator.Output);
        Assert.False(File.Exists(link), "the simulator removes its link on SIGTERM");
    }
}
