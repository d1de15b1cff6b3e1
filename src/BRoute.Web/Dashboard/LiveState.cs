using System.Threading.Channels;
using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;

namespace BRoute.Web.Dashboard;

/// <summary>What the page shows live of one meter, kept in memory from the monitor's events.</summary>
public sealed record MeterLive
{
    /// <summary>The meter's id (MAC).</summary>
    public required string MeterId { get; init; }

    /// <summary>What the monitor said it is doing.</summary>
    public MonitorState? State { get; init; }

    /// <summary>Who the meter is.</summary>
    public MeterIdentity? Identity { get; init; }

    /// <summary>Latest power (W), null when not read or no data.</summary>
    public decimal? PowerW { get; init; }

    /// <summary>Latest phase R current (A).</summary>
    public decimal? CurrentRA { get; init; }

    /// <summary>Latest phase T current (A); null on a single-phase two-wire meter.</summary>
    public decimal? CurrentTA { get; init; }

    /// <summary>When power was last read.</summary>
    public DateTimeOffset? ReadAt { get; init; }

    /// <summary>The latest counters (resends, link quality, air time).</summary>
    public CountersEvent? Counters { get; init; }

    /// <summary>The latest backfill progress.</summary>
    public BackfillProgressEvent? Backfill { get; init; }

    /// <summary>The newest half-hour slot end seen live.</summary>
    public DateTimeOffset? LastHalfHour { get; init; }
}

/// <summary>
/// The live side of the dashboard: the latest values and state of each meter, and a feed of changes for the
/// server-sent event stream. Each stream client has a one-slot buffer (latest wins), so a slow browser costs nothing.
/// </summary>
public sealed class LiveState
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, MeterLive> _meters = new(StringComparer.Ordinal);
    private readonly List<Channel<MeterLive>> _clients = [];

    /// <summary>Every meter seen so far.</summary>
    public IReadOnlyList<MeterLive> Meters
    {
        get
        {
            lock (_lock)
            {
                return [.. _meters.Values.OrderBy(m => m.MeterId, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>One meter, or null.</summary>
    public MeterLive? Get(string meterId)
    {
        lock (_lock)
        {
            return _meters.GetValueOrDefault(meterId);
        }
    }

    /// <summary>Applies one event.</summary>
    public void Observe(MonitorEvent monitorEvent)
    {
        ArgumentNullException.ThrowIfNull(monitorEvent);
        var (id, update) = monitorEvent switch
        {
            MeasurementsEvent m when m.Measurements.Count > 0 => (m.Measurements[0].MeterId, (Func<MeterLive, MeterLive>)(live => Apply(live, m))),
            StateChangedEvent { State.MeterId: { } meter } s => (meter, live => live with { State = s.State }),
            MeterIdentifiedEvent i => (i.Meter.Id, live => live with { Identity = i.Meter }),
            CountersEvent c => (c.MeterId, live => live with { Counters = c }),
            BackfillProgressEvent b => (b.MeterId, live => live with { Backfill = b }),
            HalfHourEvent h => (h.HalfHour.MeterId, live => live.LastHalfHour is { } last && last >= h.HalfHour.SlotEnd ? live : live with { LastHalfHour = h.HalfHour.SlotEnd }),
            _ => (null, null),
        };
        if (id is null || update is null)
        {
            return;
        }

        MeterLive next;
        Channel<MeterLive>[] clients;
        lock (_lock)
        {
            next = update(_meters.GetValueOrDefault(id) ?? new MeterLive { MeterId = id });
            _meters[id] = next;
            clients = [.. _clients];
        }

        foreach (var client in clients)
        {
            client.Writer.TryWrite(next);
        }
    }

    /// <summary>A feed of changed meters for one stream client; dispose the returned registration to leave.</summary>
    public (ChannelReader<MeterLive> Reader, IDisposable Registration) Listen()
    {
        var channel = Channel.CreateBounded<MeterLive>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            _clients.Add(channel);
        }

        return (channel.Reader, new Leave(this, channel));
    }

    private static MeterLive Apply(MeterLive live, MeasurementsEvent m)
    {
        foreach (var measurement in m.Measurements)
        {
            var value = measurement.Status == ValueStatus.Ok ? measurement.Value : null;
            live = measurement.Quantity switch
            {
                Quantity.Power => live with { PowerW = value, ReadAt = measurement.ReadAt },
                Quantity.CurrentR => live with { CurrentRA = value },
                Quantity.CurrentT => live with { CurrentTA = value },
                _ => live,
            };
        }

        return live;
    }

    private sealed class Leave(LiveState state, Channel<MeterLive> channel) : IDisposable
    {
        public void Dispose()
        {
            lock (state._lock)
            {
                state._clients.Remove(channel);
            }

            channel.Writer.TryComplete();
        }
    }
}
