using BRoute.Cli.Tests.Support;
using BRoute.Simulator.Truth;

namespace BRoute.Cli.Tests;

/// <summary>
/// <c>broute simulate --state S --truth T</c> run twice in sequence as real processes, like a dongle unplugged and
/// plugged in again: the second run continues the first one's meter (its clock went on while it was stopped), keeps
/// the truth file's lines and appends only later slots, and the state file is written once.
/// </summary>
public sealed class SimulateTruthProcessTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static string[] Args(string state, string truth) =>
        ["simulate", "--tcp", "127.0.0.1:0", "--state", state, "--truth", truth, "--time-scale", "600", "--start", "2026-11-27T19:10:00+09:00",
         "--seed", "4", "--constant-load", "628", "--coefficient", "3", "--unit", "02", "--latency-scale", "0"];

    private static List<TruthSlot> Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => TruthSlot.TryParse(l)).OfType<TruthSlot>().ToList();
    }

    private static async Task<List<TruthSlot>> WaitForSlotsAsync(string path, Func<List<TruthSlot>, bool> enough)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            var slots = File.Exists(path) ? Read(path) : [];
            if (enough(slots))
            {
                return slots;
            }

            await Task.Delay(100, timeout.Token); // polling a file another process writes; bounded by the timeout
        }
    }

    [Fact]
    public async Task A_restarted_simulator_continues_the_same_meter_and_its_truth_file()
    {
        var dir = Directory.CreateTempSubdirectory("broute-truth-");
        try
        {
            var state = Path.Combine(dir.FullName, "meter-state.json");
            var truth = Path.Combine(dir.FullName, "truth.jsonl");

            List<TruthSlot> first;
            using (var run = BrouteProcess.Start(Args(state, truth)))
            {
                await run.WaitForLineAsync("tcp: listening on ");
                first = await WaitForSlotsAsync(truth, s => s.Count > 0 && s[^1].SlotEnd >= new DateTimeOffset(2026, 11, 27, 19, 30, 0, TimeSpan.FromHours(9)));
                run.Terminate();
                Assert.Equal(BrouteProcess.Interrupted, await run.WaitForExitAsync());
            }

            first = Read(truth);
            var stateText = await File.ReadAllTextAsync(state);
            Assert.Equal(new DateTimeOffset(2026, 8, 19, 0, 0, 0, TimeSpan.FromHours(9)), first[0].SlotEnd); // the history it holds at start

            using (var run = BrouteProcess.Start(Args(state, truth)))
            {
                Assert.Contains("clock 2026-11-27 19:10:00 +09:00 x600", await run.WaitForLineAsync("  clock "), StringComparison.Ordinal);
                var continuing = await run.WaitForLineAsync("  continuing the meter of ");
                Assert.True(DateTimeOffset.Parse(continuing[(continuing.IndexOf("reads ", StringComparison.Ordinal) + 6)..], System.Globalization.CultureInfo.InvariantCulture) > first[^1].SlotEnd, continuing);
                var second = await WaitForSlotsAsync(truth, s => s.Count > first.Count + 1);
                run.Terminate();
                await run.WaitForExitAsync();

                Assert.Equal(first, second.Take(first.Count));                                  // the first run's lines kept
                Assert.Equal(second.Count, second.Select(s => s.SlotEnd).Distinct().Count());   // no slot twice
                Assert.All(second.Zip(second.Skip(1)), p => Assert.Equal(TimeSpan.FromMinutes(30), p.Second.SlotEnd - p.First.SlotEnd));
                Assert.All(second.Zip(second.Skip(1)), p => Assert.True(p.Second.ImportKwh >= p.First.ImportKwh));
            }

            Assert.Equal(stateText, await File.ReadAllTextAsync(state)); // written once, when the meter was new
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
