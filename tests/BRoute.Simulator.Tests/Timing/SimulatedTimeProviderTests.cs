using BRoute.Simulator.Hosting;
using BRoute.Simulator.Timing;
using Microsoft.Extensions.Time.Testing;

namespace BRoute.Simulator.Tests.Timing;

/// <summary>A client in another process on the simulated meter's clock (<c>broute run --simulated-clock</c>).</summary>
public sealed class SimulatedTimeProviderTests
{
    private static readonly DateTimeOffset HostStart = new(2026, 12, 5, 13, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset MeterStart = new(2026, 11, 27, 10, 10, 0, TimeSpan.FromHours(9));

    [Fact]
    public void It_reads_the_meters_time_and_measures_elapsed_time_at_the_scale()
    {
        var host = new FakeTimeProvider(HostStart.AddSeconds(5));
        var clock = new SimulatedTimeProvider(MeterStart, HostStart, 120, host);
        var before = clock.GetTimestamp();

        Assert.Equal(MeterStart.AddMinutes(10), clock.GetUtcNow());
        host.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(MeterStart.AddMinutes(40), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromMinutes(30), clock.GetElapsedTime(before));
        Assert.Equal(TimeSpan.Zero, clock.GetUtcNow().Offset);
    }

    [Fact]
    public async Task Its_timers_fire_after_the_scaled_host_time_and_not_before()
    {
        var host = new FakeTimeProvider(HostStart);
        var clock = new SimulatedTimeProvider(MeterStart, HostStart, 120, host);

        var delay = Task.Delay(TimeSpan.FromMinutes(1), clock); // half a host second
        host.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(delay.IsCompleted);
        host.Advance(TimeSpan.FromMilliseconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(10));

        var fired = 0;
        using var timer = clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(120));
        host.Advance(TimeSpan.FromSeconds(3)); // 360 simulated seconds: three periods
        Assert.Equal(3, Volatile.Read(ref fired));
        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        host.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(3, Volatile.Read(ref fired));
    }

    [Fact]
    public void A_frozen_clock_cannot_be_followed()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedTimeProvider(MeterStart, HostStart, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedTimeProvider(MeterStart, HostStart, double.NaN));
    }

    [Fact]
    public void The_clock_read_from_a_state_file_is_the_simulators_own()
    {
        var dir = Directory.CreateTempSubdirectory("broute-simclock-");
        try
        {
            var path = Path.Combine(dir.FullName, "meter.json");
            var host = new FakeTimeProvider(HostStart);
            var options = SimulatorStateFile.LoadOrCreate(path, new SimulatorOptions { Start = MeterStart, TimeScale = 120, LatencyScale = 0 }, HostStart, out _);
            using var simulator = new SimulatorHost(options, host);
            host.Advance(TimeSpan.FromSeconds(42.5));

            var clock = SimulatorStateFile.ReadClock(path, host);

            Assert.Equal(simulator.Clock.Now, clock.GetUtcNow());
            Assert.Equal(MeterStart.AddSeconds(42.5 * 120), clock.GetUtcNow());
            Assert.Equal(120, clock.TimeScale);

            var frozen = Path.Combine(dir.FullName, "frozen.json");
            SimulatorStateFile.LoadOrCreate(frozen, new SimulatorOptions { Start = MeterStart, TimeScale = 0 }, HostStart, out _);
            Assert.Contains("frozen", Assert.Throws<FormatException>(() => SimulatorStateFile.ReadClock(frozen)).Message, StringComparison.Ordinal);
            Assert.Throws<FileNotFoundException>(() => SimulatorStateFile.ReadClock(Path.Combine(dir.FullName, "none.json")));
            File.WriteAllText(path, "{");
            Assert.Contains("not a simulator state", Assert.Throws<FormatException>(() => SimulatorStateFile.ReadClock(path)).Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
