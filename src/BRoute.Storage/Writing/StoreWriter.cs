using System.Threading.Channels;
using BRoute.Monitoring;
using BRoute.Storage.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BRoute.Storage.Writing;

/// <summary>
/// Writes a monitor's event stream into the store without ever making the monitor wait. <see cref="Post"/> only
/// queues: measurement events go to a bounded queue (oldest dropped and counted when full), everything else
/// (half-hours, states, identities, conflicts, backfill progress) to an unbounded one that is never dropped. One loop
/// writes batches, each in one transaction. When the store cannot write (disk full, read-only, I/O error, locked) the
/// error is logged once with what to do, the batch is retried with backoff on the store's clock, and the queues keep
/// filling; the first success logs the recovery. An event the store refuses as invalid is skipped, logged and counted.
/// </summary>
public sealed class StoreWriter
{
    private readonly MeterStore _store;
    private readonly StoreWriterOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<MonitorEvent> _important = Channel.CreateUnbounded<MonitorEvent>();
    private readonly Channel<MonitorEvent> _samples;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private TaskCompletionSource _progress = NewProgress();
    private volatile bool _completed;
    private int _inFlight;
    private long _written, _inserted, _changed, _conflicts, _dropped, _skipped, _failed;
    private DateTimeOffset? _failingSince;
    private string? _lastError;
    private StoreFailure? _loggedFailure;
    private List<MonitorEvent>? _carried; // a batch whose retry wait was cancelled: written by the last attempt

