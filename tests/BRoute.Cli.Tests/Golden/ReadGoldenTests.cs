using BRoute.Cli.Tests.Commands;
using BRoute.EchonetLite.Meter;
using BRoute.Cli.Tests.Support;

namespace BRoute.Cli.Tests.Golden;

/// <summary>
/// The exact bytes of <c>broute read</c> (table, --json, --csv, the default properties) against the simulator (fixed
/// seed, constant load, instant radio) with the wall clock held at one instant, so every meter value and the read time
/// are the same on every run. Only the simulator's free port varies; it is replaced by <c>PORT</c>.
/// </summary>
[Collection(SimulatorCollection.Name)]
public sealed class ReadGoldenTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FrozenWallClock _time = new(ScaledTimeProvider.DefaultStart);

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("read-table", null)]
    [InlineData("read-json", "--json")]
    [InlineData("read-csv", "--csv")]
    public async Task Read_of_the_default_properties_prints_exactly_the_expected_bytes(string name, string? option)
    {
        await using var sim = new TcpSimulator(_time);
        string[] format = option is null ? [] : [option];

        var run = await SessionCli.RunAsync(_time, ["read", .. format, .. SessionCli.DeviceArgs(sim, _dir.Path)]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal(string.Empty, run.Error);
        GoldenFile.AssertMatches($"{name}.out", run.Output.Replace(sim.Device, "tcp://127.0.0.1:PORT", StringComparison.Ordinal));
    }

    /// <summary>
    /// The history properties with data in them (pinned EDTs: day 1 with a few "no data" slots, EC with three slots), in
    /// each format: the cells that hold the long values.
    /// </summary>
    [Theory]
    [InlineData("read-history-table", null)]
    [InlineData("read-history-json", "--json")]
    [InlineData("read-history-csv", "--csv")]
    public async Task Read_of_filled_histories_prints_exactly_the_expected_bytes(string name, string? option)
    {
        await using var sim = new TcpSimulator(_time, m => m with { Pinned = PinnedHistories() });
        string[] format = option is null ? [] : [option];

        var run = await SessionCli.RunAsync(_time, ["read", .. format, "E5", "E2", "E4", "EC", "ED", .. SessionCli.DeviceArgs(sim, _dir.Path)]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal(string.Empty, run.Error);
        GoldenFile.AssertMatches($"{name}.out", run.Output.Replace(sim.Device, "tcp://127.0.0.1:PORT", StringComparison.Ordinal));
    }

    internal static Dictionary<byte, byte[]> PinnedHistories()
    {
        var normal = Enumerable.Range(0, 48).Select(k => k is 7 or 8 ? null : (uint?)(79_000 + (k * 3))).ToArray();
        var reverse = Enumerable.Range(0, 48).Select(k => k == 47 ? null : (uint?)(120 + (k / 20))).ToArray();
        var slot = new DateTime(2026, 1, 15, 10, 0, 0);
        return new Dictionary<byte, byte[]>
        {
            [0xE5] = MeterValueEncoder.HistoryDay(1),
            [0xE2] = MeterValueEncoder.DayHistory(1, normal),
            [0xE4] = MeterValueEncoder.DayHistory(1, reverse),
            [0xEC] = MeterValueEncoder.History2(slot, [new RawEnergyPair(80_001, 130), new RawEnergyPair(79_995, null), new RawEnergyPair(79_990, 129)]),
            [0xED] = MeterValueEncoder.History2Time(slot, 3),
        };
    }

    /// <summary>Wall-clock time stands still at <c>at</c>; timers and elapsed time run as usual.</summary>
    private sealed class FrozenWallClock(DateTimeOffset at) : TimeProvider
    {
        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

        public override DateTimeOffset GetUtcNow() => at.ToUniversalTime();
    }
}
