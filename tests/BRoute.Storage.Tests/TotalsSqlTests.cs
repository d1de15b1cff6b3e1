using BRoute.Storage.Tests.Support;

namespace BRoute.Storage.Tests;

/// <summary>
/// The daily and monthly totals SQLite sums (meters whose unit is a multiple of 10^-4 kWh) against the decimal sums
/// of the rows (a meter whose unit is finer takes that path), and the day sums kept between requests.
/// </summary>
public sealed class TotalsSqlTests : IDisposable
{
    private const string Fine = "001C640000FFFFFF"; // E1 0.00001 kWh, 10 digits: the same wrap (100,000 kWh), summed in decimal
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateOnly Day1 = new(2026, 1, 15);
    private readonly StoreFixture _f = new();

    public void Dispose() => _f.Dispose();

    private MeterStore Store => _f.Store;

    [Fact]
    public async Task A_wrap_counts_its_true_consumption_and_a_missing_or_no_data_slot_is_left_out_not_zero()
    {
        await Store.Meters.UpsertAsync(Samples.Meter(), Ct); // 6 digits of 0.1 kWh: wraps at 100,000 kWh
        // Slot 0 (01-14 24:00) at 99,990 kWh, then +1.5 kWh a slot: slot 7 passes 100,000 and reads 0.5.
        for (var i = 0; i <= 48; i++)
        {
            if (i == 20)
            {
                continue; // missing: slots 20 and 21 have no delta
            }

            await Store.HalfHours.UpsertAsync(
                i == 30 ? Samples.NoData(30) : Samples.HalfHour(i, (99_990m + (1.5m * i)) % 100_000m, 2m + (0.2m * i)),
                Ct);
        }

        var days = await Store.Totals.DailyAsync(Samples.MeterId, Day1, Day1.AddDays(1), Ct);

        Assert.Equal(44, days[0].ImportSlots);          // 48 − (20, 21) − (30, 31)
        Assert.Equal(66.0m, days[0].ImportKwh);          // 44 × 1.5, the wrap's slot included
        Assert.Equal(8.8m, days[0].ExportKwh);           // 44 × 0.2
        Assert.False(days[0].ImportComplete);
        Assert.Equal(0, days[1].ImportSlots);            // 01-16: nothing stored
        Assert.Null(days[1].ImportKwh);                  // a gap, not zero
        Assert.Null(days[1].ExportKwh);
        var month = Assert.Single(await Store.Totals.MonthlyAsync(Samples.MeterId, Day1, Day1, Ct));
        Assert.Equal(66.0m, month.ImportKwh);
        Assert.Equal(44, month.ImportSlots);
    }

    [Fact]
    public async Task SQL_sums_equal_the_decimal_sums_of_the_rows_over_gaps_no_data_and_wraps()
    {
        await Store.Meters.UpsertAsync(Samples.Meter(), Ct);
        await Store.Meters.UpsertAsync(Samples.Meter(Fine, digits: 10, unit: 0.00001m), Ct);
        var random = new Random(12);
        var import = 99_000.0m;
        var export = 50.0m;
        for (var i = 0; i < 48 * 20; i++)
        {
            import = (import + (random.Next(0, 40) * 0.1m)) % 100_000m;
            export += random.Next(0, 3) * 0.1m;
            var roll = random.Next(20);
            if (roll == 0)
            {
                continue; // missing
            }

            foreach (var meter in new[] { Samples.MeterId, Fine })
            {
                await Store.HalfHours.UpsertAsync(
                    roll == 1 ? Samples.NoData(i, meter: meter) : Samples.HalfHour(i, import, roll == 2 ? null : export, meter: meter),
                    Ct);
            }
        }

        var sql = await Store.Totals.DailyAsync(Samples.MeterId, Day1.AddDays(-1), Day1.AddDays(20), Ct);
        var rows = await Store.Totals.DailyAsync(Fine, Day1.AddDays(-1), Day1.AddDays(20), Ct);

        Assert.Equal(rows, sql);
        Assert.Contains(sql, d => d.ImportSlots is > 0 and < 48);
        var months = await Store.Totals.MonthlyAsync(Samples.MeterId, Day1, Day1.AddDays(20), Ct);
        Assert.Equal(await Store.Totals.MonthlyAsync(Fine, Day1, Day1.AddDays(20), Ct), months);
        Assert.Equal(sql.Where(d => d.Start.Month == 1 && d.ImportKwh is not null).Sum(d => d.ImportKwh!.Value), months[0].ImportKwh);
    }

    [Fact]
    public async Task Day_sums_kept_between_requests_follow_a_backfilled_slot_into_its_own_day_and_the_next()
    {
        await Store.Meters.UpsertAsync(Samples.Meter(), Ct);
        for (var i = 0; i <= 50; i++)
        {
            if (i is not 48)
            {
                await Store.HalfHours.UpsertAsync(Samples.HalfHour(i, 100m + i, 1m), Ct);
            }
        }

        var before = await Store.Totals.DailyAsync(Samples.MeterId, Day1, Day1.AddDays(1), Ct);
        Assert.Equal([47, 1], before.Select(d => d.ImportSlots)); // slot 48 (24:00) missing: its delta and slot 49's

        await Store.HalfHours.UpsertAsync(Samples.HalfHour(48, 148m, 1m, BRoute.Monitoring.ValueSource.History), Ct);
        var after = await Store.Totals.DailyAsync(Samples.MeterId, Day1, Day1.AddDays(1), Ct);

        Assert.Equal([48, 2], after.Select(d => d.ImportSlots));
        Assert.Equal([48m, 2m], after.Select(d => d.ImportKwh!.Value));
    }
}
