using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;
using BRoute.Session;

namespace BRoute.Tests.Monitoring;

public sealed class HalfHourMappingHistoryTests
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);
    private static readonly EnergyScale Scale = new(1m, 0x01); // 0.1 kWh per count

    private static HistorySlot[] Slots(DateTimeOffset midnight, Func<int, uint> raw) =>
        [.. Enumerable.Range(0, 48).Select(k => new HistorySlot(midnight.AddMinutes(30 * k), EnergyReading.FromRaw(raw(k), Scale)))];

    [Fact]
    public void A_day_of_e2_and_e4_becomes_48_half_hours_in_jst_and_no_data_stays_a_state()
    {
        var midnight = new DateTimeOffset(2026, 1, 13, 15, 0, 0, TimeSpan.Zero); // 2026-01-14 00:00 JST
        var day = new DayHistory(new DateOnly(2026, 1, 14), DayHistoryStatus.Complete,
            Slots(midnight, k => k == 47 ? MeterLimits.EnergyNoData : 79_300u + (uint)k), Slots(midnight, k => (uint)k), 1, null);

        var halfHours = HalfHourMapping.FromDayHistory("001C640000A1B2C3", day);

        Assert.Equal(48, halfHours.Count);
        Assert.Equal(new HalfHour("001C640000A1B2C3", new DateTimeOffset(2026, 1, 14, 0, 30, 0, Jst), SlotEnergy.Of(7930.1m), SlotEnergy.Of(0.1m), ValueSource.History), halfHours[1]);
        Assert.Equal(Jst, halfHours[0].SlotEnd.Offset);
        Assert.Equal(SlotEnergy.NoData, halfHours[47].Import);
        Assert.Null(halfHours[47].Import.Kwh);
        Assert.Empty(HalfHourMapping.FromDayHistory("m", day with { Status = DayHistoryStatus.Failed }));
        Assert.All(HalfHourMapping.FromDayHistory("m", day with { Reverse = null }), h => Assert.True(h.Export.IsAbsent));
        Assert.Throws<ArgumentException>(() => HalfHourMapping.FromDayHistory("m", day with { Reverse = Slots(midnight, k => 1)[..47] }));
    }

    [Fact]
    public void A_count_without_a_known_unit_is_not_kwh()
    {
        var midnight = new DateTimeOffset(2026, 1, 14, 0, 0, 0, Jst);
        var raw = new DayHistory(new DateOnly(2026, 1, 14), DayHistoryStatus.Complete,
            [.. Enumerable.Range(0, 48).Select(k => new HistorySlot(midnight.AddMinutes(30 * k), EnergyReading.FromRaw(5, EnergyScale.Unknown)))], null, 1, null);

        Assert.All(HalfHourMapping.FromDayHistory("m", raw), h => Assert.True(h.Import.IsAbsent));
    }

    [Fact]
    public void Ec_slots_go_back_from_the_ed_date_time()
    {
        // 2020-03-14 08:30, two slots: (86534, 10) then (86530, no data).
        var ec = MeterPropertyDecoder.Decode(PropertyCatalog.SmartMeterClass, new EchonetProperty(0xEC, Convert.FromHexString("07E4030E081E02" + "000152060000000A" + "00015202FFFFFFFE")), Scale);

        var halfHours = HalfHourMapping.FromRecentHalfHours("m", ec);

        Assert.Equal(
            [
                new HalfHour("m", new DateTimeOffset(2020, 3, 14, 8, 30, 0, Jst), SlotEnergy.Of(8653.4m), SlotEnergy.Of(1.0m), ValueSource.History),
                new HalfHour("m", new DateTimeOffset(2020, 3, 14, 8, 0, 0, Jst), SlotEnergy.Of(8653.0m), SlotEnergy.NoData, ValueSource.History),
            ],
            halfHours);

        // The never-set default EC gives nothing.
        var unset = MeterPropertyDecoder.Decode(PropertyCatalog.SmartMeterClass, new EchonetProperty(0xEC, Convert.FromHexString("FFFFFFFFFFFF01FFFFFFFEFFFFFFFE")), Scale);
        Assert.Empty(HalfHourMapping.FromRecentHalfHours("m", unset));
    }

    [Theory]
    [InlineData(100.0, 100.6, null, 0.6)]
    [InlineData(99_999.8, 0.3, 100_000.0, 0.5)]
    [InlineData(99_999.8, 0.3, null, null)]
    [InlineData(5.0, 5.0, 100_000.0, 0.0)]
    public void The_energy_of_a_half_hour_crosses_the_wrap_only_when_it_is_known(double before, double after, double? wrap, double? expected) =>
        Assert.Equal((decimal?)expected, HalfHourConsumption.Between(SlotEnergy.Of((decimal)before), SlotEnergy.Of((decimal)after), (decimal?)wrap));

    [Fact]
    public void No_data_has_no_consumption_and_slots_must_be_neighbours()
    {
        Assert.Null(HalfHourConsumption.Between(SlotEnergy.NoData, SlotEnergy.Of(1m), null));
        Assert.Null(HalfHourConsumption.Between(SlotEnergy.Of(1m), SlotEnergy.Absent, null));
        var at = new DateTimeOffset(2026, 1, 14, 0, 0, 0, Jst);
        var a = new HalfHour("m", at, SlotEnergy.Of(1m), SlotEnergy.Of(2m), ValueSource.History);
        Assert.Equal((0.5m, 0m), HalfHourConsumption.Of(a, a with { SlotEnd = at.AddMinutes(30), Import = SlotEnergy.Of(1.5m) }, null));
        Assert.Throws<ArgumentException>(() => HalfHourConsumption.Of(a, a with { SlotEnd = at.AddHours(1) }, null));
    }
}
