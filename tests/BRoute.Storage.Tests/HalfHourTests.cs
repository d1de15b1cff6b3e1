using BRoute.Monitoring;
using BRoute.Storage.Tables;
using BRoute.Storage.Tests.Support;

namespace BRoute.Storage.Tests;

public sealed class HalfHourTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly StoreFixture _f = new();

    public void Dispose() => _f.Dispose();

    private MeterStore Store => _f.Store;

    [Fact]
    public async Task The_same_copy_stored_twice_changes_nothing()
    {
        var first = await Store.HalfHours.UpsertAsync(Samples.HalfHour(1, 1234.5m, 10.1m), Ct);
        _f.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await Store.HalfHours.UpsertAsync(Samples.HalfHour(1, 1234.50m, 10.10m, ValueSource.History), Ct);

        Assert.Equal(new HalfHourWrite(true, false, 0), first);
        Assert.Equal(new HalfHourWrite(false, false, 0), second);
        var row = Assert.Single(await Store.HalfHours.RangeAsync(Samples.MeterId, Samples.Slot(0), Samples.Slot(5), Ct));
        Assert.Equal(SlotEnergy.Of(1234.5m), row.Import);
        Assert.Equal(ValueSource.Notification, row.ImportSource);
        Assert.Equal(row.FirstStored, row.Updated);
        Assert.Equal(1, row.Sequence);
        Assert.Empty(await Store.Events.RangeAsync(null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100), Ct));
    }

    [Fact]
    public async Task A_disagreeing_copy_is_recorded_as_an_event_and_never_overwrites()
    {
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(1, 1234.5m), Ct);
        var result = await Store.HalfHours.UpsertAsync(Samples.HalfHour(1, 1234.6m, source: ValueSource.History), Ct);

        Assert.Equal(new HalfHourWrite(false, false, 1), result);
        var row = Assert.Single(await Store.HalfHours.RangeAsync(Samples.MeterId, Samples.Slot(1), Samples.Slot(1), Ct));
        Assert.Equal(SlotEnergy.Of(1234.5m), row.Import);
        var e = Assert.Single(await Store.Events.RangeAsync(Samples.MeterId, _f.Time.GetUtcNow().AddHours(-1), _f.Time.GetUtcNow(), Ct));
        Assert.Equal(StoreEventKinds.HalfHourConflict, e.Kind);
        Assert.Contains("\"kept\":\"1234.5 kWh\"", e.Detail, StringComparison.Ordinal);
        Assert.Contains("\"other\":\"1234.6 kWh\"", e.Detail, StringComparison.Ordinal);
        Assert.Contains("\"other_source\":\"history\"", e.Detail, StringComparison.Ordinal);
        Assert.Contains("\"seen_by\":\"store\"", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_data_is_completed_by_a_later_real_value_but_a_value_is_not_replaced_by_no_data()
    {
        await Store.HalfHours.UpsertAsync(Samples.NoData(1), Ct);
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(2, 50m), Ct);
        _f.Time.Advance(TimeSpan.FromHours(1));
        var completed = await Store.HalfHours.UpsertAsync(Samples.HalfHour(1, 49.5m, source: ValueSource.Get), Ct);
        var refused = await Store.HalfHours.UpsertAsync(Samples.NoData(2), Ct);

        Assert.True(completed.Changed);
        Assert.Equal(1, refused.Conflicts); // a value then "no data" is a disagreement, kept and recorded
        var rows = await Store.HalfHours.RangeAsync(Samples.MeterId, Samples.Slot(1), Samples.Slot(2), Ct);
        Assert.Equal(SlotEnergy.Of(49.5m), rows[0].Import);
        Assert.Equal(ValueSource.Get, rows[0].ImportSource);
        Assert.True(rows[0].Updated > rows[0].FirstStored);
        Assert.Equal(3, rows[0].Sequence); // the completed row comes again for publishers
        Assert.Equal(SlotEnergy.Of(50m), rows[1].Import);
    }

    [Fact]
    public async Task Export_arriving_in_a_second_copy_fills_the_row()
    {
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(1, 10m), Ct);
        var r = await Store.HalfHours.UpsertAsync(Samples.HalfHour(1, null, 3.2m, ValueSource.Get), Ct);

        Assert.True(r.Changed);
        var row = Assert.Single(await Store.HalfHours.RangeAsync(Samples.MeterId, Samples.Slot(1), Samples.Slot(1), Ct));
        Assert.Equal(SlotEnergy.Of(10m), row.Import);
        Assert.Equal(SlotEnergy.Of(3.2m), row.Export);
        Assert.Equal(ValueSource.Notification, row.ImportSource);
        Assert.Equal(ValueSource.Get, row.ExportSource);
    }

    [Fact]
    public async Task Deltas_cross_the_D7_wrap_and_are_null_across_a_missing_or_no_data_neighbour()
    {
        await Store.Meters.UpsertAsync(Samples.Meter(), Ct); // wraps at 100,000 kWh
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(1, 99_999.8m, 5m), Ct);
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(2, 0.3m, 5.1m), Ct);    // wrapped: 0.5 kWh
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(3, 0.7m, 5.1m), Ct);
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(5, 1.0m, 5.2m), Ct);    // slot 4 missing
        await Store.HalfHours.UpsertAsync(Samples.NoData(6), Ct);
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(7, 1.5m, 5.3m), Ct);    // after no data

        var rows = await Store.HalfHours.RangeAsync(Samples.MeterId, Samples.Slot(1), Samples.Slot(7), Ct);

        Assert.Equal([null, 0.5m, 0.4m, null, null, null], rows.Select(r => r.ImportDeltaKwh));
        Assert.Equal([null, 0.1m, 0m, null, null, null], rows.Select(r => r.ExportDeltaKwh));
    }

    [Fact]
    public async Task A_register_going_down_with_no_known_wrap_gives_no_delta()
    {
        await Store.Meters.UpsertAsync(Samples.Meter(digits: null), Ct);
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(1, 99_999.8m), Ct);
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(2, 0.3m), Ct);

        var rows = await Store.HalfHours.RangeAsync(Samples.MeterId, Samples.Slot(2), Samples.Slot(2), Ct);

        Assert.Null(Assert.Single(rows).ImportDeltaKwh);
    }

    [Fact]
    public async Task The_first_row_of_a_range_gets_its_delta_from_the_slot_before_the_range()
    {
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(1, 10m), Ct);
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(2, 10.25m), Ct);

        var row = Assert.Single(await Store.HalfHours.RangeAsync(Samples.MeterId, Samples.Slot(2), Samples.Slot(2), Ct));

        Assert.Equal(0.25m, row.ImportDeltaKwh);
    }

    [Fact]
    public async Task Gaps_count_and_list_the_missing_slots_and_the_gap_logic_sees_no_data_as_stored()
    {
        foreach (var slot in new[] { 1, 2, 5, 9 })
        {
            await Store.HalfHours.UpsertAsync(Samples.HalfHour(slot, slot), Ct);
        }

        await Store.HalfHours.UpsertAsync(Samples.NoData(6), Ct);
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(7, null, 1m), Ct); // export only: import still missing

        // From a time between slots: the window starts at the next slot end (slot 1).
        var gaps = await Store.HalfHours.GapsAsync(Samples.MeterId, Samples.Slot(0).AddMinutes(10), Samples.Slot(10), Ct);
        var stored = await Store.StoredSlotsAsync(Samples.MeterId, Samples.Slot(0), Samples.Slot(10), Ct);

        Assert.Equal(10, gaps.Expected);
        Assert.Equal(5, gaps.Stored);
        Assert.Equal(1, gaps.NoData);
        Assert.Equal(5, gaps.Missing);
        Assert.Equal(
            [new SlotRange(Samples.Slot(3), Samples.Slot(4), 2), new SlotRange(Samples.Slot(7), Samples.Slot(8), 2), new SlotRange(Samples.Slot(10), Samples.Slot(10), 1)],
            gaps.Ranges);
        Assert.Equal(new[] { 1, 2, 5, 6, 9 }.Select(Samples.Slot).ToHashSet(), stored.ToHashSet());
    }

    [Fact]
    public async Task On_a_meter_that_measures_export_a_slot_without_its_export_is_left_to_the_gap_logic()
    {
        await Store.Meters.UpsertAsync(Samples.Meter() with { MeasuresExport = true }, Ct);
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(1, 10m, 2m), Ct);
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(2, 11m), Ct); // an EA notification without EB
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(3, 12m) with { Export = SlotEnergy.NoData }, Ct);

        var stored = await Store.StoredSlotsAsync(Samples.MeterId, Samples.Slot(0), Samples.Slot(4), Ct);

        Assert.Equal(new[] { 1, 3 }.Select(Samples.Slot).ToHashSet(), stored.ToHashSet());

        await Store.Meters.UpsertAsync(Samples.Meter() with { MeasuresExport = false }, Ct);
        Assert.Equal(new[] { 1, 2, 3 }.Select(Samples.Slot).ToHashSet(), (await Store.StoredSlotsAsync(Samples.MeterId, Samples.Slot(0), Samples.Slot(4), Ct)).ToHashSet());
    }

    [Fact]
    public async Task The_latest_half_hour_is_the_last_slot_with_an_import()
    {
        Assert.Null(await Store.HalfHours.LatestAsync(Samples.MeterId, Ct));
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(3, 3m), Ct);
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(1, 1m), Ct);
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(4, null, 1m), Ct);

        Assert.Equal(Samples.Slot(3), (await Store.HalfHours.LatestAsync(Samples.MeterId, Ct))!.SlotEnd);
    }

    [Fact]
    public async Task Half_hours_of_two_meters_stay_apart()
    {
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(1, 1m), Ct);
        await Store.HalfHours.UpsertAsync(Samples.HalfHour(1, 7m, meter: "001C640000FFFFFF"), Ct);

        Assert.Equal(SlotEnergy.Of(1m), Assert.Single(await Store.HalfHours.RangeAsync(Samples.MeterId, Samples.Slot(1), Samples.Slot(1), Ct)).Import);
        Assert.Equal(SlotEnergy.Of(7m), Assert.Single(await Store.HalfHours.RangeAsync("001C640000FFFFFF", Samples.Slot(1), Samples.Slot(1), Ct)).Import);
        Assert.Equal(2, (await Store.Meters.AllAsync(Ct)).Count);
    }
}
