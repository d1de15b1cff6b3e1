using System.Globalization;
using System.Text;
using System.Text.Json;
using BRoute.Cli.Tests.Support;
using BRoute.Simulator.Truth;

namespace BRoute.Cli.Tests;

/// <summary>
/// Issue 10's test across processes: the real <c>broute run</c> against the real <c>broute simulate --tcp --time-scale 120</c>,
/// the daemon killed with SIGKILL twice while it writes (once in the middle of the 100-day history fill, once while it
/// stores live readings, then kept down across a half-hour boundary) and restarted, then stopped with SIGTERM: every
/// completed half-hour of the meter's history window is in <c>broute export</c> exactly as the simulator's
/// <c>--truth</c> file says, the file passes <c>PRAGMA integrity_check</c>, and the B-route ID and password are in
/// none of the store's bytes, the daemon's output, <c>status</c> or <c>export</c>.
/// </summary>
/// <remarks>
/// The daemon follows the simulated meter's clock (<c>--simulated-clock</c> = the simulator's <c>--state</c> file), as it
/// follows a real meter's: at x120 a half-hour passes every 15 s. The radio is a hundred times faster than real
/// (<c>--latency-scale 0.01</c>), so the 100-day fill takes seconds.
/// </remarks>
public sealed class RunKillRestartProcessTests : IDisposable
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    // A morning: 2 simulated hours (a minute of test) stay within one meter day.
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 10, 0, Jst);

    // The daemon's history window: from 00:00 of the deepest day the meter keeps (today − 99).
    private static readonly DateTimeOffset WindowFrom = new(2026, 8, 20, 0, 0, 0, Jst);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string StorePath => _dir.File("state/broute.db");

    private string TruthPath => _dir.File("truth.jsonl");

    [Fact]
    public async Task Kill_9_and_restart_lose_no_half_hour_and_leave_an_intact_store_without_credentials()
    {
        var daemonOutput = new StringBuilder();
        using var simulator = BrouteProcess.Start(
            "simulate", "--tcp", "127.0.0.1:0", "--time-scale", "120", "--latency-scale", "0.01", "--start", Start.ToString("O", CultureInfo.InvariantCulture),
            "--truth", TruthPath, "--state", _dir.File("meter-state.json"), "--id", Planted.Id, "--password", Planted.Password,
            "--seed", "7", "--solar", "3000", "--coefficient", "3", "--unit", "02");
        var listening = await simulator.WaitForLineAsync("tcp: listening on ");
        var config = _dir.Write("broute.json", JsonSerializer.Serialize(new
        {
            device = "tcp://" + listening["tcp: listening on ".Length..].Trim(),
            id = Planted.Id,
            password = Planted.Password,
            state_dir = _dir.File("state"),
            web = new { enabled = false },
        }), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // 1. Killed in the middle of the history fill.
        await RunDaemonUntilAsync(config, daemonOutput, slots => slots.Count >= 1000, stop: d => d.KillHardAsync());
        Assert.Equal("ok", StoreProbe.IntegrityCheck(StorePath));
        var partial = StoreProbe.SlotEnds(StorePath).Count;
        Assert.True(partial < HistorySlots(), $"the first kill came after the fill ({partial} slots)");

        // 2. Restarted: the fill resumes; killed while live readings are written, once a live half-hour is in.
        var historyEnd = ReadTruth()[^1].SlotEnd; // about the meter's last completed slot by now
        var beforeSecondKill = await RunDaemonUntilAsync(config, daemonOutput, slots => slots.Count > 0 && slots[^1] > historyEnd && IsComplete(slots), stop: d => d.KillHardAsync());
        Assert.Equal("ok", StoreProbe.IntegrityCheck(StorePath));

        // 3. Down while a half-hour ends on the meter.
        var missedWhileDown = await WaitForTruthAsync(t => t[^1].SlotEnd > beforeSecondKill[^1]);

        // 4. Restarted: it fetches what it missed and goes on; stopped as a service manager stops it.
        var final = await RunDaemonUntilAsync(config, daemonOutput, slots => IsComplete(slots) && slots[^1] > missedWhileDown, stop: async d =>
        {
            d.Terminate();
            Assert.Equal(0, await d.WaitForExitAsync());
        });

        Assert.True(IsComplete(final), "a half-hour is missing from the store");
        Assert.Equal("ok", StoreProbe.IntegrityCheck(StorePath));
        await WaitForTruthAsync(t => t[^1].SlotEnd >= final[^1]); // the simulator writes a slot's truth within a second of its end
        var truth = ReadTruth();
        Assert.Equal(WindowFrom.AddDays(-1), truth[0].SlotEnd); // the meter held 100 days at start; the daemon's window is 99 back
        var export = await CliRunAsync("export", "--store", StorePath, "--json", "--from", "2026-08-01", "--to", "2026-12-31");
        Assert.Equal(0, export.ExitCode);
        var exported = export.OutputLines.Select(ExportedSlot.Parse).ToList();

        // Every completed slot of the window up to the last one the daemon stored, none missing, none extra, each to the last digit.
        var expected = truth.Where(t => t.SlotEnd >= WindowFrom && t.SlotEnd <= final[^1]).Select(t => (t.SlotEnd, Import: (decimal?)t.ImportKwh, Export: t.ExportKwh)).ToList();
        Assert.Equal(expected.Count, final.Count(s => s >= WindowFrom));
        Assert.Equal(expected, exported.Where(e => e.SlotEnd >= WindowFrom).Select(e => (e.SlotEnd, Import: e.ImportKwh, Export: e.ExportKwh)).ToList());
        Assert.Contains(exported, e => e.ExportKwh > 0); // the solar panels fed the reverse register: export is compared too, not only zeros
        Assert.Contains(exported, e => e.SlotEnd == missedWhileDown);
        Assert.Contains(exported, e => e.Source != "history"); // live half-hours came in, not only the fill

        var status = await CliRunAsync("status", "--store", StorePath);
        var statusJson = await CliRunAsync("status", "--store", StorePath, "--json");
        Assert.Equal(0, status.ExitCode);
        Assert.Equal(0, statusJson.ExitCode);

        // The link figures the daemon stored as its last session ended: the scan's LQI (the simulated meter's B4,
        // remembered with the PAN since the first run) and the session's requests.
        using (var statusDoc = JsonDocument.Parse(statusJson.Output))
        {
            var link = statusDoc.RootElement.GetProperty("meters")[0].GetProperty("link");
            Assert.Equal(0xB4, link.GetProperty("scan_lqi").GetInt32());
            Assert.True(link.GetProperty("requests").GetInt64() > 0, link.GetRawText());
        }

        Assert.Contains("  link: ", status.Output, StringComparison.Ordinal);
        foreach (var text in new[] { daemonOutput.ToString(), export.Output, export.Error, status.Output, status.Error, statusJson.Output, statusJson.Error, simulator.Output })
        {
            Planted.AssertAbsent(text);
        }

        // (The PAN cache beside it holds the meter's PairID, which the meter beacons to anyone: by design.)
        foreach (var file in Directory.EnumerateFiles(_dir.File("state"), "broute.db*"))
        {
            Planted.AssertAbsent(Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)));
        }

        simulator.Terminate();
        await simulator.WaitForExitAsync();
    }

    /// <summary>The slots of the window when the meter's clock started: 99 days back from 00:00 to today's 10:00.</summary>
    private static int HistorySlots() => (int)((new DateTimeOffset(2026, 11, 27, 10, 0, 0, Jst) - WindowFrom) / TimeSpan.FromMinutes(30)) + 1;

    /// <summary>Every slot from the window's start to the latest one stored, none missing.</summary>
    private static bool IsComplete(IReadOnlyList<DateTimeOffset> slots) =>
        slots.Count > 0 && slots[0] <= WindowFrom && slots.Count(s => s >= WindowFrom) == (int)((slots[^1] - WindowFrom) / TimeSpan.FromMinutes(30)) + 1;

    /// <summary>Runs the daemon until the store satisfies <paramref name="enough"/>, stops it with <paramref name="stop"/>, and returns the store's slots as it stopped.</summary>
    private async Task<IReadOnlyList<DateTimeOffset>> RunDaemonUntilAsync(string config, StringBuilder output, Func<IReadOnlyList<DateTimeOffset>, bool> enough, Func<BrouteProcess, Task> stop)
    {
        using var daemon = BrouteProcess.Start("run", "--config", config, "--simulated-clock", _dir.File("meter-state.json"));
        try
        {
            using var timeout = new CancellationTokenSource(Wait);
            while (true)
            {
                var slots = StoreProbe.SlotEnds(StorePath);
                if (enough(slots))
                {
                    await stop(daemon);
                    return StoreProbe.SlotEnds(StorePath);
                }

                Assert.False(daemon.HasExited, $"the daemon ended by itself:\n{daemon.Output}");
                if (timeout.IsCancellationRequested)
                {
                    Assert.Fail($"the store did not get there within {Wait.TotalSeconds} s ({slots.Count} slots, last {(slots.Count > 0 ? slots[^1].ToString("O", CultureInfo.InvariantCulture) : "none")}):\n{daemon.Output}");
                }

                await Task.Delay(50, CancellationToken.None); // polling a file another process writes; bounded by the timeout
            }
        }
        finally
        {
            output.Append(daemon.Output);
        }
    }

    private async Task<DateTimeOffset> WaitForTruthAsync(Func<List<TruthSlot>, bool> enough)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            var slots = ReadTruth();
            if (enough(slots))
            {
                return slots[^1].SlotEnd;
            }

            await Task.Delay(50, timeout.Token); // polling a file another process writes; bounded by the timeout
        }
    }

    private List<TruthSlot> ReadTruth()
    {
        if (!File.Exists(TruthPath))
        {
            return [];
        }

        using var stream = new FileStream(TruthPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => TruthSlot.TryParse(l)).OfType<TruthSlot>().ToList();
    }

    private static async Task<CliRun> CliRunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Program.RunAsync(args, new CliConsole(new StringReader(string.Empty), output, error));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private sealed record ExportedSlot(DateTimeOffset SlotEnd, decimal? ImportKwh, decimal? ExportKwh, string? Source)
    {
        public static ExportedSlot Parse(string line)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            return new ExportedSlot(
                DateTimeOffset.Parse(root.GetProperty("slot_end").GetString()!, CultureInfo.InvariantCulture),
                root.GetProperty("import_kwh") is { ValueKind: JsonValueKind.Number } i ? i.GetDecimal() : null,
                root.GetProperty("export_kwh") is { ValueKind: JsonValueKind.Number } e ? e.GetDecimal() : null,
                root.GetProperty("source").GetString());
        }
    }
}
