using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;
using BRoute.Session;

namespace BRoute.Mqtt;

/// <summary>
/// What the publisher knows of one meter: the latest value of each quantity (coalesced while the broker is away), the
/// recent half-hour registers (for the per-slot energy), the link state, counters and identity. Not thread-safe: the
/// publisher guards it.
/// </summary>
internal sealed class MeterSnapshot(string id)
{
    private const int RegistersKept = 96;
    private readonly Dictionary<Quantity, Measurement> _latest = [];
    private readonly SortedDictionary<DateTimeOffset, HalfHour> _registers = [];

    public string Id { get; } = id;

    public MeterIdentity? Identity { get; set; }

    public MonitorState? State { get; set; }

    public SessionStatistics? Statistics { get; set; }

    public bool? Fault { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public bool DiscoveryDirty { get; set; }

    public bool StateDirty { get; set; }

    public bool AvailabilityDirty { get; set; }

    /// <summary>Online while the link is up (or values arrive before any state is known), offline while it is not; null before anything is known.</summary>
    public bool? Online => State?.Kind switch
    {
        MonitorStateKind.Connected or MonitorStateKind.Reauthenticating or MonitorStateKind.TransmitPaused => true,
        null => _latest.Count > 0 || _registers.Count > 0 ? true : null,
        _ => false,
    };

    public void Record(Measurement measurement) => _latest[measurement.Quantity] = measurement;

    public Measurement? Latest(Quantity quantity) => _latest.GetValueOrDefault(quantity);

    /// <summary>Keeps a slot's registers (merging a copy that fills a direction the first lacked) for the per-slot energy.</summary>
    public void Record(HalfHour halfHour)
    {
        if (_registers.TryGetValue(halfHour.SlotEnd, out var kept))
        {
            halfHour = kept with
            {
                Import = kept.Import.IsAbsent ? halfHour.Import : kept.Import,
                Export = kept.Export.IsAbsent ? halfHour.Export : kept.Export,
            };
        }

        _registers[halfHour.SlotEnd] = halfHour;
        while (_registers.Count > RegistersKept)
        {
            _registers.Remove(_registers.Keys.First());
        }
    }

    /// <summary>The newest slot known.</summary>
    public HalfHour? LastHalfHour => _registers.Count == 0 ? null : _registers.Values.Last();

    /// <summary>The registers kept for a slot end, if any.</summary>
    public HalfHour? Registers(DateTimeOffset slotEnd) => _registers.GetValueOrDefault(slotEnd);

    /// <summary>The energy of the slot ending at <paramref name="slotEnd"/> in one direction: its register minus the previous slot's (across the D7 wrap); null when either is unknown.</summary>
    public decimal? SlotEnergy(DateTimeOffset slotEnd, bool export) =>
        _registers.GetValueOrDefault(slotEnd) is { } current ? SlotEnergy(current, Registers(slotEnd - TimeSpan.FromMinutes(30)), export) : null;

    /// <summary>The energy of <paramref name="current"/>'s slot given the slot before it; null when either register is unknown or they are not consecutive.</summary>
    public decimal? SlotEnergy(HalfHour current, HalfHour? previous, bool export)
    {
        if (previous is null || previous.SlotEnd != current.SlotEnd - TimeSpan.FromMinutes(30))
        {
            return null;
        }

        var (now, before) = export ? (current.Export, previous.Export) : (current.Import, previous.Import);
        if (now.Status != ValueStatus.Ok || before.Status != ValueStatus.Ok || now.Kwh is not decimal a || before.Kwh is not decimal b)
        {
            return null;
        }

        var delta = a - b;
        if (delta < 0 && Identity?.WrapKwh is decimal wrap)
        {
            delta += wrap;
        }

        return delta < 0 ? null : delta;
    }
}
