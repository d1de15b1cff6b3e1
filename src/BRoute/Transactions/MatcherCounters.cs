namespace BRoute.Transactions;

/// <summary>What the reply matcher did with incoming frames, by outcome. Thread-safe.</summary>
public sealed class MatcherCounters
{
    private readonly long[] _dropped = new long[Enum.GetValues<DropReason>().Length];
    private long _accepted;
    private long _notifications;

    /// <summary>Frames accepted as the reply to an outstanding request.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>INF/INFC frames passed on as notifications.</summary>
    public long Notifications => Interlocked.Read(ref _notifications);

    /// <summary>Frames dropped for this reason.</summary>
    public long this[DropReason reason] => Interlocked.Read(ref _dropped[(int)reason]);

    /// <summary>Frames dropped for any reason.</summary>
    public long Dropped => Enum.GetValues<DropReason>().Sum(r => this[r]);

    /// <summary>Counts by metric name: accepted, notification, and each drop reason (stale, duplicate, …).</summary>
    public IReadOnlyDictionary<string, long> ToDictionary()
    {
        var d = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["accepted"] = Accepted,
            ["notification"] = Notifications,
        };
        foreach (var r in Enum.GetValues<DropReason>())
        {
            d[r.Name()] = this[r];
        }

        return d;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", ToDictionary().Where(p => p.Value != 0).Select(p => $"{p.Key} {p.Value}"));

    internal void CountAccepted() => Interlocked.Increment(ref _accepted);

    internal void CountNotification() => Interlocked.Increment(ref _notifications);

    internal void CountDropped(DropReason reason) => Interlocked.Increment(ref _dropped[(int)reason]);
}
