using BRoute.EchonetLite.Meter;
using BRoute.History;
using BRoute.Session;

namespace BRoute.Monitoring;

/// <summary>
/// Decoded meter properties (E7, E8, E0, E3, D0) → <see cref="Measurement"/>s in the fixed units. The status is kept:
/// "no data", "unset" and "not supported" never become numbers; E8's phase T on a single-phase two-wire meter
/// (0x7FFE beside a real phase R, meter-0288.md §E8) is <see cref="ValueStatus.NotSupported"/>. A property whose bytes
/// could not be decoded, and an energy whose unit (E1) is unknown (a raw count is not kWh), give no measurement.
/// </summary>
public static class MeasurementMapping
{
    /// <summary>The EPCs this mapping turns into measurements.</summary>
    public static IReadOnlySet<byte> MeasuredEpcs { get; } = new HashSet<byte>
    {
        MeterEpc.InstantaneousPower, MeterEpc.InstantaneousCurrent, MeterEpc.CumulativeEnergyNormal,
        MeterEpc.CumulativeEnergyReverse, MeterEpc.CumulativeEnergyOneMinute,
    };

    /// <summary>Every measurement of a Get's answer, in the order asked (EPCs that are not measurements are skipped).</summary>
    public static IReadOnlyList<Measurement> FromReading(string meterId, MeterReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var list = new List<Measurement>();
        foreach (var property in reading.Properties)
        {
            list.AddRange(FromProperty(meterId, property, reading.ReadAt, ValueSource.Get));
        }

        return list;
    }

    /// <summary>The measurements one property holds: none, one, or two (E8: R and T; D0: import and export).</summary>
    public static IReadOnlyList<Measurement> FromProperty(string meterId, DecodedProperty property, DateTimeOffset readAt, ValueSource source)
    {
        ArgumentException.ThrowIfNullOrEmpty(meterId);
        ArgumentNullException.ThrowIfNull(property);
        if (property.Status is not ValueStatus status || property.ClassCode != PropertyCatalog.SmartMeterClass)
        {
            return [];
        }

        Measurement Of(Quantity q, decimal? value, ValueStatus s, DateTimeOffset? meterTime = null) =>
            new(meterId, q, s == ValueStatus.Ok ? value : null, value is null && s == ValueStatus.Ok ? ValueStatus.NoData : s, meterTime, readAt, source);

        switch (property.Epc)
        {
            case MeterEpc.InstantaneousPower:
                return [Of(Quantity.Power, (property.Value as NumberValue)?.Number, status)];
            case MeterEpc.InstantaneousCurrent:
                if (property.Value is CurrentValue current)
                {
                    // 0x7FFE in phase T beside a measured phase R: a single-phase two-wire meter has no phase T.
                    var tStatus = current.T is null && current.R is not null ? ValueStatus.NotSupported : status;
                    return [Of(Quantity.CurrentR, current.R, status), Of(Quantity.CurrentT, current.T, tStatus)];
                }

                return [Of(Quantity.CurrentR, null, status), Of(Quantity.CurrentT, null, status)];
            case MeterEpc.CumulativeEnergyNormal:
                return Energy(Quantity.ImportEnergy, property, status, Of);
            case MeterEpc.CumulativeEnergyReverse:
                return Energy(Quantity.ExportEnergy, property, status, Of);
            case MeterEpc.CumulativeEnergyOneMinute:
                if (property.Value is OneMinuteEnergyValue minute)
                {
                    var at = new DateTimeOffset(minute.Timestamp, MeterClock.Offset);
                    var list = new List<Measurement>(2);
                    if (minute.Normal.UnitKnown)
                    {
                        list.Add(Of(Quantity.OneMinuteImportEnergy, minute.Normal.Kwh, minute.Normal.Status, at));
                    }

                    if (minute.Reverse.UnitKnown)
                    {
                        list.Add(Of(Quantity.OneMinuteExportEnergy, minute.Reverse.Kwh, minute.Reverse.Status, at));
                    }

                    return list;
                }

                return [Of(Quantity.OneMinuteImportEnergy, null, status), Of(Quantity.OneMinuteExportEnergy, null, status)];
            default:
                return [];
        }
    }

    private static IReadOnlyList<Measurement> Energy(Quantity quantity, DecodedProperty property, ValueStatus status, Func<Quantity, decimal?, ValueStatus, DateTimeOffset?, Measurement> of)
    {
        if (property.Value is EnergyValue energy)
        {
            return energy.Energy.UnitKnown ? [of(quantity, energy.Energy.Kwh, energy.Energy.Status, null)] : [];
        }

        return status == ValueStatus.Ok ? [] : [of(quantity, null, status, null)];
    }
}
