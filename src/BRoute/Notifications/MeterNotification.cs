using BRoute.EchonetLite.Frames;

namespace BRoute.Notifications;

/// <summary>Something the meter announced on its own (INF/INFC), one per property.</summary>
public abstract record MeterNotification;

/// <summary>Which way the energy flowed.</summary>
public enum EnergyDirection
{
    /// <summary>Bought from the grid (EA).</summary>
    Normal,

    /// <summary>Sold to the grid (EB).</summary>
    Reverse,
}

/// <summary>
/// EA/EB: the cumulative count at the latest 30-minute boundary (meter-0288.md §3). Raw count: scale
/// with D3 and E1. <see cref="At"/> is null if the date-time is not real; <see cref="Raw"/> is null
/// for the "no data" value 0xFFFFFFFE.
/// </summary>
public sealed record FixedTimeEnergyNotification(EnergyDirection Direction, DateTimeOffset? At, uint? Raw) : MeterNotification;

/// <summary>D5 from the node profile: the meter's ECHONET objects (normally just 0x028801), sent after every join.</summary>
public sealed record InstanceListNotification(IReadOnlyList<Eoj> Instances) : MeterNotification;

/// <summary>A property announced that this router does not interpret (kept for the caller).</summary>
public sealed record OtherNotification(Eoj Source, EchonetProperty Property) : MeterNotification;

/// <summary>A property whose data does not have the size its EPC requires; counted, never guessed at.</summary>
public sealed record MalformedNotification(Eoj Source, byte Epc, string Problem) : MeterNotification;
