namespace BRoute.Monitoring;

/// <summary>What a <see cref="Measurement"/> measures. Each quantity has one fixed unit (<see cref="QuantityExtensions.Unit"/>).</summary>
public enum Quantity
{
    /// <summary>E7: instantaneous power in W (negative while exporting).</summary>
    Power,

    /// <summary>E8 phase R (or the single phase of a two-wire meter) in A.</summary>
    CurrentR,

    /// <summary>E8 phase T in A; <see cref="BRoute.EchonetLite.Meter.ValueStatus.NotSupported"/> on a single-phase two-wire meter.</summary>
    CurrentT,

    /// <summary>E0: cumulative energy bought from the grid, in kWh.</summary>
    ImportEnergy,

    /// <summary>E3: cumulative energy sold to the grid, in kWh.</summary>
    ExportEnergy,

    /// <summary>D0 (one-minute cumulative), import direction, in kWh; the meter's timestamp is the minute.</summary>
    OneMinuteImportEnergy,

    /// <summary>D0 (one-minute cumulative), export direction, in kWh.</summary>
    OneMinuteExportEnergy,
}

/// <summary>The fixed unit of each <see cref="Quantity"/>.</summary>
public enum MeasurementUnit
{
    /// <summary>Watts.</summary>
    Watt,

    /// <summary>Amperes.</summary>
    Ampere,

    /// <summary>Kilowatt-hours.</summary>
    KilowattHour,
}

/// <summary>Units and stable names of <see cref="Quantity"/>.</summary>
public static class QuantityExtensions
{
    /// <summary>The one unit every output gets this quantity in.</summary>
    public static MeasurementUnit Unit(this Quantity quantity) => quantity switch
    {
        Quantity.Power => MeasurementUnit.Watt,
        Quantity.CurrentR or Quantity.CurrentT => MeasurementUnit.Ampere,
        Quantity.ImportEnergy or Quantity.ExportEnergy or Quantity.OneMinuteImportEnergy or Quantity.OneMinuteExportEnergy => MeasurementUnit.KilowattHour,
        _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "undefined quantity"),
    };

    /// <summary>The unit's symbol: "W", "A", "kWh".</summary>
    public static string Symbol(this MeasurementUnit unit) => unit switch
    {
        MeasurementUnit.Watt => "W",
        MeasurementUnit.Ampere => "A",
        MeasurementUnit.KilowattHour => "kWh",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "undefined unit"),
    };

    /// <summary>A stable snake_case key for stores, topics and metrics: "power", "current_r", "import_energy", ….</summary>
    public static string Key(this Quantity quantity) => quantity switch
    {
        Quantity.Power => "power",
        Quantity.CurrentR => "current_r",
        Quantity.CurrentT => "current_t",
        Quantity.ImportEnergy => "import_energy",
        Quantity.ExportEnergy => "export_energy",
        Quantity.OneMinuteImportEnergy => "one_minute_import_energy",
        Quantity.OneMinuteExportEnergy => "one_minute_export_energy",
        _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "undefined quantity"),
    };

    /// <summary>The quantity of a <see cref="Key"/>, for reading stored rows back.</summary>
    public static bool TryParseKey(string key, out Quantity quantity)
    {
        foreach (var q in Enum.GetValues<Quantity>())
        {
            if (string.Equals(q.Key(), key, StringComparison.Ordinal))
            {
                quantity = q;
                return true;
            }
        }

        quantity = default;
        return false;
    }
}
