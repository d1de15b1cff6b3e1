using BRoute.EchonetLite.Meter;

namespace BRoute.Monitoring;

/// <summary>
/// EPCs read together every <see cref="Interval"/>. When the meter's Get map has every EPC of
/// <see cref="PreferredEpcs"/>, those are read instead of <see cref="Epcs"/> (D0 in place of E0 + E3).
/// </summary>
/// <param name="Epcs">What to read.</param>
/// <param name="Interval">Time between reads (the first read is right after each connect).</param>
/// <param name="PreferredEpcs">Read instead of <paramref name="Epcs"/> where the meter offers all of them; null = none.</param>
public sealed record ReadGroup(IReadOnlyList<byte> Epcs, TimeSpan Interval, IReadOnlyList<byte>? PreferredEpcs = null)
{
    /// <summary>The EPCs to read from a meter with this Get map (null: no map, <see cref="Epcs"/>).</summary>
    public IReadOnlyList<byte> For(IReadOnlySet<byte>? getMap) =>
        PreferredEpcs is { Count: > 0 } preferred && getMap is not null && preferred.All(getMap.Contains) ? preferred : Epcs;
}

/// <summary>What a <see cref="MeterMonitor"/> reads and how often. Groups due at the same time share one Get.</summary>
/// <param name="Groups">The groups; at least one.</param>
public sealed record ReadSchedule(IReadOnlyList<ReadGroup> Groups)
{
    /// <summary>The shortest interval a group may have (timing.md: poll floor 10 s).</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(10);

    /// <summary>E7 + E8 every 10 s; E0 + E3 every 60 s, or D0 (one-minute cumulative) where the meter's Get map has it.</summary>
    public static ReadSchedule Default { get; } = new([
        new ReadGroup([MeterEpc.InstantaneousPower, MeterEpc.InstantaneousCurrent], TimeSpan.FromSeconds(10)),
        new ReadGroup([MeterEpc.CumulativeEnergyNormal, MeterEpc.CumulativeEnergyReverse], TimeSpan.FromSeconds(60), [MeterEpc.CumulativeEnergyOneMinute]),
    ]);

    /// <summary>Only E7 + E8 every <paramref name="interval"/> (what <c>broute watch</c> shows).</summary>
    public static ReadSchedule PowerEvery(TimeSpan interval) =>
        new([new ReadGroup([MeterEpc.InstantaneousPower, MeterEpc.InstantaneousCurrent], interval)]);

    /// <summary>Throws <see cref="ArgumentException"/> naming what cannot work.</summary>
    public void Validate()
    {
        if (Groups is null || Groups.Count == 0)
        {
            throw new ArgumentException("a read schedule needs at least one group", nameof(Groups));
        }

        foreach (var g in Groups)
        {
            ArgumentNullException.ThrowIfNull(g, nameof(Groups));
            if (g.Epcs is null || g.Epcs.Count == 0)
            {
                throw new ArgumentException("each read group needs at least one EPC", nameof(Groups));
            }

            if (g.Interval < MinInterval)
            {
                throw new ArgumentOutOfRangeException(nameof(Groups), g.Interval, $"a read interval must be at least {MinInterval.TotalSeconds:0} s (faster polling uses the meter's radio time)");
            }
        }
    }
}
