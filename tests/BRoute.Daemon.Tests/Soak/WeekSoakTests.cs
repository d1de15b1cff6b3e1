using System.Collections.Concurrent;
using BRoute.Simulator.Faults;
using BRoute.Soak;
using Xunit.Abstractions;

namespace BRoute.Daemon.Tests.Soak;

/// <summary>
/// Issue 10's week and issue 13's short soak: the whole daemon with its SQLite store, 7 simulated days against the
/// in-memory simulator with lost (10 %), late and duplicated replies, the session expiring every 6 h, a 6-hour dongle
/// outage, an EVENT 32 spell, a daemon restart in the middle and a restart of the simulated dongle (same meter). Every
/// half-hour of the meter's window — the 99 days of history it held at the start and the week — is in the store with the
/// meter's cumulative import and export to the last digit. The harness is <see cref="DaemonSoak"/> (bench/BRoute.Soak,
/// whose 30-day run is a benchmark command).
/// </summary>
[Collection(SoakCollection.Name)]
public sealed class WeekSoakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_week_of_faults_leaves_every_half_hour_of_the_meter_in_the_store_to_the_last_digit()
    {
        var log = new ConcurrentQueue<string>();
        var report = await DaemonSoak.RunAsync(SoakPlan.Week(), log.Enqueue);
        output.WriteLine(report.ToString());
        foreach (var line in log)
        {
            output.WriteLine(line);
        }

        Assert.Empty(report.Missing);
        Assert.Empty(report.Mismatched);
        Assert.True(report.HalfHoursChecked >= (99 + 7) * 48, $"only {report.HalfHoursChecked} half-hours checked");

        // Every fault of the plan happened.
        var faults = report.Faults;
        Assert.True(faults[FaultKind.LostReply] >= 20, $"lost replies {faults[FaultKind.LostReply]}");
        Assert.True(faults[FaultKind.LateReply] >= 5, $"late replies {faults[FaultKind.LateReply]}");
        Assert.True(faults[FaultKind.DuplicateReply] >= 5, $"duplicated replies {faults[FaultKind.DuplicateReply]}");
        Assert.True(faults["sessions-expired"] >= 20, $"session expiries {faults["sessions-expired"]}"); // every 6 h for a week
        Assert.Equal(1, faults[FaultKind.Vanish]);
        Assert.Equal(1, faults[FaultKind.TxLimit]);
        Assert.Equal(1, faults["daemon-restart"]);
        Assert.Equal(1, faults["dongle-restart"]);

        // Managed memory does not grow with the days (the heap after a full collection, first and last day).
        Assert.True(
            report.MemoryLastDay <= (report.MemoryFirstDay * 1.5) + (4 << 20),
            $"managed memory grew from {report.MemoryFirstDay} to {report.MemoryLastDay} bytes");
    }
}

/// <summary>The soak runs alone: its clock moves only while the whole process is quiet.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakCollection
{
    public const string Name = "daemon soak";
}
