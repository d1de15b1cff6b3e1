using BRoute.Storage.Tables;
using BRoute.Web.Cost;

namespace BRoute.Web.Dashboard;

/// <summary>The store's totals as the API shows them, priced by the tariff when one is configured.</summary>
internal static class Costs
{
    /// <summary>
    /// Days from <paramref name="from"/> on; <paramref name="days"/> starts at the first of <paramref name="from"/>'s month
    /// when a tariff is set, so each day's place in its month's tiers is known (the known kWh of the days before it).
    /// </summary>
    public static List<ApiTotal> Daily(IReadOnlyList<EnergyTotal> days, Tariff? tariff, DateOnly from)
    {
        var list = new List<ApiTotal>(days.Count);
        var monthSoFar = 0m;
        foreach (var day in days)
        {
            if (day.Start.Day == 1)
            {
                monthSoFar = 0;
            }

            decimal? yen = tariff is not null && day.ImportKwh is decimal kwh ? Tariff.Round(tariff.Day(day.Start, monthSoFar, kwh)) : null;
            monthSoFar += day.ImportKwh ?? 0;
            if (day.Start >= from)
            {
                list.Add(Total(day, yen));
            }
        }

        return list;
    }

    /// <summary>Months, each priced whole (basic charge, tiers, adjustments).</summary>
    public static List<ApiTotal> Monthly(IReadOnlyList<EnergyTotal> months, Tariff? tariff)
        => [.. months.Select(m => Total(m, tariff is not null && m.ImportKwh is decimal kwh ? Tariff.Round(tariff.Month(kwh)) : null))];

    private static ApiTotal Total(EnergyTotal t, decimal? yen) => new(t.Start, t.End, t.ImportKwh, t.ExportKwh, t.ImportComplete, t.Slots, t.ImportSlots, yen);
}
