using BRoute.Monitoring;

namespace BRoute.Storage.Tables;

/// <summary>
/// A stored half-hour with its consumption: the registers at the slot end and, where both this slot and the one
/// before hold a kWh, the difference (across the D7 wrap when the meter's <see cref="MeterIdentity.WrapKwh"/> is
/// known). A delta is null across a missing or "no data" neighbour, or a register that went backwards with no known
/// wrap: never a guess.
/// </summary>
/// <param name="MeterId">The meter.</param>
/// <param name="SlotEnd">The slot's end, JST.</param>
/// <param name="Import">Cumulative import at the slot end (kWh, no data, or absent).</param>
/// <param name="Export">Cumulative export at the slot end.</param>
/// <param name="ImportSource">Where the stored import came from; null when absent.</param>
/// <param name="ExportSource">Where the stored export came from; null when absent.</param>
/// <param name="ImportDeltaKwh">Import during the slot; null when it cannot be known.</param>
/// <param name="ExportDeltaKwh">Export during the slot; null when it cannot be known.</param>
/// <param name="FirstStored">When the store first held the slot (store clock).</param>
/// <param name="Updated">When the slot last changed (completion of "no data", the other direction arriving).</param>
/// <param name="Sequence">The meter's change sequence number: grows with every insert or change; the outbox cursor.</param>
public sealed record StoredHalfHour(
    string MeterId,
    DateTimeOffset SlotEnd,
    SlotEnergy Import,
    SlotEnergy Export,
    ValueSource? ImportSource,
    ValueSource? ExportSource,
    decimal? ImportDeltaKwh,
    decimal? ExportDeltaKwh,
    DateTimeOffset FirstStored,
    DateTimeOffset Updated,
    long Sequence)
{
    /// <summary>The one source for a row (the import's, else the export's).</summary>
    public ValueSource? Source => ImportSource ?? ExportSource;
}

/// <summary>Consumption between two consecutive cumulative registers.</summary>
public static class HalfHourDelta
{
    /// <summary>
    /// <paramref name="current"/> − <paramref name="previous"/>, plus <paramref name="wrapKwh"/> when the register
    /// wrapped (went down); null when either is not a kWh, or it went down and the wrap is unknown.
    /// </summary>
    public static decimal? Between(SlotEnergy previous, SlotEnergy current, decimal? wrapKwh) => HalfHourConsumption.Between(previous, current, wrapKwh);
}
