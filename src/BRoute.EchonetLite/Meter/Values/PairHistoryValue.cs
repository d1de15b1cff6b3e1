namespace BRoute.EchonetLite.Meter;

/// <summary>One slot of EC/EE: normal and reverse readings at one time.</summary>
/// <param name="Index">Slot number; slot 0 is at the property's date-time.</param>
/// <param name="Timestamp">Date-time − interval × index; null when the date-time is unset.</param>
/// <param name="Normal">Normal-direction reading.</param>
/// <param name="Reverse">Reverse-direction reading.</param>
public sealed record PairHistorySlot(int Index, DateTime? Timestamp, EnergyReading Normal, EnergyReading Reverse);

/// <summary>
/// EC (30-minute slots, up to 12) and EE (1-minute slots, up to 10): slot k is the reading at the
/// property's date-time minus k intervals, going back in time.
/// </summary>
/// <param name="Timestamp">Date-time of slot 0; null when the meter reports all-FF (never set).</param>
/// <param name="Interval">30 minutes for EC, 1 minute for EE.</param>
/// <param name="Slots">The slots, newest first.</param>
public sealed record PairHistoryValue(DateTime? Timestamp, TimeSpan Interval, IReadOnlyList<PairHistorySlot> Slots) : MeterValue
{
    /// <summary><see cref="ValueStatus.Unset"/> when the date-time is all-FF, else <see cref="ValueStatus.Ok"/>.</summary>
    public ValueStatus TimestampStatus => Timestamp is null ? ValueStatus.Unset : ValueStatus.Ok;
}
