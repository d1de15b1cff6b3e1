using BRoute.EchonetLite.Meter;

namespace BRoute.Session;

/// <summary>How a day-history read ended.</summary>
public enum DayHistoryStatus
{
    /// <summary>The 48 slots of the day were read (a read that crossed midnight was repeated).</summary>
    Complete,

    /// <summary>The meter does not hold the day (more than 99 days back, in the future) or does not offer E2.</summary>
    Unavailable,

    /// <summary>The read was repeated too often or the meter's data was malformed (see <see cref="DayHistory.Problem"/>).</summary>
    Failed,
}

/// <summary>One half-hour reading: the instant (JST) and the cumulative energy with the session's scale and its status.</summary>
/// <param name="At">Slot time: day 00:00 JST + 30 min × slot.</param>
/// <param name="Energy">Raw count, kWh (raw × D3 × E1) and status (<see cref="ValueStatus.NoData"/> for 0xFFFFFFFE).</param>
public readonly record struct HistorySlot(DateTimeOffset At, EnergyReading Energy);

/// <summary>A day of 30-minute history (E2, and E4 when the meter measures reverse flow).</summary>
/// <param name="Day">The JST calendar day.</param>
/// <param name="Status">Complete, unavailable or failed.</param>
/// <param name="Normal">48 normal-direction slots (00:00 … 23:30) when complete; empty otherwise.</param>
/// <param name="Reverse">48 reverse-direction slots when the meter exports and answered E4; null otherwise.</param>
/// <param name="Attempts">SetC E5 + Get attempts made (more than 1 when midnight intervened).</param>
/// <param name="Problem">Why it is not complete, or what was repeated.</param>
public sealed record DayHistory(DateOnly Day, DayHistoryStatus Status, IReadOnlyList<HistorySlot> Normal, IReadOnlyList<HistorySlot>? Reverse, int Attempts, string? Problem)
{
    internal static DayHistory NotRead(DateOnly day, DayHistoryStatus status, int attempts, string problem) => new(day, status, [], null, attempts, problem);
}
