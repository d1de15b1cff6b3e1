using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;

namespace BRoute.Storage.Tests.Support;

/// <summary>Meters, half-hours and events for store tests.</summary>
internal static class Samples
{
    public const string MeterId = "001C640000A1B2C3";

    public static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    /// <summary>A slot end: 2026-01-15 00:00 JST plus <paramref name="slots"/> half-hours.</summary>
    public static DateTimeOffset Slot(int slots) => new DateTimeOffset(2026, 1, 15, 0, 0, 0, Jst).AddMinutes(30 * slots);

    /// <summary>Six digits of 0.1 kWh, coefficient 1: registers wrap at 100,000 kWh.</summary>
    public static MeterIdentity Meter(string id = MeterId, byte? digits = 6, decimal? unit = 0.1m, uint? coefficient = 1)
        => new(id, "000016", "SN12345", "Appendix F", coefficient, unit, digits, MeasuresExport: true, SinglePhaseTwoWire: false);

    public static HalfHour HalfHour(int slot, decimal? import, decimal? export = null, ValueSource source = ValueSource.Notification, string meter = MeterId)
        => new(meter, Slot(slot), import is decimal i ? SlotEnergy.Of(i) : SlotEnergy.Absent, export is decimal e ? SlotEnergy.Of(e) : SlotEnergy.Absent, source);

    public static HalfHour NoData(int slot, ValueSource source = ValueSource.History, string meter = MeterId)
        => new(meter, Slot(slot), SlotEnergy.NoData, SlotEnergy.NoData, source);

    public static MeasurementsEvent Sample(DateTimeOffset at, decimal power, decimal currentR, decimal currentT, string meter = MeterId)
        => new(at, [
            new Measurement(meter, Quantity.Power, power, ValueStatus.Ok, null, at, ValueSource.Get),
            new Measurement(meter, Quantity.CurrentR, currentR, ValueStatus.Ok, null, at, ValueSource.Get),
            new Measurement(meter, Quantity.CurrentT, currentT, ValueStatus.Ok, null, at, ValueSource.Get),
        ]);
}
