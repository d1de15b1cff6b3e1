using BRoute.Storage.Tests.Support;

namespace BRoute.Storage.Tests;

public sealed class OutboxAndTotalsTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly StoreFixture _f = new();

    public void Dispose() => _f.Dispose();

    private MeterStore Store => _f.Store;

    [Fact]
    public async Task A_publisher_resumes_exactly_after_its_cursor_even_after_reopening_the_store()
    {
        for (var i = 1; i <= 5; i++)
        {
            await Store.HalfHours.UpsertAsync(Samples.HalfHour(i, i), Ct);
        }

        Assert.Equal(0, await Store.Outbox.GetCursorAsync("mqtt", Samples.MeterId, Ct));
        var first = await Store.Outbox.HalfHoursAfterAsync(Samples.MeterId, 0, 3, Ct);
        Assert.Equal([1L, 2L, 3L], first.Select(r => r.Sequence));
        await Store.Outbox.SetCursorAsync("mqtt", Samples.MeterId, first[^1].Sequence, Ct);
        Assert.Equal(2, await Store.Outbox.PendingAsync("mqtt", Samples.MeterId, Ct));

        // A reopened store (daemon restart) gives the same cursor and the rest, plus what came meanwhile.
        using (var reopened = MeterStore.Open(new StoreOptions { Path = _f.Path }, _f.Time))
        {
            await reopened.HalfHours.UpsertAsync(Samples.HalfHour(6, 6m), Ct);
            var cursor = await reopened.Outbox.GetCursorAsync("mqtt", Samples.MeterId, Ct);
            var rest = await reopened.Outbox.HalfHoursAfterAsync(Samples.MeterId, cursor, 100, Ct);
            Assert.Equal([Samples.Slot(4), Samples.Slot(5), Samples.Slot(6)], rest.Select(r => r.SlotEnd));
            Assert.Equal(0, await reopened.Outbox.GetCursorAsync("prometheus", Samples.MeterId, Ct)); // cursors are per consumer
        }
    }

    [Fact]
    public async Task A_backfilled_or_completed_slot_after_the_cursor_is_delivered_once()
    {
        await Store.HalfHours.UpsertAsync(Samples.NoData(1), Ct);
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(3, 3m), Ct);
        await Store.Outbox.SetCursorAsync("mqtt", Samples.MeterId, 2, Ct);

        await Store.HalfHours.UpsertAsync(Samples.HalfHour(2, 2m, source: BRoute.Monitoring.ValueSource.History), Ct); // backfilled
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(1, 1m, source: BRoute.Monitoring.ValueSource.History), Ct); // completes no data
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(3, 3m), Ct);                                                // duplicate: not again

        var pending = await Store.Outbox.HalfHoursAfterAsync(Samples.MeterId, 2, 100, Ct);

        Assert.Equal([Samples.Slot(2), Samples.Slot(1)], pending.Select(r => r.SlotEnd));
        Assert.Equal(1m, pending[1].Import.Kwh);
        Assert.Null(pending[1].ImportDeltaKwh);                             // slot 0 is not stored: no delta for slot 1
        Assert.Equal(1m, pending[0].ImportDeltaKwh);                      // 2 - 1 after the completion
    }

    [Fact]
    public async Task Daily_and_monthly_totals_are_sums_of_known_deltas_over_JST_days()
    {
        await Store.Meters.UpsertAsync(Samples.Meter(), Ct);
        // Slot 0 is 2026-01-15 00:00 JST, the last slot of 01-14. Day 01-15 holds slots 1..48.
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(0, 100m, 10m), Ct);
        for (var i = 1; i <= 48; i++)
        {
            await Store.HalfHours.UpsertAsync(Samples.HalfHour(i, 100m + (0.5m * i), 10m + (0.1m * i)), Ct);
        }

        // Day 01-16: only slots 49..50 stored (2 of 48).
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(49, 124.5m, 14.9m), Ct);
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(50, 125.5m, 15.0m), Ct);

        var days = await Store.Totals.DailyAsync(Samples.MeterId, new DateOnly(2026, 1, 14), new DateOnly(2026, 1, 17), Ct);

        Assert.Equal(4, days.Count);
        Assert.Null(days[0].ImportKwh);                    // 01-14: only its last register, no delta
        Assert.Equal(24m, days[1].ImportKwh);             // 48 × 0.5
        Assert.True(days[1].ImportComplete);
        Assert.Equal(48, days[1].ImportSlots);
        Assert.Equal(1.5m, days[2].ImportKwh);            // 0.5 + 1.0, partial
        Assert.False(days[2].ImportComplete);
        Assert.Equal(2, days[2].ImportSlots);
        Assert.Null(days[3].ImportKwh);
        Assert.Equal(4.8m, days[1].ExportKwh);
        Assert.Equal(0.2m, days[2].ExportKwh);
        var months = await Store.Totals.MonthlyAsync(Samples.MeterId, new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 28), Ct);
        Assert.Equal(2, months.Count);
        Assert.Equal(25.5m, months[0].ImportKwh);
        Assert.Equal(31 * 48, months[0].Slots);
        Assert.Null(months[1].ImportKwh);
    }
}
