using BRoute.Monitoring;
using BRoute.EchonetLite.Meter;
using BRoute.Storage;
using BRoute.Storage.Writing;

namespace BRoute.Web.BrowserTests;

/// <summary>
/// Fills a store through <see cref="MeterStore"/>'s own API with half-hours the charts can show: every slot of the
/// last <see cref="FullDays"/> JST days up to now, and two consecutive slots a day for the year before (enough for a
/// daily and a monthly total each). One slot of yesterday is "no data": the page must draw it as a gap.
/// </summary>
internal static class StoreFill
{
    public const int FullDays = 40;
    public const int SparseDays = 400;

    /// <summary>Yesterday's slot (0-based, slot end 10:30 JST) stored as "no data".</summary>
    public const int NoDataSlot = 20;

    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    /// <summary>Midnight JST that starts the JST day containing <paramref name="now"/>.</summary>
    public static DateTimeOffset JstMidnight(DateTimeOffset now)
    {
        var local = now.ToOffset(Jst);
        return new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, Jst);
    }

    /// <summary>Import during one slot: a daily shape, so bars differ (0.05 to 0.45 kWh).</summary>
    public static decimal ImportDuring(DateTimeOffset slotEnd) => 0.05m + (decimal)(((slotEnd.ToOffset(Jst).Hour * 7) + (slotEnd.Minute / 30 * 3)) % 9) * 0.05m;

    public static async Task FillAsync(MeterStore store, string meterId, DateTimeOffset now, CancellationToken ct)
    {
        var today = JstMidnight(now);
        var noData = today.AddDays(-1).AddMinutes(30 * (NoDataSlot + 1));
        var register = 1000m;
        for (var day = SparseDays; day >= 0; day--)
        {
            var midnight = today.AddDays(-day);
            for (var slot = 0; slot < 48; slot++)
            {
                var end = midnight.AddMinutes(30 * (slot + 1));
                if (end > now)
                {
                    return;
                }

                register += ImportDuring(end);
                if (day > FullDays && slot is not (23 or 24))
                {
                    continue;
                }

                var import = end == noData ? SlotEnergy.NoData : SlotEnergy.Of(register);
                await store.HalfHours.UpsertAsync(new HalfHour(meterId, end, import, SlotEnergy.Of(0), ValueSource.History), ct);
            }
        }
    }

    /// <summary>
    /// Samples every 10 s over the six hours before <paramref name="until"/> (a household's evening), through a
    /// <see cref="StoreWriter"/> of their own; waits until the store holds every one.
    /// </summary>
    public static async Task SamplesAsync(MeterStore store, string meterId, DateTimeOffset until, CancellationToken ct)
    {
        var last = DateTimeOffset.FromUnixTimeSeconds(until.ToUnixTimeSeconds() / 10 * 10);
        var first = last.AddHours(-6);
        var writer = new StoreWriter(store);
        using var stop = new CancellationTokenSource();
        var writing = writer.RunAsync(stop.Token);
        var posted = 0;
        for (var at = first; at <= last; at = at.AddSeconds(10))
        {
            var phase = (at - first).TotalHours;
            var watts = (int)(350 + (250 * Math.Sin(phase * 1.3)) + (phase > 4 ? 900 : 0) + (at.ToUnixTimeSeconds() / 10 % 7 * 15));
            writer.Post(new MeasurementsEvent(at, [
                new Measurement(meterId, Quantity.Power, watts, ValueStatus.Ok, null, at, ValueSource.Get),
                new Measurement(meterId, Quantity.CurrentR, Math.Round(watts / 200m, 1), ValueStatus.Ok, null, at, ValueSource.Get),
                new Measurement(meterId, Quantity.CurrentT, Math.Round(watts / 250m, 1), ValueStatus.Ok, null, at, ValueSource.Get),
            ]));
            posted++;
        }

        while ((await store.Samples.RangeAsync(meterId, first, last, ct)).Count < posted)
        {
            await Task.Delay(20, ct);
        }

        await stop.CancelAsync();
        await writing;
    }
}
