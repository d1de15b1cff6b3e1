using BRoute.Cli.History;
using BRoute.EchonetLite.Meter;
using BRoute.Session;

namespace BRoute.Cli.Tests.History;

public sealed class HistoryCsvRowFromDayTests
{
    private static readonly EnergyScale Scale = new(1m, 0x01); // 0.1 kWh per count
    private static readonly DateOnly Day = new(2026, 1, 14);
    private static readonly DateTimeOffset Midnight = new(2026, 1, 14, 0, 0, 0, TimeSpan.FromHours(9));

    private static HistorySlot[] Slots(uint first, int count = 48, int noDataAt = -1) =>
        [.. Enumerable.Range(0, count).Select(k => new HistorySlot(Midnight.AddMinutes(30 * k), EnergyReading.FromRaw(k == noDataAt ? MeterLimits.EnergyNoData : first + (uint)k, Scale)))];

    [Fact]
    public void A_complete_day_becomes_48_rows_with_kwh_and_statuses()
    {
        var day = new DayHistory(Day, DayHistoryStatus.Complete, Slots(79300, noDataAt: 47), Slots(10, noDataAt: 3), 1, null);

        var rows = HistoryCsvRow.FromDay(day, Scale);

        Assert.Equal(48, rows.Count);
        Assert.Equal("2026-01-14T00:00:00+09:00,7930.0,1.0,ok\r\n", rows[0].ToCsv());
        Assert.Equal("2026-01-14T01:30:00+09:00,7930.3,,partial\r\n", rows[3].ToCsv());
        Assert.Equal("2026-01-14T23:30:00+09:00,,5.7,partial\r\n", rows[47].ToCsv());
    }

    [Fact]
    public void Without_reverse_metering_the_reverse_column_is_empty()
    {
        var rows = HistoryCsvRow.FromDay(new DayHistory(Day, DayHistoryStatus.Complete, Slots(5, noDataAt: 1), null, 1, null), Scale);

        Assert.Equal("2026-01-14T00:00:00+09:00,0.5,,ok\r\n", rows[0].ToCsv());
        Assert.Equal("2026-01-14T00:30:00+09:00,,,no_data\r\n", rows[1].ToCsv());
    }

    [Theory]
    [InlineData(DayHistoryStatus.Unavailable)]
    [InlineData(DayHistoryStatus.Failed)]
    public void A_day_that_was_not_read_gives_no_rows(DayHistoryStatus status)
    {
        Assert.Empty(HistoryCsvRow.FromDay(new DayHistory(Day, status, [], null, 3, "gone"), Scale));
    }

    [Fact]
    public void Reverse_slots_that_do_not_line_up_are_refused()
    {
        var day = new DayHistory(Day, DayHistoryStatus.Complete, Slots(1), Slots(1, count: 47), 1, null);

        var ex = Assert.Throws<ArgumentException>(() => HistoryCsvRow.FromDay(day, Scale));
        Assert.Contains("48 normal but 47 reverse", ex.Message, StringComparison.Ordinal);
    }
}
