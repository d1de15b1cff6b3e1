using System.Diagnostics;
using BRoute.Authentication;
using BRoute.Daemon.Configuration;
using BRoute.Daemon.Runtime;
using BRoute.EchonetLite.Meter;
using BRoute.Monitoring;
using BRoute.Session;
using BRoute.Simulator;
using BRoute.Simulator.Faults;
using BRoute.Simulator.Meter;
using BRoute.SkStack.Device;
using BRoute.SkStack.Errors;
using BRoute.Tests.Session.Support;
using Microsoft.Extensions.Logging;

namespace BRoute.Soak;

/// <summary>
/// The whole daemon (<see cref="BRouteDaemon"/> with its SQLite store in a temporary folder, the monitor filling gaps
/// from the meter's history) against the in-memory simulator, on one fake clock, for days of simulated time with the
/// faults of a <see cref="SoakPlan"/>; then every half-hour the meter holds is compared with the store.
/// The clock moves only while everything is quiet (monitors waiting, sessions idle, the serial reader waiting with
/// nothing unread, every published event taken and written, no queued thread-pool work) and then straight to the next
/// armed timer, so a simulated week takes seconds and every timer fires at its own instant.
/// </summary>
public sealed partial class DaemonSoak : IAsyncDisposable
{
    /// <summary>Test credentials (not real ones).</summary>
    public const string Id = "7A3F00C1B2D4E5F60718293A4B5C6D7E";

    public const string Password = "Xq7Pw2Lm9Rt4";

    /// <summary>The simulated meter's id (its MAC).</summary>
    public const string MeterId = "001C640000A1B2C3";

    public static readonly DateTimeOffset Start = new(2026, 1, 15, 10, 10, 0, TimeSpan.FromHours(9));

    private static readonly TimeSpan RealTimeGuard = TimeSpan.FromMinutes(5);

    private readonly SoakPlan _plan;
    private readonly Action<string> _log;
    private readonly TimerTrackingTimeProvider _clock = new(Start);
    private readonly string _folder = Directory.CreateTempSubdirectory("broute-soak-").FullName;
    private readonly SimulatorOptions _simulatorOptions;
    private readonly Lock _lock = new();
    private readonly List<MeterSession> _sessions = [];
    private readonly Dictionary<string, long> _faultsOfEarlierSimulators = [];
    private long _getsBefore, _joinsBefore, _notificationsBefore;
    private readonly Dictionary<string, long> _incidents = [];
    private SimulatorHost? _sim;
    private SoakStream? _stream;
    private BRouteDaemon? _daemon;
    private CancellationTokenSource? _stopDaemon;
    private long _reconnects;

    public DaemonSoak(SoakPlan plan, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _plan = plan;
        _log = log ?? (_ => { });
        _simulatorOptions = new SimulatorOptions
        {
            LatencyScale = 0,
            TimeScale = 1,
            Start = Start,
            HostStart = Start, // a simulator made again with these options continues the same meter
            Seed = (ulong)plan.Seed,
            Faults = FaultOptions.Parse(plan.Faults),
            Meter = new MeterOptions { RouteBId = Id, Password = Password, Load = LoadModel.Household, SolarPeakW = 3000 },
        };
    }

    /// <summary>The store file (kept until dispose).</summary>
    public string StorePath => Path.Combine(_folder, "broute.db");

