using BRoute.EchonetLite.Meter;
using BRoute.Notifications;
using BRoute.Session;
using BRoute.Simulator.Meter;
using BRoute.Tests.Session.Support;

namespace BRoute.Tests.Session;

/// <summary>
/// The session's paths end to end against the simulator with a coefficient ≠ 1 and a unit ≠ 0.1 kWh (issue 13: every
/// seed-trace test has D3 = 1, so a scaling slip could pass them all): live values, a day of history, the 30-minute
/// notification, and D3 at its largest valid value. Expected kWh are computed here from the household model (a constant
/// 628 W from 8000 kWh at the start), not read from the simulator.
/// </summary>
public sealed class ScaledMeterEndToEndTests
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);
    private static readonly DateTimeOffset BeforeHalfPast = new(2026, 1, 15, 10, 29, 0, Jst);

    private static MeterOptions Meter(uint coefficient, byte unit) =>
        new() { Load = LoadModel.Constant, ConstantLoadW = 628, Coefficient = coefficient, Unit = unit, AnchorNormalKwh = 8000m };

    /// <summary>What the meter shows at <paramref name="at"/>: the true kWh floored to whole counts of <paramref name="kwhPerCount"/>.</summary>
    private static decimal Shown(DateTimeOffset anchor, DateTimeOffset at, decimal kwhPerCount)
    {
        var kwh = 8000m + (0.628m * (decimal)(at - anchor).TotalSeconds / 3600m);
        return Math.Floor((kwh / kwhPerCount) + 0.000000001m) * kwhPerCount;
    }

    [Fact]
    public async Task Live_energies_use_coefficient_3_and_unit_0_01()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: Meter(3, 0x02)));
        var session = await h.ConnectAsync();
        Assert.Equal(3u, session.Meter.Coefficient);
        Assert.Equal((byte)0x02, session.Meter.UnitCode);
        Assert.Equal(0.03m, session.Meter.KwhPerCount);

        var reading = await h.RunAsync(() => session.ReadAsync([0xE0, 0xEA, 0xD3, 0xE1]));

        var e0 = Assert.IsType<EnergyValue>(reading[0xE0].Value).Energy;
        Assert.Equal(266_666u, e0.Raw); // ⌊8000 / 0.03⌋
        Assert.Equal(7999.98m, e0.Kwh);
        var ea = Assert.IsType<TimedEnergyValue>(reading[0xEA].Value);
        Assert.Equal(new DateTime(2026, 1, 15, 10, 0, 0), ea.Timestamp);
        Assert.Equal(Shown(SessionHarness.DefaultStart, new DateTimeOffset(ea.Timestamp, Jst), 0.03m), ea.Energy.Kwh);
        Assert.Equal(ea.Energy.Raw * 0.03m, ea.Energy.Kwh);
        Assert.Equal(3m, Assert.IsType<NumberValue>(reading[0xD3].Value).Number);
        Assert.Equal(0.01m, Assert.IsType<NumberValue>(reading[0xE1].Value).Number);
        Assert.False(reading[0xE0].CoefficientAssumed);
    }

    [Fact]
    public async Task A_day_of_history_uses_coefficient_3_and_unit_0_01()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: Meter(3, 0x02)));
        var session = await h.ConnectAsync();

        var day = await h.RunAsync(() => session.ReadDayHistoryAsync(1));

        Assert.Equal(DayHistoryStatus.Complete, day.Status);
        Assert.Equal(48, day.Normal.Count);
        foreach (var slot in day.Normal)
        {
            Assert.Equal(Shown(SessionHarness.DefaultStart, slot.At, 0.03m), slot.Energy.Kwh);
            Assert.Equal(slot.Energy.Raw * 0.03m, slot.Energy.Kwh);
        }

        Assert.True(day.Normal[^1].Energy.Kwh - day.Normal[0].Energy.Kwh is > 14.4m and < 14.8m, "628 W for 23.5 h is 14.758 kWh");
    }

    [Fact]
    public async Task The_half_hour_notification_uses_the_largest_coefficient_and_unit_0_0001()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: Meter(999_999, 0x04) with { AnchorNormalKwh = 8000m }, start: BeforeHalfPast));
        var session = await h.ConnectAsync();
        Assert.Equal(999_999u, session.Meter.Coefficient);
        Assert.Equal(99.9999m, session.Meter.KwhPerCount);
        await using var notifications = session.ReadNotificationsAsync().GetAsyncEnumerator();

        var next = notifications.MoveNextAsync().AsTask();
        await h.AdvanceUntilAsync(() => next.IsCompleted, TimeSpan.FromMinutes(10), "30-minute notification");
        Assert.True(await next);

        var ea = Assert.IsType<TimedEnergyValue>(Assert.Single(notifications.Current.Properties).Value);
        Assert.Equal(new DateTime(2026, 1, 15, 10, 30, 0), ea.Timestamp);
        Assert.Equal(80u, ea.Energy.Raw); // ⌊8000.01 / 99.9999⌋
        Assert.Equal(7999.992m, ea.Energy.Kwh);
        var typed = Assert.IsType<FixedTimeEnergyNotification>(Assert.Single(notifications.Current.Notifications));
        Assert.Equal(80u, typed.Raw);
    }
}
