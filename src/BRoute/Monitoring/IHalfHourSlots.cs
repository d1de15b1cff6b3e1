namespace BRoute.Monitoring;

/// <summary>
/// What a store already holds, for the gap logic: which half-hour slot ends of a meter are stored complete (an import
/// value or the meter's "no data", and the export where the meter measures it) between two instants. A store implements this; the gap logic finds and fetches
/// the rest of the meter's history window.
/// </summary>
public interface IHalfHourSlots
{
    /// <summary>The stored slot ends of <paramref name="meterId"/> in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    Task<IReadOnlySet<DateTimeOffset>> StoredSlotsAsync(string meterId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
