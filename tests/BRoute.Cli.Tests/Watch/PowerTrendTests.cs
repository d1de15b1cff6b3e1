using BRoute.Cli.Tests.Output;
using BRoute.Cli.Watch;
using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;

namespace BRoute.Cli.Tests.Watch;

public sealed class PowerTrendTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 15, 8, 30, 0, TimeSpan.FromHours(9));

    private static WatchSample Watts(int second, decimal? watts, decimal? r = null, decimal? t = null) =>
        new(T0.AddSeconds(second), watts, r, t);

    [Fact]
    public void Sparkline_is_scaled_from_the_window_minimum_to_its_maximum()
    {
        var trend = new PowerTrend(8);
        for (var i = 0; i < 8; i++)
        {
            trend.Add(Watts(i, 100 + (i * 100)));
        }

        Assert.Equal("▁▂▃▄▅▆▇█", trend.Sparkline());
        Assert.Equal(100m, trend.Min);
        Assert.Equal(800m, trend.Max);
    }

    [Fact]
    public void The_window_keeps_the_last_n_and_rescales_when_old_extremes_leave()
    {
        var trend = new PowerTrend(3);
        trend.Add(Watts(0, 5000));
        trend.Add(Watts(1, 100));
        trend.Add(Watts(2, 200));
        Assert.Equal("█▁▁", trend.Sparkline());

        trend.Add(Watts(3, 300)); // 5000 leaves the window

        Assert.Equal(3, trend.Count);
        Assert.Equal("▁▅█", trend.Sparkline());
        Assert.Equal(100m, trend.Min);
        Assert.Equal(300m, trend.Max);
    }

    [Fact]
    public void No_data_is_a_gap_and_equal_readings_are_mid_height()
    {
        var trend = new PowerTrend(4);
        trend.Add(Watts(0, 628));
        trend.Add(Watts(1, null));
        trend.Add(Watts(2, 628));

        Assert.Equal("▄ ▄", trend.Sparkline());

        var empty = new PowerTrend(2);
        empty.Add(Watts(0, null));
        Assert.Equal(" ", empty.Sparkline());
        Assert.Null(empty.Min);
    }

    [Fact]
    public void Export_makes_negative_power_and_still_scales()
    {
        var trend = new PowerTrend(3);
        trend.Add(Watts(0, -1500));
        trend.Add(Watts(1, 0));
        trend.Add(Watts(2, 1500));

        Assert.Equal("▁▅█", trend.Sparkline());
        Assert.Equal("08:30:02  1500 W  ▁▅█  min -1500 W  max 1500 W", trend.StatusLine());
    }

    [Fact]
    public void Status_line_shows_time_power_currents_trend_and_range()
    {
        var trend = new PowerTrend();
        Assert.Equal(string.Empty, trend.StatusLine());

        trend.Add(Watts(0, 400, 4.0m, 1.0m));
        trend.Add(Watts(5, 628, 5.0m, 2.0m));

        Assert.Equal("08:30:05  628 W  R 5.0 A  T 2.0 A  ▁█  min 400 W  max 628 W", trend.StatusLine());

        trend.Add(Watts(10, null, 5.0m, null));
        Assert.Equal("08:30:10  no data  R 5.0 A  T -  ▁█   min 400 W  max 628 W", trend.StatusLine());
    }

    [Fact]
    public void Samples_come_from_the_measurements_of_e7_and_e8_with_no_data_as_null()
    {
        var sample = WatchSample.From(T0, Measured(SeedProperties.Status, SeedProperties.Power, SeedProperties.Current));
        Assert.Equal(new WatchSample(T0, 628m, 5.0m, 2.0m), sample);

        var missing = WatchSample.From(T0, Measured(SeedProperties.NoData, SeedProperties.Decode(0xE8, "00327FFE")));
        Assert.Equal(new WatchSample(T0, null, 5.0m, null), missing);

        Assert.Equal(new WatchSample(T0, null, null, null), WatchSample.From(T0, Measured(SeedProperties.Broken)));
    }

    private static List<Measurement> Measured(params DecodedProperty[] properties) =>
        [.. properties.SelectMany(p => MeasurementMapping.FromProperty("001C640000A1B2C3", p, T0, ValueSource.Get))];

    [Fact]
    public void Capacity_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PowerTrend(0));
}
