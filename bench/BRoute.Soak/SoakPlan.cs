using BRoute.Simulator.Faults;

namespace BRoute.Soak;

/// <summary>What the harness does to the running daemon at a simulated instant.</summary>
public enum SoakIncidentKind
{
    /// <summary>The dongle disappears (unplugged) for the duration: the simulator's <c>vanish</c> fault.</summary>
    DongleGone,

    /// <summary>The dongle's transmit budget is spent (EVENT 32) for the duration: the simulator's <c>tx-limit</c> fault.</summary>
    TransmitPause,

    /// <summary>The daemon is stopped and a new one opened on the same store file; the meter keeps counting.</summary>
    DaemonRestart,

    /// <summary>The simulator process is replaced by a new one continuing the same meter, after the duration.</summary>
    DongleRestart,
}

/// <summary>One incident <see cref="At"/> after the start of the soak.</summary>
public sealed record SoakIncident(TimeSpan At, SoakIncidentKind Kind, TimeSpan Duration = default);

/// <summary>
/// A soak: how many simulated days, the simulator's random faults throughout (its <c>--faults</c> syntax), and the
/// incidents at fixed instants. <see cref="Week"/> and <see cref="Month"/> are issue 10's and issue 13's plans.
/// </summary>
public sealed record SoakPlan
{
    /// <summary>Lost replies 10 %, late and duplicated replies 3 % each, every session expiring after 6 h.</summary>
    public const string DefaultFaults = "lost-reply=0.10,late-reply=0.03,duplicate-reply=0.03,early-expiry=21600";

    public int Days { get; init; } = 7;

    /// <summary>The simulator's random faults (<see cref="FaultOptions.Parse"/>).</summary>
    public string Faults { get; init; } = DefaultFaults;

    public IReadOnlyList<SoakIncident> Incidents { get; init; } = [];

    /// <summary>The daemon's log lines from this level go to the soak's log (null: none).</summary>
    public Microsoft.Extensions.Logging.LogLevel? LogLevel { get; init; }

    /// <summary>Seed of the simulator and the daemon.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>
    /// Issue 10's week: a 6-hour dongle outage, an EVENT 32 spell of 20 minutes, a daemon restart in the middle and a
    /// restart of the simulated dongle, with the default faults throughout.
    /// </summary>
    public static SoakPlan Week() => new()
    {
        Days = 7,
        Incidents =
        [
            new(TimeSpan.FromHours(30), SoakIncidentKind.TransmitPause, TimeSpan.FromMinutes(20)),
            new(TimeSpan.FromHours(50), SoakIncidentKind.DongleGone, TimeSpan.FromHours(6)),
            new(TimeSpan.FromHours(84.2), SoakIncidentKind.DaemonRestart),
            new(TimeSpan.FromHours(121.7), SoakIncidentKind.DongleRestart, TimeSpan.FromSeconds(40)),
        ],
    };

    /// <summary>
    /// Issue 13's month: three dongle disappearances (one of 8 hours), two EVENT 32 spells, three daemon restarts and
    /// one restart of the simulated dongle, with the default faults throughout.
    /// </summary>
    public static SoakPlan Month() => new()
    {
        Days = 30,
        Incidents =
        [
            new(TimeSpan.FromHours(40), SoakIncidentKind.DongleGone, TimeSpan.FromMinutes(25)),
            new(TimeSpan.FromHours(100.3), SoakIncidentKind.TransmitPause, TimeSpan.FromMinutes(20)),
            new(TimeSpan.FromHours(170.6), SoakIncidentKind.DaemonRestart),
            new(TimeSpan.FromHours(250), SoakIncidentKind.DongleGone, TimeSpan.FromHours(8)),
            new(TimeSpan.FromHours(330.4), SoakIncidentKind.DaemonRestart),
            new(TimeSpan.FromHours(420.9), SoakIncidentKind.DongleRestart, TimeSpan.FromMinutes(2)),
            new(TimeSpan.FromHours(500.2), SoakIncidentKind.TransmitPause, TimeSpan.FromMinutes(45)),
            new(TimeSpan.FromHours(560), SoakIncidentKind.DongleGone, TimeSpan.FromHours(2)),
            new(TimeSpan.FromHours(640.1), SoakIncidentKind.DaemonRestart),
        ],
    };
}
