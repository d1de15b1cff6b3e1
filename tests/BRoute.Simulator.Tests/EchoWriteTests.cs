using BRoute.Simulator.Faults;
using BRoute.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BRoute.Simulator.Tests;

/// <summary>
/// A local command's echo and its answer leave the simulator in one write (a USB-serial bridge hands the host both in
/// one read; some clients take a command's whole answer from the first chunk ending in CR LF), with the module's
/// realistic 5–30 ms answer delay; the split-echo fault writes the echo at once and the answer later, as two writes.
/// </summary>
public sealed class EchoWriteTests
{
    private static async Task<(IReadOnlyList<string> Writes, TimeSpan Elapsed)> ExchangeAsync(string command, int expectedWrites, string? faults = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var host = new SimulatorHost(Sim.Options(latency: 1, faults: faults), time);
        await using var serial = new RecordingSerial();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var serving = host.ServeAsync(serial, stop.Token);
        var start = time.GetUtcNow();

        serial.Send(command);
        while (serial.Writes.Count < expectedWrites && !stop.IsCancellationRequested)
        {
            // Nothing is written before the module's answer delay has passed on the fake clock.
            time.Advance(TimeSpan.FromMilliseconds(1));
            await Task.Delay(1, stop.Token);
        }

        var elapsed = time.GetUtcNow() - start;
        await Task.Delay(20, stop.Token); // a stray extra write would show up here
        serial.Hangup();
        await serving;
        return (serial.Writes, elapsed);
    }

    [Theory]
    [InlineData("SKVER\r\n", "SKVER\r\nEVER 1.2.10\r\nOK\r\n")]
    [InlineData("SKSREG S2 21\r\n", "SKSREG S2 21\r\nOK\r\n")]
    [InlineData("SKINFO\r\n", "SKINFO\r\nEINFO FE80:0000:0000:0000:021D:1290:1234:5678 001D129012345678 21 FFFF FFFE\r\nOK\r\n")]
    [InlineData("SKFOO\r\n", "SKFOO\r\nFAIL ER04\r\n")]
    [InlineData("SKSREG S2 99\r\n", "SKSREG S2 99\r\nFAIL ER06\r\n")]
    [InlineData("ROPT\r", "ROPT\rOK 00\r")]
    [InlineData("SKLL64 001C640000A1B2C3\r\n", "SKLL64 001C640000A1B2C3\r\nFE80:0000:0000:0000:021C:6400:00A1:B2C3\r\n")]
    public async Task Echo_and_answer_are_one_write_after_the_modules_delay(string command, string expected)
    {
        var (writes, elapsed) = await ExchangeAsync(command, 1);

        Assert.Equal([expected], writes);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(31));
    }

    [Fact]
    public async Task A_command_typed_in_pieces_is_still_echoed_with_its_answer_in_one_write()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var host = new SimulatorHost(Sim.Options(latency: 1), time);
        await using var serial = new RecordingSerial();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var serving = host.ServeAsync(serial, stop.Token);

        serial.Send("SKV");
        serial.Send("E");
        serial.Send("R\r\n");
        while (serial.Writes.Count < 1 && !stop.IsCancellationRequested)
        {
            time.Advance(TimeSpan.FromMilliseconds(1));
            await Task.Delay(1, stop.Token);
        }

        await Task.Delay(20, stop.Token);
        serial.Hangup();
        await serving;
        Assert.Equal(["SKVER\r\nEVER 1.2.10\r\nOK\r\n"], serial.Writes);
    }

    [Theory]
    [InlineData("SKVER\r\n", "SKVER\r\n", "EVER 1.2.10\r\nOK\r\n")]
    [InlineData("SKSREG S2 21\r\n", "SKSREG S2 21\r\n", "OK\r\n")]
    [InlineData("SKFOO\r\n", "SKFOO\r\n", "FAIL ER04\r\n")]
    public async Task The_split_echo_fault_writes_the_echo_at_once_and_the_answer_later(string command, string echo, string answer)
    {
        var (writes, elapsed) = await ExchangeAsync(command, 2, $"{FaultKind.SplitEcho}=1");

        Assert.Equal([echo, answer], writes);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(31));
    }

    [Fact]
    public async Task With_echo_off_the_answer_alone_is_one_write()
    {
        var (writes, _) = await ExchangeAsync("SKSREG SFE 0\r\nSKVER\r\n", 2);

        Assert.Equal(["SKSREG SFE 0\r\nOK\r\n", "EVER 1.2.10\r\nOK\r\n"], writes);
    }
}
