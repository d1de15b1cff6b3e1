using System.Diagnostics;
using BRoute.Authentication;
using BRoute.Session;
using BRoute.Simulator;
using BRoute.Simulator.Faults;
using BRoute.Simulator.Meter;
using BRoute.SkStack.Device;
using BRoute.SkStack.Errors;
using BRoute.SkStack.Grammar;
using BRoute.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace BRoute.Tests.Session.Support;

/// <summary>
/// A simulator and meter sessions on one fake clock. Time moves only when the test drives it, and only while the
/// session and the serial line are quiet (nothing queued, the driver's reader waiting for bytes), in steps that
/// start small after any activity and grow while nothing happens. So every timeout the session or the simulator
/// arms fires in simulated time, deterministically, and a test needing hours of simulated time runs in seconds.
/// </summary>
internal sealed class SessionHarness : IAsyncDisposable
{
    /// <summary>Test credentials (not real ones); they must never appear in any log line.</summary>
    public const string Id = "7A3F00C1B2D4E5F60718293A4B5C6D7E";

    public const string Password = "Xq7Pw2Lm9Rt4";

    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 15, 10, 10, 0, TimeSpan.FromHours(9));

    private static readonly TimeSpan MinStep = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxStep = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxJump = TimeSpan.FromHours(1);
    private static readonly TimeSpan RealTimeGuard = TimeSpan.FromSeconds(90);

    private readonly Lock _lock = new();
    private readonly List<TrackingStream> _streams = [];
    private readonly List<MeterSession> _sessions = [];
    private readonly List<SessionProgress> _progress = [];
    private readonly TimerTrackingTimeProvider _clock;

    public SessionHarness(SimulatorOptions simulator)
    {
        _clock = new TimerTrackingTimeProvider(simulator.Start ?? DefaultStart);
        Time = _clock;
        Sim = new SimulatorHost(simulator, Time);
    }

    public FakeTimeProvider Time { get; }

    public SimulatorHost Sim { get; }

    public CapturingLogger Log { get; } = new();

    public TempDirectory Cache { get; } = new();

    /// <summary>When a write is held (<see cref="TrackingStream.HoldWhen"/>), advance this much before releasing it.</summary>
    public TimeSpan JumpOnHold { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Applied to the next stream the device factory opens.</summary>
    public Func<byte[], bool>? HoldNextStreamWhen { get; set; }

    /// <summary>
    /// Lets the step grow past 2 s, up to the next armed timer, while <see cref="MayJump"/> says no operation is in
    /// flight: for tests of many simulated hours. Every timer still fires at its own instant.
    /// </summary>
    public bool JumpToNextTimer { get; set; }

    /// <summary>With <see cref="JumpToNextTimer"/>: true when nothing is in flight (e.g. a monitor sleeping between reads).</summary>
    public Func<bool>? MayJump { get; set; }

    /// <summary>Something else the harness must wait for before moving the clock (e.g. a monitor's own loop).</summary>
    public Func<bool>? AlsoQuiet { get; set; }

    /// <summary>Progress reports of every session, in order.</summary>
    public IReadOnlyList<SessionProgress> Progress
    {
        get
        {
            lock (_lock)
            {
                return [.. _progress];
            }
        }
    }

    public IProgress<SessionProgress> ProgressSink => new SyncProgress(this);

    /// <summary>Times the device factory opened the dongle.</summary>
    public int DeviceOpens
    {
        get
        {
            lock (_lock)
            {
                return _streams.Count;
            }
        }
    }

    public TrackingStream CurrentStream
    {
        get
        {
            lock (_lock)
            {
                return _streams[^1];
            }
        }
    }

    /// <summary>Every byte the client wrote on every connection, as Latin-1 text (binary SKSENDTO payloads included).</summary>
    public string WrittenText
    {
        get
        {
            lock (_lock)
            {
                return string.Concat(_streams.Select(s => System.Text.Encoding.Latin1.GetString(s.Written)));
            }
        }
    }

    /// <summary>Simulator options for these tests: the harness credentials, latency 0, meter clock = fake clock.</summary>
    public static SimulatorOptions Simulator(
        DongleFamily family = DongleFamily.Bp35A1,
        string? faults = null,
        ErxudpDataMode? mode = null,
        MeterOptions? meter = null,
        DateTimeOffset? start = null,
        ulong seed = 7) => new()
        {
            Family = family,
            DataMode = mode,
            LatencyScale = 0,
            TimeScale = 1,
            Start = start ?? DefaultStart,
            Seed = seed,
            Faults = FaultOptions.Parse(faults),
            Meter = (meter ?? new MeterOptions { Load = LoadModel.Constant, ConstantLoadW = 628 }) with { RouteBId = Id, Password = Password },
        };

    /// <summary>Session options wired to this harness (fake clock, logger, PAN cache folder, device factory).</summary>
    public MeterSessionOptions Options(Func<MeterSessionOptions, MeterSessionOptions>? configure = null, string? password = null)
    {
        var options = new MeterSessionOptions
        {
            Credentials = Credentials.Create(Id, password ?? Password),
            Device = OpenDevice,
            TimeProvider = Time,
            Logger = Log,
            PanCacheDirectory = Cache.Path,
            Seed = 11,
            OnCreated = Track,
        };
        return configure is null ? options : configure(options);
    }

    public Task<MeterSession> ConnectAsync(Func<MeterSessionOptions, MeterSessionOptions>? configure = null, string? password = null) =>
        RunAsync(() => MeterSession.ConnectAsync(Options(configure, password), ProgressSink), TimeSpan.FromHours(2), "connect");

    /// <summary>Runs <paramref name="operation"/> and drives the clock until it completes.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> operation, TimeSpan? maxSimulated = null, string what = "operation")
    {
        var task = Task.Run(operation);
        await DriveAsync(() => task.IsCompleted, maxSimulated ?? TimeSpan.FromHours(1), what);
        return await task;
    }

    /// <inheritdoc cref="RunAsync{T}(Func{Task{T}}, TimeSpan?, string)"/>
    public async Task RunAsync(Func<Task> operation, TimeSpan? maxSimulated = null, string what = "operation")
    {
        var task = Task.Run(operation);
        await DriveAsync(() => task.IsCompleted, maxSimulated ?? TimeSpan.FromHours(1), what);
        await task;
    }

    /// <summary>Drives the clock until <paramref name="condition"/> holds.</summary>
    public Task AdvanceUntilAsync(Func<bool> condition, TimeSpan maxSimulated, string what) => DriveAsync(condition, maxSimulated, what);

    /// <summary>Drives the clock for <paramref name="duration"/> of simulated time.</summary>
    public Task AdvanceAsync(TimeSpan duration)
    {
        var until = Time.GetUtcNow() + duration;
        return DriveAsync(() => Time.GetUtcNow() >= until, duration + TimeSpan.FromSeconds(1), "advance");
    }

    public void AssertNoCredentialsLogged()
    {
        var all = Log.AllText + "\n" + string.Join("\n", Progress.Select(p => p.Message));
        Assert.DoesNotContain(Id, all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Password, all, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        MeterSession[] sessions;
        lock (_lock)
        {
            sessions = [.. _sessions];
        }

        foreach (var s in sessions)
        {
            await RunAsync(() => s.DisposeAsync().AsTask(), TimeSpan.FromMinutes(5), "dispose");
        }

        Sim.Dispose();
        Cache.Dispose();
        AssertNoCredentialsLogged();
    }

    private ValueTask<SkDevice> OpenDevice(SkDeviceOptions options, CancellationToken cancellationToken)
    {
        if (!Sim.IsPresent)
        {
            throw new SkTransportOpenException("sim", "the simulated dongle is not plugged in");
        }

        Stream serial;
        try
        {
            serial = Sim.ConnectInMemory();
        }
        catch (InvalidOperationException ex)
        {
            throw new SkTransportOpenException("sim", ex.Message, ex);
        }

        var tracked = new TrackingStream(serial) { HoldWhen = HoldNextStreamWhen };
        HoldNextStreamWhen = null;
        lock (_lock)
        {
            _streams.Add(tracked);
        }

        return ValueTask.FromResult(new SkDevice(tracked, options));
    }

    private void Track(MeterSession session)
    {
        lock (_lock)
        {
            _sessions.Add(session);
        }
    }

    private bool IsQuiet()
    {
        lock (_lock)
        {
            if (_sessions.Any(s => !s.IsIdle) || AlsoQuiet?.Invoke() == false)
            {
                return false;
            }

            return _streams.Count == 0 || _streams[^1] is { } s && (s.IsReaderBlocked || s.IsEnded || s.HasHeldWrite);
        }
    }

    private long Activity()
    {
        lock (_lock)
        {
            return _streams.Sum(s => s.Activity) + Log.Count;
        }
    }

    private async Task DriveAsync(Func<bool> done, TimeSpan maxSimulated, string what)
    {
        var start = Time.GetUtcNow();
        var deadline = start + maxSimulated;
        var real = Stopwatch.StartNew();
        var step = MinStep;
        var last = Activity();
        while (!done())
        {
            Assert.True(real.Elapsed < RealTimeGuard, $"{what}: not done after {RealTimeGuard.TotalSeconds} s of real time ({Time.GetUtcNow() - start} simulated)");
            await Task.Delay(1);
            if (done() || !IsQuiet())
            {
                continue;
            }

            await Task.Delay(1);
            if (done() || !IsQuiet())
            {
                continue;
            }

            TrackingStream? held;
            lock (_lock)
            {
                held = _streams.LastOrDefault(s => s.HasHeldWrite);
            }

            if (held is not null)
            {
                Time.Advance(JumpOnHold);
                held.ReleaseHeld();
                continue;
            }

            Assert.True(Time.GetUtcNow() < deadline, $"{what}: not done after {maxSimulated} of simulated time");
            var now = Activity();
            // The step doubles up to 2 s while nothing happens: work the quiet check cannot see (a reply's continuation
            // still queued on a loaded thread pool) then costs little. Once it has been quiet that long and nothing is
            // in flight (MayJump), the clock goes straight to the next armed timer: an idle hour costs a handful of
            // steps instead of 1800.
            var jump = JumpToNextTimer && MayJump?.Invoke() == true;
            step = now != last ? MinStep : jump && step >= MaxStep ? MaxJump : TimeSpan.FromTicks(Math.Min(step.Ticks * 2, MaxStep.Ticks));
            var advance = step;
            if (jump && _clock.NextDue is { } due)
            {
                advance = TimeSpan.FromTicks(Math.Max(MinStep.Ticks, Math.Min(step.Ticks, (due - Time.GetUtcNow()).Ticks)));
            }
            else if (step > MaxStep)
            {
                advance = MaxStep;
            }

            last = now;
            Time.Advance(advance);
        }
    }

    /// <summary>Records progress synchronously (Progress&lt;T&gt; would post to a context).</summary>
    private sealed class SyncProgress(SessionHarness harness) : IProgress<SessionProgress>
    {
        public void Report(SessionProgress value)
        {
            lock (harness._lock)
            {
                harness._progress.Add(value);
            }
        }
    }
}