    /// <summary>Runs the plan and checks the store against the meter.</summary>
    public static async Task<SoakReport> RunAsync(SoakPlan plan, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        await using var soak = new DaemonSoak(plan, log);
        return await soak.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the plan once (on the thread pool: the clock is driven from there).</summary>
    public Task<SoakReport> RunAsync(CancellationToken cancellationToken = default) => Task.Run(() => RunCoreAsync(cancellationToken), cancellationToken);

    private async Task<SoakReport> RunCoreAsync(CancellationToken cancellationToken)
    {
        var real = Stopwatch.StartNew();
        var end = Start + TimeSpan.FromDays(_plan.Days);
        var memory = new List<long>();
        var incidents = new Queue<SoakIncident>(_plan.Incidents.OrderBy(i => i.At));
        StartSimulator();
        await StartDaemonAsync().ConfigureAwait(false);
        for (var day = 1; day <= _plan.Days; day++)
        {
            var dayEnd = Start + TimeSpan.FromDays(day);
            while (incidents.TryPeek(out var next) && Start + next.At <= dayEnd)
            {
                await DriveToAsync(Start + incidents.Dequeue().At, cancellationToken).ConfigureAwait(false);
                await ApplyAsync(next, cancellationToken).ConfigureAwait(false);
            }

            await DriveToAsync(dayEnd, cancellationToken).ConfigureAwait(false);
            memory.Add(GC.GetTotalMemory(forceFullCollection: true));

            _log($"{real.Elapsed.TotalSeconds,6:0.0} s  day {day}: {_daemon?.Monitors[0].State?.Kind}, {_daemon?.WriterStatistics?.EventsWritten} events written, heap {memory[^1] / 1048576.0:0.0} MB");
        }

        // The last slot settles within minutes of its end (its notification, else the recheck 5 min after it).
        var settled = new DateTimeOffset(end.UtcTicks / TimeSpan.FromMinutes(30).Ticks * TimeSpan.FromMinutes(30).Ticks, TimeSpan.Zero);
        if (end - settled < TimeSpan.FromMinutes(20))
        {
            settled -= TimeSpan.FromMinutes(30);
        }

        await StopDaemonAsync(cancellationToken).ConfigureAwait(false);
        var (checkedCount, missing, mismatched) = await CompareAsync(settled, cancellationToken).ConfigureAwait(false);
        return new SoakReport
        {
            Days = _plan.Days,
            Faults = FaultCounts(),
            HalfHoursChecked = checkedCount,
            Missing = missing,
            Mismatched = mismatched,
            MemoryByDay = memory,
            RealTime = real.Elapsed,
            Activity = $"{Interlocked.Read(ref _reconnects)} reconnects, {_getsBefore + _sim!.Stats.EchonetRequests} ECHONET requests to the meter, {_joinsBefore + _sim.Stats.JoinsSucceeded} joins, {_notificationsBefore + _sim.Stats.NotificationsSent} notifications",
        };
    }

    private async Task ApplyAsync(SoakIncident incident, CancellationToken cancellationToken)
    {
        _log($"{_clock.GetUtcNow() - Start:d\\.hh\\:mm} {incident.Kind} {incident.Duration}");
        var key = incident.Kind switch
        {
            SoakIncidentKind.DongleGone => "dongle-gone",
            SoakIncidentKind.TransmitPause => "event-32-spell",
            SoakIncidentKind.DaemonRestart => "daemon-restart",
            _ => "dongle-restart",
        };
        _incidents[key] = _incidents.GetValueOrDefault(key) + 1;
        switch (incident.Kind)
        {
            case SoakIncidentKind.DongleGone:
                _sim!.BeginSpell(FaultKind.Vanish, incident.Duration);
                break;
            case SoakIncidentKind.TransmitPause:
                _sim!.BeginSpell(FaultKind.TxLimit, incident.Duration);
                break;
            case SoakIncidentKind.DaemonRestart:
                await StopDaemonAsync(cancellationToken).ConfigureAwait(false);
                await StartDaemonAsync().ConfigureAwait(false);
                break;
            case SoakIncidentKind.DongleRestart:
                var old = _sim!;
                lock (_lock)
                {
                    _sim = null;
                }

                Remember(old.Stats);
                old.Dispose(); // the client's line ends: the dongle is unplugged
                await DriveToAsync(_clock.GetUtcNow() + incident.Duration, cancellationToken).ConfigureAwait(false);
                StartSimulator();
                break;
        }
    }

    private void StartSimulator()
    {
        var sim = new SimulatorHost(_simulatorOptions, _clock);
        lock (_lock)
        {
            _sim = sim;
        }
    }

    /// <summary>A simulator replaced: its counters are kept, not the simulator.</summary>
    private void Remember(BRoute.Simulator.Stats.SimulatorStats stats)
    {
        foreach (var (kind, n) in FaultCounts(stats))
        {
            _faultsOfEarlierSimulators[kind] = _faultsOfEarlierSimulators.GetValueOrDefault(kind) + n;
        }

        _getsBefore += stats.EchonetRequests;
        _joinsBefore += stats.JoinsSucceeded;
        _notificationsBefore += stats.NotificationsSent;
    }

    private async Task StartDaemonAsync()
    {
        _stopDaemon = new CancellationTokenSource();
        _daemon = new BRouteDaemon(Settings(), Options());
        await _daemon.StartAsync(_stopDaemon.Token).ConfigureAwait(false);
    }

    private async Task StopDaemonAsync(CancellationToken cancellationToken)
    {
        if (_daemon is not { } daemon)
        {
            return;
        }

        await _stopDaemon!.CancelAsync().ConfigureAwait(false);
        await DriveUntilAsync(() => daemon.Completion.IsCompleted, _clock.GetUtcNow() + TimeSpan.FromMinutes(5), "the daemon's stop", cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _reconnects, daemon.Monitors.Sum(m => m.Reconnects));
        await daemon.DisposeAsync().ConfigureAwait(false);
        _stopDaemon.Dispose();
        _daemon = null;
        lock (_lock)
        {
            _sessions.Clear();
        }
    }

    private DaemonSettings Settings() => new()
    {
        Meters = [new MeterSettings("house", "sim", Credentials.Create(Id, Password), null)],
        StateDirectory = _folder,
        Store = new StoreSettings(StorePath, TimeSpan.FromDays(14), TimeSpan.FromDays(730)),
        Timeouts = TimeoutSettings.Defaults,
        Web = new WebSettings(false, "127.0.0.1", 0, null),
    };

    private DaemonOptions Options() => new()
    {
        TimeProvider = _clock,
        LoggerFactory = _plan.LogLevel is { } level
            ? Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(new SoakLog(_clock, level, _log)).SetMinimumLevel(level))
            : Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
        OpenDevice = _ => OpenDevice,
        Seed = _plan.Seed,
        // Power and current every 15 min, the energies every 30 min (the default 10 s is the same code path 90 times
        // as often); the state polled every 5 min instead of every 2 s (each poll is a wake-up of the clock).
        Schedule = new ReadSchedule([
            new ReadGroup([MeterEpc.InstantaneousPower, MeterEpc.InstantaneousCurrent], TimeSpan.FromMinutes(15)),
            new ReadGroup([MeterEpc.CumulativeEnergyNormal, MeterEpc.CumulativeEnergyReverse], TimeSpan.FromMinutes(30), [MeterEpc.CumulativeEnergyOneMinute]),
        ]),
        AdjustMonitor = o => o with { StatePollInterval = TimeSpan.FromMinutes(5), CountersInterval = TimeSpan.FromHours(1) },
        AdjustSession = o => o with { OnCreated = Track },
    };

