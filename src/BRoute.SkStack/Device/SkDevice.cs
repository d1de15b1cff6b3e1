using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using BRoute.SkStack.Commands;
using BRoute.SkStack.Errors;
using BRoute.SkStack.Items;
using BRoute.SkStack.Logging;
using BRoute.SkStack.Reading;
using BRoute.SkStack.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BRoute.SkStack.Device;

/// <summary>
/// One SKSTACK IP dongle. A single reader loop turns the byte stream into items; commands run one at a time, each
/// awaiting its own completion (OK, FAIL ERxx, or its reply) within a timeout; everything unsolicited — EVENT,
/// ERXUDP, EPANDESC, EEDSCAN, EPONG — goes to <see cref="Events"/>. No retries here: that is the session's job.
/// </summary>
public sealed partial class SkDevice : IAsyncDisposable
{
    private readonly SkTransport _transport;
    private readonly SkDeviceOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly PipeReader _pipe;
    private readonly SkReader _reader;
    private readonly Channel<SkItem> _events;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ArrayBufferWriter<byte> _writeBuffer = new(256);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<SkTransportLostException?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;
    private PendingCommand? _pending;
    private SkDialect _dialect;
    private SkTransportLostException? _lost;
    private long _unsolicited;
    private long _droppedEvents;
    private int _disposed;

    /// <summary>Drives a dongle over any duplex stream (owned: disposed with the device).</summary>
    public SkDevice(Stream stream, SkDeviceOptions? options = null)
        : this(new StreamTransport(stream), options)
    {
    }

