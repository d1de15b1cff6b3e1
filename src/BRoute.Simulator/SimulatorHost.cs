using System.Net;
using System.Threading.Channels;
using BRoute.Simulator.Hosting;
using BRoute.Simulator.Stats;
using BRoute.Simulator.Timing;

namespace BRoute.Simulator;

/// <summary>
/// A running simulator (dongle + meter). Connect a client through <see cref="ConnectInMemory"/>, any duplex
/// <see cref="Stream"/> (<see cref="ServeAsync"/>), a TCP listener (<see cref="TcpSerialServer"/>) or a
/// pseudo-terminal (<see cref="PtyHost"/>). One client at a time; the dongle keeps its state between clients,
/// as a powered module behind ser2net does. Nothing is shared with a client except bytes.
/// </summary>
public sealed class SimulatorHost : IDisposable
{
    private readonly SimulatorEngine _engine;
    private readonly Lock _connectionLock = new();
    private TaskCompletionSource _present = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private InMemorySerialStream? _memory;
    private Action? _hangup;
    private bool _disposed;

    /// <param name="options">Dongle, meter, time and faults (validated: <see cref="ArgumentException"/> if invalid).</param>
    /// <param name="timeProvider">Host clock; a FakeTimeProvider in tests. Default: the system clock.</param>
    /// <param name="log">Optional serial dialogue log (credentials masked).</param>
    public SimulatorHost(SimulatorOptions options, TimeProvider? timeProvider = null, SerialLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _engine = new SimulatorEngine(options, timeProvider ?? TimeProvider.System, log);
        _present.SetResult();
        _engine.Vanished += OnVanished;
    }

    /// <summary>The configuration.</summary>
    public SimulatorOptions Options => _engine.Options;

    /// <summary>Live counters (also written by <see cref="StatsFileWriter"/>).</summary>
    public SimulatorStats Stats => _engine.Stats;

    /// <summary>The meter's clock.</summary>
    public SimClock Clock => _engine.Clock;

    /// <summary>The meter's IPv6 address (what SKLL64 of its MAC gives, unless overridden).</summary>
    public IPAddress MeterAddress => _engine.Meter.Address;

    /// <summary>The dongle's link-local address.</summary>
    public IPAddress DongleAddress => _engine.Dongle.OwnAddress;

    /// <summary>False while the dongle is unplugged by the vanish fault.</summary>
    public bool IsPresent
    {
        get
        {
            lock (_engine.Gate)
            {
                return !_engine.IsVanished;
            }
        }
    }

    /// <summary>Errors caught inside the simulator's own actions (should stay 0).</summary>
    public int InternalErrors
    {
        get
        {
            lock (_engine.Gate)
            {
                return _engine.InternalErrors;
            }
        }
    }

    /// <summary>Completes when the dongle is present (immediately unless it vanished).</summary>
    public Task WhenPresentAsync(CancellationToken cancellationToken = default)
    {
        lock (_engine.Gate)
        {
            return _present.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The meter's ground truth: every half-hour slot after <paramref name="after"/> (default: from the first slot of its
    /// history) whose end the simulated clock has passed, oldest first (<see cref="Truth.TruthSlot"/>).
    /// </summary>
    public IReadOnlyList<Truth.TruthSlot> TruthSlots(DateTimeOffset? after = null)
    {
        lock (_engine.Gate)
        {
            var model = _engine.Meter.Model;
            var options = _engine.Meter.Options;
            var scale = new BRoute.EchonetLite.Meter.EnergyScale(options.Coefficient, options.Unit);
            var last = model.LatestBoundary(_engine.Clock.Now);
            var first = model.HistoryStart;
            if (after is { } a && model.LatestBoundary(a).AddMinutes(30) is var next && next > first)
            {
                first = next; // the first boundary strictly after the last slot already written
            }

            var slots = new List<Truth.TruthSlot>();
            for (var t = first.ToOffset(Timing.SimClock.Jst); t <= last; t = t.AddMinutes(30))
            {
                if (model.RawAt(t, reverse: false) is not { } import)
                {
                    continue;
                }

                var export = model.MeasuresReverse ? model.RawAt(t, reverse: true) : null;
                slots.Add(new Truth.TruthSlot(t, scale.ToKwh(import)!.Value, export is { } e ? scale.ToKwh(e) : null));
            }

            return slots;
        }
    }

    /// <summary>
    /// One spell of a periodic fault (<see cref="Faults.FaultKind.Periodic"/>) now, e.g. <c>vanish</c> for an 8-hour
    /// absence or <c>tx-limit</c> for an EVENT 32 pause, counted in <see cref="Stats"/> like a scheduled one.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is not a periodic fault.</exception>
    public void BeginSpell(string kind, TimeSpan duration)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_engine.Gate)
        {
            _engine.BeginSpell(kind, duration);
        }
    }

