using System.Text;
using BRoute.Simulator.Dongle;
using BRoute.Simulator.Faults;
using BRoute.Simulator.Hosting;
using BRoute.Simulator.Meter;
using BRoute.Simulator.Stats;
using BRoute.Simulator.Timing;

namespace BRoute.Simulator;

/// <summary>
/// One simulated dongle + meter pair. All state is guarded by <see cref="Gate"/>: input handling and every
/// scheduled action take it, so the simulation is single-threaded in effect and deterministic for a seed.
/// </summary>
internal sealed partial class SimulatorEngine : IDisposable
{
    private readonly DeterministicRandom _notificationRandom;
    private readonly List<byte> _heldEcho = [];
    private Action<byte[]>? _sink;

    public SimulatorEngine(SimulatorOptions options, TimeProvider time, SerialLog? log)
    {
        options.Validate();
        Options = options;
        Time = time;
        Log = log;
        Stats = new SimulatorStats();
        Clock = new SimClock(time, options.Start ?? time.GetUtcNow(), options.TimeScale, options.HostStart);
        Scheduler = new Scheduler(time, Gate, OnActionFailed);
        Latency = new LatencyModel(options.Seed, options.LatencyScale);
        Faults = new FaultInjector(options.Faults, options.Seed, Stats);
        Meter = new MeterNode(options.Meter, Clock, options.Seed, Stats);
        _notificationRandom = new DeterministicRandom(options.Seed, "notifications");
        Dongle = new DongleEmulator(this);
        log?.AddSecret(options.Meter.RouteBId);
        log?.AddSecret(options.Meter.Password);
        lock (Gate)
        {
            ScheduleNextFixedTimeNotification();
            SchedulePeriodicFaults();
        }
    }

    public object Gate { get; } = new();

    public SimulatorOptions Options { get; }

    public TimeProvider Time { get; }

    public SerialLog? Log { get; }

    public SimulatorStats Stats { get; }

    public SimClock Clock { get; }

    public Scheduler Scheduler { get; }

    public LatencyModel Latency { get; }

    public FaultInjector Faults { get; }

    public MeterNode Meter { get; }

    public DongleEmulator Dongle { get; }

    /// <summary>Errors inside scheduled actions (bugs): counted and logged, never thrown into a timer thread.</summary>
    public int InternalErrors { get; private set; }

    /// <summary>Raised (under the gate) when the dongle vanishes (true) or reappears (false).</summary>
    public event Action<bool>? Vanished;

    /// <summary>True while the device is unplugged by the vanish fault.</summary>
    public bool IsVanished { get; private set; }

    /// <summary>Connects the output to a transport; null disconnects (output is then lost, as on an unread line).</summary>
    public void Attach(Action<byte[]>? sink)
    {
        lock (Gate)
        {
            _sink = sink;
        }
    }

    /// <summary>Bytes from the client.</summary>
    public void Receive(ReadOnlySpan<byte> bytes)
    {
        lock (Gate)
        {
            if (IsVanished)
            {
                return;
            }

            Stats.In(bytes.Length);
            Dongle.Receive(bytes);
            Scheduler.Pump();
        }
    }

    /// <summary>
    /// Writes one block to the client in one write (caller holds the gate); applies line faults. An echo is held and
    /// goes out in the same write as the next output (the command's answer, or anything else the dongle prints first),
    /// as a USB-serial bridge hands the host whatever arrived within its latency window; the split-echo fault writes it
    /// at once instead.
    /// </summary>
    public void Emit(byte[] block, bool isEcho = false)
    {
        if (block.Length == 0 || IsVanished)
        {
            return;
        }

        if (isEcho)
        {
            if (Faults.Roll(FaultKind.SplitEcho))
            {
                Write([.. _heldEcho, .. block]);
                _heldEcho.Clear();
            }
            else
            {
                _heldEcho.AddRange(block);
            }

            return;
        }

        byte[] noise = [];
        if (Faults.Roll(FaultKind.Garbage))
        {
            noise = new byte[Faults.Random.Next(1, 9)];
            Faults.Random.NextBytes(noise);
            for (var i = 0; i < noise.Length; i++)
            {
                noise[i] = noise[i] is (byte)'\r' or (byte)'\n' ? (byte)0xFF : noise[i];
            }
        }

        if (block.Length > 3 && Faults.Roll(FaultKind.GarbledLine))
        {
            block = Garble(block);
        }

        Write([.. _heldEcho, .. noise, .. block]);
        _heldEcho.Clear();
    }

    /// <summary>Drops an echo not yet written (the line was cleared: power loss).</summary>
    public void DropHeldEcho() => _heldEcho.Clear();

    public void Emit(string text, bool isEcho = false) => Emit(Encoding.ASCII.GetBytes(text), isEcho);

    /// <summary>Schedules an action after a simulated interval; never runs while the meter clock is frozen.</summary>
    public void ScheduleSimulated(TimeSpan simulated, Action action)
    {
        if (Clock.ToReal(simulated) is { } real)
        {
            Scheduler.Schedule(real, action);
        }
    }

    public void Dispose() => Scheduler.Dispose();

    private void Write(byte[] block)
    {
        Stats.Out(block.Length);
        Log?.Output(block);
        _sink?.Invoke(block);
    }

    private byte[] Garble(byte[] block)
    {
        var copy = (byte[])block.Clone();
        var end = copy.Length - 2; // keep the final CRLF so the damage stays in one line
        var pos = Faults.Random.Next(0, end);
        if (Faults.Random.Next(3) == 0)
        {
            return [.. copy.AsSpan(0, pos), .. SkLines.CrLf];
        }

        var c = (byte)Faults.Random.Next(0x21, 0x7F);
        copy[pos] = c == copy[pos] ? (byte)'#' : c;
        return copy;
    }

    private void OnActionFailed(Exception ex)
    {
        InternalErrors++;
        Log?.Note($"internal error in a scheduled action: {ex.GetType().Name}: {ex.Message}");
    }

    private void SetVanished(bool vanished)
    {
        IsVanished = vanished;
        Vanished?.Invoke(vanished);
    }
}
