using BRoute.Monitoring;
using BRoute.Storage.Tables;
using BRoute.Storage.Tests.Support;

namespace BRoute.Storage.Tests;

public sealed class RetentionTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly StoreFixture _f = new();

    public void Dispose() => _f.Dispose();

    private MeterStore Store => _f.Store;

    [Fact]
    public async Task Raw_samples_go_after_14_days_minutes_after_2_years_and_half_hours_stay()
    {
        var start = _f.Time.GetUtcNow();
        // 16 days of a sample a minute, plus one minute with six samples to check min/mean/max.
        await Store.WriteAsync(
            scope =>
            {
                var key = scope.MeterKey(Samples.MeterId);
                for (var m = 0; m < 16 * 24 * 60; m++)
                {
                    SampleTable.Upsert(scope, key, start.AddMinutes(m), 1000, 5m, 1m, "get");
                    EnergyReadingTable.Upsert(scope, key, EnergyReadingTable.Register, start.AddMinutes(m), null, 100m + m, null, "get");
                }

                for (var s = 1; s <= 6; s++)
                {
                    SampleTable.Upsert(scope, key, start.AddMinutes(60).AddSeconds(s * 5), s * 100, s, null, "get");
                }

                return 0;
            },
            Ct);
        await Store.HalfHours.UpsertAsync(new HalfHour(Samples.MeterId, start.AddMinutes(30), SlotEnergy.Of(1m), SlotEnergy.Absent, ValueSource.History), Ct);

        _f.Time.Advance(TimeSpan.FromDays(16));
        var report = await Store.RunMaintenanceAsync(_f.Time.GetUtcNow(), Ct);

        Assert.Equal(16 * 24 * 60, report.MinutesAggregated);
        Assert.Equal((2 * 24 * 60) + 6, report.SamplesDeleted); // the first two days (and the six extra samples in them)
        Assert.Equal(2 * 24 * 60, report.EnergyReadingsDeleted);
        Assert.Equal(0, report.MinutesDeleted);
        var now = _f.Time.GetUtcNow();
        Assert.Equal(now.AddDays(-14), (await Store.Samples.RangeAsync(Samples.MeterId, start, now, Ct))[0].At);
        var minute = Assert.Single(await Store.Samples.MinutesAsync(Samples.MeterId, start.AddMinutes(60), start.AddMinutes(60), Ct));
        Assert.Equal(7, minute.Samples);
        Assert.Equal(new MinMeanMax(100, 3100.0 / 7, 1000), minute.PowerW);
        Assert.Equal(new MinMeanMax(1, 26.0 / 7, 6), minute.CurrentRA);
        Assert.Equal(new MinMeanMax(1, 1, 1), minute.CurrentTA); // the six extra samples had no T
        Assert.Equal(16 * 24 * 60, (await Store.Samples.MinutesAsync(Samples.MeterId, start, now, Ct)).Count);

        // A second run finds nothing new to delete and recomputes only the last minutes.
        var again = await Store.RunMaintenanceAsync(now, Ct);
        Assert.Equal(0, again.SamplesDeleted);
        Assert.True(again.MinutesAggregated <= 11, $"recomputed {again.MinutesAggregated} minutes");

        // Two years on: the aggregates of the first days are gone; the half-hour stays forever.
        _f.Time.Advance(TimeSpan.FromDays(731 - 16 + 1));
        var late = await Store.RunMaintenanceAsync(_f.Time.GetUtcNow(), Ct);
        Assert.Equal(24 * 60, late.MinutesDeleted);
        Assert.Equal(15 * 24 * 60, (await Store.Samples.MinutesAsync(Samples.MeterId, start, _f.Time.GetUtcNow(), Ct)).Count);
        Assert.Single(await Store.HalfHours.RangeAsync(Samples.MeterId, start, _f.Time.GetUtcNow(), Ct));
        Assert.Empty(await Store.Samples.RangeAsync(Samples.MeterId, start, _f.Time.GetUtcNow(), Ct));
    }

    [Fact]
    public async Task A_configured_raw_retention_is_honoured()
    {
        using var f = new StoreFixture(new StoreOptions { Path = "unused", RawSampleRetention = TimeSpan.FromDays(1) });
        var start = f.Time.GetUtcNow();
        await f.Store.WriteAsync(
            scope =>
            {
                var key = scope.MeterKey(Samples.MeterId);
                for (var h = 0; h < 48; h++)
                {
                    SampleTable.Upsert(scope, key, start.AddHours(h), h, null, null, "get");
                }

                return 0;
            },
            Ct);

        f.Time.Advance(TimeSpan.FromHours(48));
        var report = await f.Store.RunMaintenanceAsync(f.Time.GetUtcNow(), Ct);

        Assert.Equal(24, report.SamplesDeleted);
        Assert.Equal(48, report.MinutesAggregated);
    }
}