    public StoreWriter(MeterStore store, StoreWriterOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _options = options ?? new StoreWriterOptions();
        _logger = logger ?? NullLogger.Instance;
        _samples = Channel.CreateBounded<MonitorEvent>(
            new BoundedChannelOptions(Math.Max(1, _options.SampleQueueCapacity)) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>What the writer did so far.</summary>
    public StoreWriterStatistics Statistics => new(
        Interlocked.Read(ref _written),
        Interlocked.Read(ref _inserted),
        Interlocked.Read(ref _changed),
        Interlocked.Read(ref _conflicts),
        Interlocked.Read(ref _dropped),
        Interlocked.Read(ref _skipped),
        Interlocked.Read(ref _failed),
        Pending,
        _failingSince,
        _lastError);

    private int Pending => _important.Reader.Count + _samples.Reader.Count + Volatile.Read(ref _inFlight);

    /// <summary>Queues one event; never blocks. False only after the writer was completed.</summary>
    public bool Post(MonitorEvent monitorEvent)
    {
        ArgumentNullException.ThrowIfNull(monitorEvent);
        if (_completed)
        {
            return false;
        }

        var queued = monitorEvent is MeasurementsEvent ? _samples.Writer.TryWrite(monitorEvent) : _important.Writer.TryWrite(monitorEvent);
        _wake.Writer.TryWrite(true);
        return queued;
    }

    /// <summary>
    /// Consumes <paramref name="events"/> (posting each) while writing; returns once the stream has ended and every
    /// queued event is written. On cancellation it stops reading, makes one last attempt to write what is queued, and returns.
    /// </summary>
    public async Task RunAsync(IAsyncEnumerable<MonitorEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var writing = RunAsync(cancellationToken);
        try
        {
            await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                Post(e);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the write loop makes its last attempt.
        }
        finally
        {
            Complete();
        }

        await writing.ConfigureAwait(false);
    }

    /// <summary>
    /// The write loop alone, for callers that <see cref="Post"/>: returns after <see cref="Complete"/> once the queues
    /// are empty, or on cancellation after one last attempt to write what is queued.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var batch = TakeBatch();
                if (batch.Count == 0)
                {
                    if (_completed && _important.Reader.Count == 0 && _samples.Reader.Count == 0)
                    {
                        return;
                    }

                    await _wake.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await WriteWithRetryAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await LastAttemptAsync().ConfigureAwait(false);
        }
    }

    /// <summary>No more events will come; the loop ends when the queues are written.</summary>
    public void Complete()
    {
        _completed = true;
        _wake.Writer.TryWrite(true);
    }

    /// <summary>Waits until every queued event is written (or skipped); for shutdown and tests.</summary>
    public async Task WaitIdleAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var progress = Volatile.Read(ref _progress);
            if (Pending == 0)
            {
                return;
            }

            await progress.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static TaskCompletionSource NewProgress() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private List<MonitorEvent> TakeBatch()
    {
        var batch = new List<MonitorEvent>();
        while (batch.Count < _options.BatchSize && _important.Reader.TryRead(out var e))
        {
            batch.Add(e);
        }

        while (batch.Count < _options.BatchSize && _samples.Reader.TryRead(out var e))
        {
            batch.Add(e);
        }

        Interlocked.Add(ref _inFlight, batch.Count);
        return batch;
    }

    private async Task WriteWithRetryAsync(List<MonitorEvent> batch, CancellationToken cancellationToken)
    {
        var delay = _options.FirstRetryDelay;
        try
        {
            while (true)
            {
                try
                {
                    // A write is short and is never cut off: only the waits between retries end on cancellation.
                    await WriteAsync(batch, CancellationToken.None).ConfigureAwait(false);
                    Recovered();
                    return;
                }
                catch (StoreException e) when (e.Failure is not StoreFailure.Other)
                {
                    Failed(e);
                }
                catch (Exception e) when (e is (StoreException or ArgumentException or InvalidOperationException or OverflowException or FormatException) and not ObjectDisposedException)
                {
                    // Something in the batch is invalid, not the disk: write the events one by one and skip the bad one.
                    await WriteOneByOneAsync(batch, e, cancellationToken).ConfigureAwait(false);
                    return;
                }

                try
                {
                    await Task.Delay(delay, _store.Time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _carried = batch;
                    throw;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
            }
        }
        finally
        {
            Interlocked.Add(ref _inFlight, -batch.Count);
            Interlocked.Exchange(ref _progress, NewProgress()).TrySetResult();
        }
    }

    private async Task WriteOneByOneAsync(List<MonitorEvent> batch, Exception first, CancellationToken cancellationToken)
    {
        _logger.LogDebug(first, "store: a batch of {Count} events failed as invalid; writing them one by one", batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var e = batch[i];
            var delay = _options.FirstRetryDelay;
            while (true)
            {
                try
                {
                    await WriteAsync([e], CancellationToken.None).ConfigureAwait(false);
                    Recovered();
                    break;
                }
                catch (StoreException ex) when (ex.Failure is not StoreFailure.Other)
                {
                    Failed(ex);
                }
                catch (Exception ex) when (ex is (StoreException or ArgumentException or InvalidOperationException or OverflowException or FormatException) and not ObjectDisposedException)
                {
                    Interlocked.Increment(ref _skipped);
                    _logger.LogError("store: skipped a {Event} the store refused: {Message}", e.GetType().Name, ex.Message);
                    break;
                }

                try
                {
                    await Task.Delay(delay, _store.Time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _carried = batch.GetRange(i, batch.Count - i);
                    throw;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
            }
        }
    }

    private async Task WriteAsync(IReadOnlyList<MonitorEvent> batch, CancellationToken cancellationToken)
    {
        var results = await _store.WriteAsync(
            scope =>
            {
                var writes = new List<HalfHourWrite>();
                foreach (var e in batch)
                {
                    if (EventMapper.Apply(scope, e) is HalfHourWrite w)
                    {
                        writes.Add(w);
                    }
                }

                return writes;
            },
            cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _written, batch.Count);
        Interlocked.Add(ref _inserted, results.Count(w => w.Inserted));
        Interlocked.Add(ref _changed, results.Count(w => w.Changed));
        Interlocked.Add(ref _conflicts, results.Sum(w => w.Conflicts));
    }

    private void Failed(StoreException e)
    {
        Interlocked.Increment(ref _failed);
        _failingSince ??= _store.Time.GetUtcNow();
        _lastError = e.Message;
        if (_loggedFailure != e.Failure)
        {
            _loggedFailure = e.Failure;
            _logger.LogError("{Message}; {Pending} events wait in memory (samples beyond {Capacity} are dropped, half-hours never) and writes are retried", e.Message, Pending, _options.SampleQueueCapacity);
        }
    }

    private void Recovered()
    {
        if (_failingSince is DateTimeOffset since)
        {
            _logger.LogInformation(
                "store {Path} writable again after {Duration:g}; {Pending} events still queued, {Dropped} samples dropped in all",
                _store.Path,
                _store.Time.GetUtcNow() - since,
                Pending,
                Interlocked.Read(ref _dropped));
        }

        _failingSince = null;
        _lastError = null;
        _loggedFailure = null;
    }

    private async Task LastAttemptAsync()
    {
        var batch = TakeBatch();
        if (_carried is { } carried)
        {
            _carried = null;
            Interlocked.Add(ref _inFlight, carried.Count);
            batch.InsertRange(0, carried);
        }

        try
        {
            while (batch.Count > 0)
            {
                await WriteAsync(batch, CancellationToken.None).ConfigureAwait(false);
                Interlocked.Add(ref _inFlight, -batch.Count);
                batch = TakeBatch();
            }
        }
        catch (StoreException e)
        {
            _logger.LogWarning("store: {Count} queued events not written at stop ({Message}); the gap logic refetches missing half-hours on the next start", batch.Count, e.Message);
        }
        finally
        {
            Interlocked.Add(ref _inFlight, -batch.Count);
            Interlocked.Exchange(ref _progress, NewProgress()).TrySetResult();
        }
    }
}
