using Microsoft.Extensions.Time.Testing;

namespace BRoute.Cli.Tests.Commands;

/// <summary>The dashboard demo's meter starts at 08:00 JST of the host's JST date, whatever the host's hour.</summary>
public sealed class DemoMorningTests
{
    [Theory]
    [InlineData("2026-12-05T14:56:00Z", "2026-12-05T08:00:00+09:00")] // 23:56 JST: the same JST date, not the next
    [InlineData("2026-12-05T15:01:00Z", "2026-12-06T08:00:00+09:00")] // 00:01 JST of the next day
    [InlineData("2026-12-04T23:30:00Z", "2026-12-05T08:00:00+09:00")] // 08:30 JST
    public void The_meter_clock_starts_in_the_morning_of_todays_JST_date(string host, string expected)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse(host, System.Globalization.CultureInfo.InvariantCulture));
        var start = BRoute.Cli.Commands.DemoCommand.MeterMorning(time);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), start);
        Assert.Equal(TimeSpan.FromHours(9), start.Offset);
    }
}