    /// <summary>
    /// Opens the client end of an in-memory serial line. Dispose it to disconnect.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another client is connected, or the dongle has vanished.</exception>
    public Stream ConnectInMemory()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_connectionLock)
        {
            lock (_engine.Gate)
            {
                if (_engine.IsVanished)
                {
                    throw new InvalidOperationException("the simulated dongle has vanished; wait for WhenPresentAsync");
                }

                if (_hangup is not null)
                {
                    throw new InvalidOperationException("a client is already connected (one at a time, like a serial port)");
                }

                var stream = new InMemorySerialStream(b => _engine.Receive(b), Disconnect);
                _memory = stream;
                _hangup = stream.Hangup;
                _engine.Attach(stream.Deliver);
                return stream;
            }
        }
    }

    /// <summary>
    /// Serves one client over a duplex stream (TCP, pty) until the stream ends, the dongle vanishes or
    /// <paramref name="cancellationToken"/> fires. Each block the dongle writes is one write on the stream.
    /// </summary>
    public async Task ServeAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var output = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
        lock (_connectionLock)
        {
            lock (_engine.Gate)
            {
                if (_hangup is not null)
                {
                    throw new InvalidOperationException("a client is already connected (one at a time, like a serial port)");
                }

                if (_engine.IsVanished)
                {
                    throw new InvalidOperationException("the simulated dongle has vanished");
                }

                _hangup = () => cts.Cancel();
                _engine.Attach(b => output.Writer.TryWrite(b));
            }
        }

        try
        {
            var writer = WriteLoopAsync(stream, output.Reader, cts.Token);
            var reader = ReadLoopAsync(stream, cts.Token);
            await Task.WhenAny(writer, reader).ConfigureAwait(false);
            await cts.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(Quiet(writer), Quiet(reader)).ConfigureAwait(false);
        }
        finally
        {
            lock (_connectionLock)
            {
                lock (_engine.Gate)
                {
                    _engine.Attach(null);
                    _hangup = null;
                }
            }
        }
    }

    private async Task ReadLoopAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[4096];
        while (!ct.IsCancellationRequested)
        {
            var n = await stream.ReadAsync(buffer, ct).ConfigureAwait(false);
            if (n == 0)
            {
                return;
            }

            _engine.Receive(buffer.AsSpan(0, n));
        }
    }

    private static async Task WriteLoopAsync(Stream stream, ChannelReader<byte[]> output, CancellationToken ct)
    {
        await foreach (var block in output.ReadAllAsync(ct).ConfigureAwait(false))
        {
            await stream.WriteAsync(block, ct).ConfigureAwait(false);
            await stream.FlushAsync(ct).ConfigureAwait(false);
        }
    }

    private static async Task Quiet(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
            // the client went away: normal end of a connection
        }
    }

    private void Disconnect(InMemorySerialStream stream)
    {
        lock (_connectionLock)
        {
            lock (_engine.Gate)
            {
                if (ReferenceEquals(_memory, stream))
                {
                    _engine.Attach(null);
                    _memory = null;
                    _hangup = null;
                }
            }
        }
    }

    private void OnVanished(bool vanished)
    {
        // Runs under the engine's gate.
        if (vanished)
        {
            _present = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _engine.Attach(null);
            var hangup = _hangup;
            _memory = null;
            _hangup = null;
            hangup?.Invoke();
        }
        else
        {
            _present.TrySetResult();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_engine.Gate)
        {
            _hangup?.Invoke();
            _hangup = null;
            _engine.Attach(null);
        }

        _engine.Dispose();
    }
}
