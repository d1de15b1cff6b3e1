using BRoute.Monitoring;
using BRoute.Session;
using BRoute.Simulator;
using BRoute.Tests.Session.Support;

namespace BRoute.Tests.Monitoring.Support;

/// <summary>
/// A <see cref="MeterMonitor"/> against the in-memory simulator on the session harness's fake clock. The clock moves
/// only while the monitor, the sessions and the serial line are quiet, straight to the next armed timer, so days of
/// simulated time take seconds. <see cref="Events"/> is what one subscriber received (read as it comes unless
/// <see cref="Paused"/>).
/// </summary>
internal sealed class MonitorHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly List<MonitorEvent> _events = [];
    private readonly List<MonitorEvent> _recorded = [];
    private TaskCompletionSource _resume = Resumed();
    private Task? _running;
    private Task? _consuming;
    private Task? _recording;

    public MonitorHarness(SimulatorOptions simulator, Func<MeterMonitorOptions, MeterMonitorOptions>? configure = null, Func<MeterSessionOptions, MeterSessionOptions>? session = null)
    {
        Session = new SessionHarness(simulator) { JumpToNextTimer = true };
        var options = new MeterMonitorOptions { Session = Session.Options(session), Seed = 3 };
        Monitor = new MeterMonitor(configure is null ? options : configure(options));
        Session.AlsoQuiet = () => Monitor.IsWaiting;
        Session.MayJump = () => Monitor.IsSleeping;
        Subscription = Monitor.Subscribe();
        Recorder = Monitor.Subscribe();
    }

    /// <summary>A second subscriber that is never paused: what a prompt consumer gets.</summary>
    public MonitorSubscription Recorder { get; }

    /// <summary>What <see cref="Recorder"/> received.</summary>
    public IReadOnlyList<MonitorEvent> Recorded
    {
        get
        {
            lock (_lock)
            {
                return [.. _recorded];
            }
        }
    }

    public SessionHarness Session { get; }

    private static TaskCompletionSource Resumed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    public MeterMonitor Monitor { get; }

    public MonitorSubscription Subscription { get; }

    /// <summary>True while the consumer does not read (its buffer fills).</summary>
    public bool Paused
    {
        get => !_resume.Task.IsCompleted;
        set
        {
            if (value && !Paused)
            {
                _resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            else if (!value)
            {
                _resume.TrySetResult();
            }
        }
    }

    public IReadOnlyList<MonitorEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public IEnumerable<Measurement> Measurements => Events.OfType<MeasurementsEvent>().SelectMany(e => e.Measurements);

    public IReadOnlyList<MonitorState> States => [.. Events.OfType<StateChangedEvent>().Select(e => e.State)];

    public void Start()
    {
        _running = Task.Run(() => Monitor.RunAsync(_stop.Token));
        _recording = Task.Run(async () =>
        {
            await foreach (var e in Recorder.ReadAllAsync())
            {
                lock (_lock)
                {
                    _recorded.Add(e);
                }
            }
        });
        _consuming = Task.Run(async () =>
        {
            while (await Subscription.WaitToReadAsync())
            {
                await _resume.Task; // no thread blocked: the harness needs the pool
                while (Subscription.TryRead(out var e))
                {
                    lock (_lock)
                    {
                        _events.Add(e);
                    }
                }
            }
        });
    }

    /// <summary>Drives the clock until <paramref name="condition"/> holds over the received events.</summary>
    public Task UntilAsync(Func<MonitorHarness, bool> condition, TimeSpan maxSimulated, string what) =>
        Session.AdvanceUntilAsync(() => condition(this), maxSimulated, what);

    /// <summary>Drives the clock until it reads <paramref name="at"/>.</summary>
    public async Task UntilTimeAsync(DateTimeOffset at)
    {
        // An hour at a time, so the harness's real-time guard applies per simulated hour.
        while (Session.Time.GetUtcNow() < at)
        {
            var next = Session.Time.GetUtcNow().AddHours(1);
            next = next < at ? next : at;
            await Session.AdvanceUntilAsync(() => Session.Time.GetUtcNow() >= next, next - Session.Time.GetUtcNow() + TimeSpan.FromMinutes(1), $"until {next}");
            Trace?.Invoke($"{DateTime.UtcNow:HH:mm:ss.fff} sim {Session.Time.GetUtcNow():dd HH:mm} state {Monitor.State?.Kind} events {Events.Count}");
        }
    }

    /// <summary>Told one line per simulated hour (test output).</summary>
    public Action<string>? Trace { get; set; }

    /// <summary>Stops the monitor (closing its session) and waits until the subscriber has seen everything.</summary>
    public async Task StopAsync()
    {
        Paused = false;
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await Session.AdvanceUntilAsync(() => _running.IsCompleted, TimeSpan.FromMinutes(5), "monitor stop");

            await _running;
        }

        if (_consuming is not null && _recording is not null)
        {
            await Task.WhenAll(_consuming, _recording).WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_running is { IsCompleted: false })
        {
            await StopAsync();
        }

        Subscription.Dispose();
        Recorder.Dispose();
        await Session.DisposeAsync();
        _stop.Dispose();
    }
}
