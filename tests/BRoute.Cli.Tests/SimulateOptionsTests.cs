using BRoute.Cli.Tests.Support;

namespace BRoute.Cli.Tests;

/// <summary><c>broute simulate</c> options, checked on the running command (banner, exit codes).</summary>
public sealed class SimulateOptionsTests
{
    [Fact]
    public async Task Options_show_in_the_banner_and_sigterm_stops_the_tcp_server()
    {
        using var p = BrouteProcess.Start("simulate", "--tcp", "127.0.0.1:0", "--family", "rs-wsuha", "--binary", "--channel", "0x3B",
            "--pan-id", "1a2b", "--mac", "0011223344556677", "--seed", "9", "--start", "2026-02-01T12:00:00", "--time-scale", "60",
            "--latency-scale", "0.1", "--faults", "lost-reply=0.1", "--id", "ABCDEFABCDEFABCDEFABCDEFABCDEF12", "--password", "PASSWORD1234");
        var listening = await p.WaitForLineAsync("tcp: listening on 127.0.0.1:");
        Assert.NotEqual("tcp: listening on 127.0.0.1:0", listening);
        var output = p.Output;
        Assert.Contains("RsWsuha (EVER 1.5.2), ERXUDP Binary, seed 9", output, StringComparison.Ordinal);
        Assert.Contains("channel 59 (0x3B), PAN 1A2B, MAC 0011223344556677, IPv6 FE80:0000:0000:0000:0211:2233:4455:6677", output, StringComparison.Ordinal);
        Assert.Contains("clock 2026-02-01 12:00:00 +09:00 x60, latency x0.1, faults on", output, StringComparison.Ordinal);
        Assert.DoesNotContain("PASSWORD1234", output, StringComparison.Ordinal); // given credentials are never printed
        Assert.DoesNotContain("ABCDEFABCDEFABCDEFABCDEFABCDEF12", output, StringComparison.Ordinal);
        p.Terminate();
        Assert.Equal(BrouteProcess.Interrupted, await p.WaitForExitAsync());
    }

    [Theory]
    [InlineData("", "faults none")]
    [InlineData("--faults unanswered-ns=3", "faults on")] // a counted fault alone (was reported as none)
    [InlineData("--faults early-expiry=600", "faults on")]
    public async Task The_banner_says_whether_any_fault_can_fire(string faults, string expected)
    {
        using var p = BrouteProcess.Start(["simulate", "--tcp", "127.0.0.1:0", .. faults.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);
        await p.WaitForLineAsync("tcp: listening on 127.0.0.1:");
        Assert.Contains(expected, p.Output, StringComparison.Ordinal);
        p.Terminate();
        Assert.Equal(BrouteProcess.Interrupted, await p.WaitForExitAsync());
    }

    [Theory]
    [InlineData("--family bp99", "--family")]
    [InlineData("--family auto", "--family must be one of bp35a1, wsr35a1")] // a simulated dongle is a real family
    [InlineData("--channel 61", "--channel")]
    [InlineData("--faults lost-reply=7", "probability")]
    [InlineData("--over-opc maybe", "--over-opc")]
    [InlineData("--start yesterday", "--start")]
    [InlineData("--ascii --binary", "exclude")]
    [InlineData("--family rl7023-ips --binary", "ASCII hex")]
    [InlineData("--id SHORT", "32 characters")]
    public async Task Bad_values_exit_with_the_usage_code_and_a_clear_message(string line, string message)
    {
        using var p = BrouteProcess.Start(["simulate", "--tcp", "127.0.0.1:0", .. line.Split(' ')]);
        Assert.Equal(BrouteProcess.UsageOrInput, await p.WaitForExitAsync());
        Assert.Contains(message, p.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--family bp35c2 --rssi", true)]
    [InlineData("--family bp35c2", false)]
    public void Rssi_sets_sa2_at_power_up(string line, bool expected)
    {
        var options = new BRoute.Cli.Commands.SimulateOptions();
        var command = new System.CommandLine.Command("simulate");
        options.AddTo(command);
        var parse = command.Parse(["--tcp", "127.0.0.1:0", .. line.Split(' ')]);
        Assert.Empty(parse.Errors);
        Assert.Equal(expected, options.Build(parse).ShowRssi);
    }

    [Fact]
    public async Task Pty_or_tcp_is_required()
    {
        using var p = BrouteProcess.Start("simulate");
        Assert.Equal(BrouteProcess.UsageOrInput, await p.WaitForExitAsync());
        Assert.Contains("exactly one of --pty PATH or --tcp HOST:PORT", p.Output, StringComparison.Ordinal);
    }
}
