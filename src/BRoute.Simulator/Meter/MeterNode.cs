using System.Net;
using BRoute.Simulator.Stats;
using BRoute.Simulator.Timing;

namespace BRoute.Simulator.Meter;

/// <summary>
/// The meter as a radio node: where it is (channel, PAN, addresses), whether it is up, its PANA session with
/// the dongle (lost when it reboots), and its ECHONET Lite service.
/// </summary>
internal sealed class MeterNode
{
    private readonly SimulatorStats _stats;
    private ushort _notificationTid;

    public MeterNode(MeterOptions options, SimClock clock, ulong seed, SimulatorStats stats)
    {
        Options = options;
        _stats = stats;
        Model = new SmartMeter(options, clock, seed);
        Server = new EchonetServer(Model, new NodeProfile(options.ManufacturerCode, seed), options, stats);
        Address = options.Address;
    }

    public MeterOptions Options { get; }

    public SmartMeter Model { get; }

    public EchonetServer Server { get; }

    public IPAddress Address { get; }

    /// <summary>False while the meter reboots.</summary>
    public bool Up { get; private set; } = true;

    /// <summary>True while the meter holds a PANA session (a security association) with the dongle.</summary>
    public bool SessionActive { get; private set; }

    /// <summary>Whether a dongle tuned to this channel and PAN can hear the meter.</summary>
    public bool Reachable(byte channel, ushort panId) => Up && channel == Options.Channel && panId == Options.PanId;

    /// <summary>Whether the credentials the dongle was given are the meter's.</summary>
    public bool Accepts(string? routeBId, string? password) =>
        string.Equals(routeBId, Options.RouteBId, StringComparison.Ordinal) && string.Equals(password, Options.Password, StringComparison.Ordinal);

    public void OpenSession() => SessionActive = true;

    public void CloseSession() => SessionActive = false;

    /// <summary>Host time at which the meter last answered an SKTERM (its clean-up of that session starts then); null if never.</summary>
    public DateTimeOffset? TerminatedAt { get; private set; }

    /// <summary>The meter answered the dongle's PANA-Termination-Request: the session is closed and being cleaned up.</summary>
    public void Terminated(DateTimeOffset at)
    {
        SessionActive = false;
        TerminatedAt = at;
    }

    /// <summary>Goes down: loses the session and the history selectors.</summary>
    public void GoDown()
    {
        Up = false;
        SessionActive = false;
        Model.Reboot();
    }

    public void ComeUp() => Up = true;

    /// <summary>Next TID for a meter-initiated notification (INF of EA/EB): 1, 2, … (the instance list uses 0).</summary>
    public ushort NextNotificationTid()
    {
        _notificationTid = (ushort)(_notificationTid == ushort.MaxValue ? 1 : _notificationTid + 1);
        _stats.Notification();
        return _notificationTid;
    }
}
