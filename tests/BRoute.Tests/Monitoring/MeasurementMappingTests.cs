using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;

namespace BRoute.Tests.Monitoring;

/// <summary>Get → Measurement with the seed trace's Get_Res values (seed-trace-decoded.md) and the meter's special codes.</summary>
public sealed class MeasurementMappingTests
{
    private const string Meter = "00808700301224EF";
    private static readonly DateTimeOffset At = new(2020, 3, 14, 8, 31, 0, TimeSpan.FromHours(9));
    private static readonly EnergyScale Scale = new(1, 0x01); // D3 = 1, E1 = 0x01: 0.1 kWh per count

    [Theory]
    [InlineData(0xE7, "00000274", Quantity.Power, "628")]
    [InlineData(0xE0, "00015208", Quantity.ImportEnergy, "8653.6")]
    [InlineData(0xE3, "0000000A", Quantity.ExportEnergy, "1.0")]
    public void Seed_values_become_numbers_in_the_fixed_unit(byte epc, string edt, Quantity quantity, string value)
    {
        var m = Assert.Single(Map(epc, edt));
        Assert.Equal(new Measurement(Meter, quantity, decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), ValueStatus.Ok, null, At, ValueSource.Get), m);
    }

    [Fact]
    public void E8_gives_both_phases_and_a_two_wire_meters_phase_t_is_not_supported()
    {
        Assert.Equal([(Quantity.CurrentR, 5.0m, ValueStatus.Ok), (Quantity.CurrentT, 2.0m, ValueStatus.Ok)], Map(0xE8, "00320014").Select(m => (m.Quantity, m.Value, m.Status)));
        Assert.Equal([(Quantity.CurrentR, 5.0m, ValueStatus.Ok), (Quantity.CurrentT, (decimal?)null, ValueStatus.NotSupported)], Map(0xE8, "00327FFE").Select(m => (m.Quantity, m.Value, m.Status)));
        Assert.Equal([(Quantity.CurrentR, (decimal?)null, ValueStatus.NoData), (Quantity.CurrentT, (decimal?)null, ValueStatus.NoData)], Map(0xE8, "7FFE7FFE").Select(m => (m.Quantity, m.Value, m.Status)));
    }

    [Theory]
    [InlineData(0xE7, "7FFFFFFE")]
    [InlineData(0xE0, "FFFFFFFE")]
    [InlineData(0xE3, "FFFFFFFE")]
    public void No_data_is_never_a_number(byte epc, string edt)
    {
        var m = Assert.Single(Map(epc, edt));
        Assert.Equal(ValueStatus.NoData, m.Status);
        Assert.Null(m.Value);
        Assert.False(m.HasValue);
    }

    [Fact]
    public void Not_supported_stays_not_supported()
    {
        var m = Assert.Single(MeasurementMapping.FromProperty(Meter, DecodedProperty.NotSupported(PropertyCatalog.SmartMeterClass, 0xE3), At, ValueSource.Get));
        Assert.Equal((Quantity.ExportEnergy, ValueStatus.NotSupported, (decimal?)null), (m.Quantity, m.Status, m.Value));
    }

    [Fact]
    public void D0_gives_both_one_minute_registers_with_the_meters_minute()
    {
        // 2026-01-15 10:15:00, normal 80000 counts, reverse no data.
        var list = Map(0xD0, "07EA010F0A0F0000013880FFFFFFFE");
        var minute = new DateTimeOffset(2026, 1, 15, 10, 15, 0, TimeSpan.FromHours(9));
        Assert.Equal(
            [
                new Measurement(Meter, Quantity.OneMinuteImportEnergy, 8000.0m, ValueStatus.Ok, minute, At, ValueSource.Get),
                new Measurement(Meter, Quantity.OneMinuteExportEnergy, null, ValueStatus.NoData, minute, At, ValueSource.Get),
            ],
            list);
    }

    [Fact]
    public void An_energy_of_unknown_unit_and_undecodable_bytes_give_no_measurement()
    {
        Assert.Empty(Map(0xE0, "00015208", EnergyScale.Unknown));
        Assert.Empty(Map(0xE7, "7FFFFFFF")); // overflow code: a decode error, not a value
    }

    [Fact]
    public void The_quantities_have_their_fixed_units()
    {
        Assert.Equal(MeasurementUnit.Watt, Quantity.Power.Unit());
        Assert.Equal(MeasurementUnit.Ampere, Quantity.CurrentT.Unit());
        Assert.Equal(MeasurementUnit.KilowattHour, Quantity.OneMinuteExportEnergy.Unit());
    }

    private static List<Measurement> Map(byte epc, string edt, EnergyScale? scale = null) =>
        [.. MeasurementMapping.FromProperty(
            Meter,
            MeterPropertyDecoder.Decode(PropertyCatalog.SmartMeterClass, new EchonetProperty(epc, Convert.FromHexString(edt)), scale ?? Scale),
            At,
            ValueSource.Get)];
}
