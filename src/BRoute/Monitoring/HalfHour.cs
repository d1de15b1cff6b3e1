using BRoute.Decoding;
using BRoute.EchonetLite.Meter;

namespace BRoute.Monitoring;

/// <summary>
/// The cumulative energy of one direction at a half-hour boundary, as one source gave it: a kWh value
/// (<see cref="ValueStatus.Ok"/>), the meter's "no data" (<see cref="ValueStatus.NoData"/>, never a number),
/// or not carried by this source at all (<see cref="IsAbsent"/>, e.g. an EA notification says nothing of export).
/// </summary>
public readonly record struct SlotEnergy
{
    private SlotEnergy(ValueStatus? status, decimal? kwh)
    {
        Status = status;
        Kwh = kwh;
    }

    /// <summary>Not carried by this source.</summary>
    public static SlotEnergy Absent => default;

    /// <summary>The meter said it has no value for this slot.</summary>
    public static SlotEnergy NoData => new(ValueStatus.NoData, null);

    /// <summary>The direction is not measured by this meter (no E3/E4/EB).</summary>
    public static SlotEnergy NotSupported => new(ValueStatus.NotSupported, null);

    /// <summary>Ok, no data or not supported; null when <see cref="IsAbsent"/>.</summary>
    public ValueStatus? Status { get; }

    /// <summary>Cumulative kWh (raw × D3 × E1); set exactly when <see cref="Status"/> is Ok.</summary>
    public decimal? Kwh { get; }

    /// <summary>True when this source did not carry the direction.</summary>
    public bool IsAbsent => Status is null;

    /// <summary>A cumulative reading in kWh.</summary>
    public static SlotEnergy Of(decimal kwh) => new(ValueStatus.Ok, kwh);

    /// <summary>From a decoded reading: its kWh, no data, or (unit unknown) absent, since a raw count is not kWh.</summary>
    public static SlotEnergy From(EnergyReading reading) => reading.Status switch
    {
        ValueStatus.NoData => NoData,
        _ when reading.Kwh is decimal kwh => Of(kwh),
        _ => Absent,
    };

    /// <inheritdoc/>
    public override string ToString() => Status switch
    {
        null => "absent",
        ValueStatus.Ok => $"{Kwh} kWh",
        ValueStatus s => s.ToDisplayString(),
    };
}

/// <summary>
/// One half-hour of one meter, whatever the source (EA/EB notification, EA/EB Get, E2/E4 or EC history): the
/// cumulative import and export registers at the end of the slot. Consumption of the slot is the difference to the
/// previous slot (across the D7 wrap), computed by whoever has both.
/// </summary>
/// <param name="MeterId">The meter's identity (<see cref="MeterIdentity.Id"/>).</param>
/// <param name="SlotEnd">The half-hour boundary the registers were taken at, in JST (+09:00), on :00 or :30.</param>
/// <param name="Import">Cumulative import (normal direction, E0's register).</param>
/// <param name="Export">Cumulative export (reverse direction, E3's register).</param>
/// <param name="Source">Where this copy came from.</param>
public sealed record HalfHour(string MeterId, DateTimeOffset SlotEnd, SlotEnergy Import, SlotEnergy Export, ValueSource Source);
