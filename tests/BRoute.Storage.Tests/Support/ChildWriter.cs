using BRoute.Monitoring;
using BRoute.Storage.Writing;

namespace BRoute.Storage.Tests.Support;

/// <summary>
/// The child process of the kill -9 test: continues a meter's half-hours from the last stored slot, forever, through a
/// <see cref="StoreWriter"/>, printing "committed N" after each slot is durably written. Slot N holds import
/// <see cref="Import"/>(N) and export <see cref="Export"/>(N), so the parent can check every reported slot.
/// </summary>
internal static class ChildWriter
{
    public static decimal Import(int slot) => 1000m + (0.3m * slot);

    public static decimal Export(int slot) => 0.01m * slot;

    public static async Task RunAsync(string path)
    {
        using var store = MeterStore.Open(new StoreOptions { Path = path, CheckIntegrityOnOpen = true });
        var writer = new StoreWriter(store);
        using var cts = new CancellationTokenSource();
        var loop = writer.RunAsync(cts.Token);
        var latest = await store.HalfHours.LatestAsync(Samples.MeterId, CancellationToken.None);
        var next = latest is null ? 1 : (int)((latest.SlotEnd - Samples.Slot(0)) / TimeSpan.FromMinutes(30)) + 1;
        writer.Post(new MeterIdentifiedEvent(DateTimeOffset.UtcNow, Samples.Meter()));
        for (var slot = next; ; slot++)
        {
            var at = Samples.Slot(slot);
            writer.Post(new HalfHourEvent(at, Samples.HalfHour(slot, Import(slot), Export(slot))));
            for (var s = 0; s < 5; s++)
            {
                writer.Post(Samples.Sample(at.AddSeconds(s * 10), 500 + s, 5.1m, 2.0m));
            }

            if (slot % 7 == 0)
            {
                writer.Post(new StateChangedEvent(at, new MonitorState(Samples.MeterId, MonitorStateKind.Reauthenticating, at, Reason: "EVENT 29")));
            }

            using (var stuck = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            {
                try
                {
                    await writer.WaitIdleAsync(stuck.Token);
                }
                catch (OperationCanceledException)
                {
                    await Console.Error.WriteLineAsync($"slot {slot} not written after 10 s: {writer.Statistics}, loop {loop.Status}");
                    throw;
                }
            }

            Console.WriteLine($"committed {slot}");
            if (loop.IsCompleted)
            {
                await loop; // surfaces a failure
            }
        }
    }
}