    /// <summary>Drives a dongle over an open transport (owned: disposed with the device). The reader loop starts now.</summary>
    public SkDevice(SkTransport transport, SkDeviceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transport = transport;
        _options = options ?? new SkDeviceOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.CommandTimeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.EventQueueCapacity, 1, nameof(options));
        _logger = _options.Logger ?? NullLogger.Instance;
        _timeProvider = _options.TimeProvider;
        _dialect = _options.Family is { } family ? SkDialect.ForFamily(family) : SkDialect.Undetected;
        _pipe = PipeReader.Create(transport.Stream, new StreamPipeReaderOptions(leaveOpen: true));
        _reader = new SkReader(_pipe, _options.Reader, _logger);
        _events = Channel.CreateBounded<SkItem>(
            new BoundedChannelOptions(_options.EventQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true },
            OnEventDropped);
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>
    /// Opens a device string (<c>/dev/ttyUSB0</c>, a pty path, <c>tcp://host:port</c>) and starts the device.
    /// Throws <see cref="SkTransportOpenException"/> with a user-facing message when it cannot be opened.
    /// </summary>
    public static async Task<SkDevice> OpenAsync(string device, SkDeviceOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SkDeviceOptions();
        var transport = await SkTransportFactory.OpenAsync(device, options.Transport, cancellationToken).ConfigureAwait(false);
        try
        {
            return new SkDevice(transport, options);
        }
        catch
        {
            await transport.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>What is connected (no credentials).</summary>
    public string Description => _transport.Description;

    /// <summary>Everything the dongle said that no command was waiting for: <see cref="SkEvent"/>, <see cref="Erxudp"/>,
    /// <see cref="SkPanDescription"/>, <see cref="SkEnergyScan"/>, <see cref="SkPong"/>. Completes with a
    /// <see cref="SkTransportLostException"/> when the connection is lost, normally when the device is disposed.</summary>
    public ChannelReader<SkItem> Events => _events.Reader;

    /// <summary>The dialect in use (replaced as detection runs or run-time evidence arrives).</summary>
    public SkDialect Dialect => Volatile.Read(ref _dialect);

    /// <summary>Reader counters: items, ERXUDP, garbled and over-long lines, buffer high-water mark.</summary>
    public SkReaderStatistics ReaderStatistics => _reader.Statistics;

    /// <summary>OK/FAIL/reply lines that arrived when no command was waiting (e.g. after a timeout).</summary>
    public long UnsolicitedItems => Interlocked.Read(ref _unsolicited);

    /// <summary>Events dropped because <see cref="Events"/> was full.</summary>
    public long DroppedEvents => Interlocked.Read(ref _droppedEvents);

    /// <summary>True once the connection is gone (EOF, I/O error, disposed).</summary>
    public bool IsTransportLost => Volatile.Read(ref _lost) is not null;

    /// <summary>Completes when the reader loop ends: with the loss (EOF / I/O error), or null when disposed.</summary>
    public Task<SkTransportLostException?> Closed => _closed.Task;

    /// <summary>
    /// Writes <paramref name="command"/> and waits for its completion. Throws <see cref="SkCommandFailedException"/>
    /// (FAIL ERxx), <see cref="SkTimeoutException"/>, <see cref="SkUnexpectedResponseException"/>,
    /// <see cref="SkTransportLostException"/>, or <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public async Task<SkResponse> ExecuteAsync(SkCommand command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var limit = timeout ?? _options.CommandTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(timeout));
        ThrowIfLost();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfLost();
            using var timer = new CancellationTokenSource(limit, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
            var pending = new PendingCommand(command);
            Volatile.Write(ref _pending, pending);
            try
            {
                await WriteAsync(command, linked.Token).ConfigureAwait(false);
                using (linked.Token.Register(static (p, token) => ((PendingCommand)p!).Completion.TrySetCanceled(token), pending))
                {
                    return await pending.Completion.Task.ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                SkLog.CommandTimedOut(_logger, command.Name, limit.TotalSeconds);
                throw new SkTimeoutException(command.Name, limit);
            }
            catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested && ex.CancellationToken != cancellationToken)
            {
                throw new OperationCanceledException(ex.Message, ex, cancellationToken);
            }
            finally
            {
                Interlocked.CompareExchange(ref _pending, null, pending);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _transport.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The loop ends through cancellation or the closed stream; both are the expected way out.
        }

        await _pipe.CompleteAsync().ConfigureAwait(false);

        // _gate is not disposed: a command still finishing must be able to release it (it holds no OS handle).
        _stop.Dispose();
    }

    private async Task WriteAsync(SkCommand command, CancellationToken cancellationToken)
    {
        _writeBuffer.ResetWrittenCount();
        command.WriteTo(_writeBuffer);
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            SkLog.Sent(_logger, command.DisplayText);
        }

        try
        {
            await _transport.Stream.WriteAsync(_writeBuffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            await _transport.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            var lost = new SkTransportLostException($"{Description}: writing {command.Name} failed: {ex.Message}", ex);
            MarkLost(lost);
            throw lost;
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        SkTransportLostException? lost = null;
        try
        {
            while (await _reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } item)
            {
                Dispatch(item);
            }

            lost = new SkTransportLostException($"{Description}: the connection was closed (end of stream) — was the dongle unplugged?");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            lost = null;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            lost = Volatile.Read(ref _disposed) != 0 ? null : new SkTransportLostException($"{Description}: reading failed: {ex.Message} — was the dongle unplugged?", ex);
        }
        finally
        {
            MarkLost(lost ?? new SkTransportLostException($"{Description}: the device was closed"), report: lost is not null);
            _events.Writer.TryComplete(lost);
            _closed.TrySetResult(lost);
        }
    }

    private void MarkLost(SkTransportLostException lost, bool report = true)
    {
        if (Interlocked.CompareExchange(ref _lost, lost, null) is null && report)
        {
            SkLog.TransportLost(_logger, lost.Message, lost.InnerException);
        }

        Volatile.Read(ref _pending)?.Completion.TrySetException(Volatile.Read(ref _lost)!);
    }

    private void ThrowIfLost()
    {
        if (Volatile.Read(ref _lost) is { } lost)
        {
            throw new SkTransportLostException(lost.Message, lost);
        }
    }

    private void Dispatch(SkItem item)
    {
        if (item is Erxudp erxudp)
        {
            Observe(erxudp);
        }

        if (Volatile.Read(ref _pending) is { } pending && !pending.Completion.Task.IsCompleted && pending.TryAccept(item))
        {
            return;
        }

        switch (item)
        {
            case SkEvent or Erxudp or SkPanDescription or SkEnergyScan or SkPong:
                _events.Writer.TryWrite(item);
                break;
            case SkEchoLine or SkBlankLine:
                break;
            case SkGarbledLine garbled:
                SkLog.Garbled(_logger, garbled.Reason, garbled.Length, garbled.Preview);
                break;
            default:
                Interlocked.Increment(ref _unsolicited);
                SkLog.Unsolicited(_logger, item.GetType().Name);
                break;
        }
    }

    private void OnEventDropped(SkItem item)
    {
        Interlocked.Increment(ref _droppedEvents);
        SkLog.EventDropped(_logger, item.GetType().Name);
    }
}
