using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;
using BRoute.Notifications;
using BRoute.Session;

namespace BRoute.Tests.Monitoring;

/// <summary>EA/EB from a Get and from the meter's INF → one HalfHour per slot (seed-trace-decoded.md values).</summary>
public sealed class HalfHourMappingTests
{
    private const string Meter = "00808700301224EF";
    private static readonly EnergyScale Scale = new(1, 0x01);
    private static readonly DateTimeOffset Slot = new(2020, 3, 14, 8, 30, 0, TimeSpan.FromHours(9));

    [Fact]
    public void Ea_and_eb_of_one_get_are_one_half_hour_with_both_directions()
    {
        var ea = Decode(0xEA, "07E4030E081E0000015206");
        var eb = Decode(0xEB, "07E4030E081E000000000A");
        var reading = new MeterReading([0xEA, 0xEB], [ea, eb], [], Slot.AddMinutes(1), Scale);

        var slot = Assert.Single(HalfHourMapping.FromReading(Meter, reading));

        Assert.Equal(new HalfHour(Meter, Slot, SlotEnergy.Of(8653.4m), SlotEnergy.Of(1.0m), ValueSource.Get), slot);
        Assert.Equal(TimeSpan.FromHours(9), slot.SlotEnd.Offset);
    }

    [Fact]
    public void An_inf_with_no_data_for_export_keeps_it_as_no_data_and_an_unreal_date_gives_nothing()
    {
        var notification = new SessionNotification(
            Slot.AddSeconds(20),
            new Eoj(0x02, 0x88, 0x01),
            Esv.Inf,
            1,
            [],
            [
                new FixedTimeEnergyNotification(EnergyDirection.Normal, Slot, 86534),
                new FixedTimeEnergyNotification(EnergyDirection.Reverse, Slot, null),
                new FixedTimeEnergyNotification(EnergyDirection.Normal, null, 1),
            ]);

        var slot = Assert.Single(HalfHourMapping.FromNotification(Meter, notification, Scale));

        Assert.Equal(new HalfHour(Meter, Slot, SlotEnergy.Of(8653.4m), SlotEnergy.NoData, ValueSource.Notification), slot);
    }

    [Fact]
    public void An_ea_alone_leaves_export_absent()
    {
        var reading = new MeterReading([0xEA], [Decode(0xEA, "07E4030E081E0000015206")], [], Slot, Scale);
        var slot = Assert.Single(HalfHourMapping.FromReading(Meter, reading));
        Assert.True(slot.Export.IsAbsent);
    }

    private static DecodedProperty Decode(byte epc, string edt) =>
        MeterPropertyDecoder.Decode(PropertyCatalog.SmartMeterClass, new EchonetProperty(epc, Convert.FromHexString(edt)), Scale);
}