    private ValueTask<SkDevice> OpenDevice(SkDeviceOptions options, CancellationToken cancellationToken)
    {
        SimulatorHost? sim;
        lock (_lock)
        {
            sim = _sim;
        }

        if (sim is null || !sim.IsPresent)
        {
            throw new SkTransportOpenException("sim", "the simulated dongle is not plugged in");
        }

        Stream serial;
        try
        {
            serial = sim.ConnectInMemory();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            throw new SkTransportOpenException("sim", ex.Message, ex);
        }

        var stream = new SoakStream(serial);
        lock (_lock)
        {
            _stream = stream;
        }

        return ValueTask.FromResult(new SkDevice(stream, options));
    }

    private void Track(MeterSession session)
    {
        lock (_lock)
        {
            // The monitor closes a session before it opens the next one: only the latest can be busy.
            _sessions.Clear();
            _sessions.Add(session);
        }
    }

    private static Dictionary<string, long> FaultCounts(BRoute.Simulator.Stats.SimulatorStats stats)
    {
        var counts = FaultKind.Probabilities.Concat(FaultKind.Periodic).Concat(FaultKind.Counted).ToDictionary(k => k, stats.FaultsOf);
        counts["sessions-expired"] = stats.SessionsExpired;
        return counts;
    }

    private Dictionary<string, long> FaultCounts()
    {
        var counts = new Dictionary<string, long>(_incidents);
        foreach (var (kind, n) in FaultCounts(_sim!.Stats))
        {
            counts[kind] = n + _faultsOfEarlierSimulators.GetValueOrDefault(kind);
        }

        return counts;
    }

    public async ValueTask DisposeAsync()
    {
        if (_daemon is not null)
        {
            await StopDaemonAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _sim?.Dispose();

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }
}
