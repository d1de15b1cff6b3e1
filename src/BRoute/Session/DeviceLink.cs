using System.Net;
using System.Threading.Channels;
using BRoute.SkStack.Device;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;

namespace BRoute.Session;

/// <summary>Receives what one <see cref="DeviceLink"/> hears.</summary>
internal interface IDeviceLinkSink
{
    /// <summary>A received UDP datagram (ECHONET on 3610, PANA on 716, anything else).</summary>
    void OnErxudp(DeviceLink link, Erxudp datagram);

    /// <summary>An EVENT line other than 21 (send result), 20/22 (scan) and 27/28 (termination, also passed on).</summary>
    void OnEvent(DeviceLink link, SkEvent skEvent);

    /// <summary>The link ended without being disposed: the transport was lost.</summary>
    void OnLost(DeviceLink link, Exception? reason);
}

/// <summary>
/// One open dongle and the loop that reads its unsolicited items (<see cref="SkDevice.Events"/>): ERXUDP and session
/// events go to the sink; EVENT 21 goes to the current send (<see cref="NextSendResult"/>); EPANDESC/EVENT 22 feed the running scan.
/// A new link is made for every (re)open; the old one is disposed.
/// </summary>
internal sealed class DeviceLink : IAsyncDisposable
{
    private readonly IDeviceLinkSink _sink;
    private readonly Task _pump;
    private const int MaxUnclaimedResults = 8;
    private readonly Lock _sendResultLock = new();
    private readonly Queue<UdpSendResult> _sendResults = new(); // of the current send, not yet asked for
    private TaskCompletionSource<UdpSendResult>? _sendResult;
    private ScanCollector? _scan;
    private TaskCompletionSource<SkEventCode>? _termination;
    private IPAddress? _meterAddress;
    private int _processing;
    private int _disposed;

    public DeviceLink(SkDevice device, IDeviceLinkSink sink)
    {
        Device = device;
        _sink = sink;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>The driver's device.</summary>
    public SkDevice Device { get; }

    /// <summary>The meter's link-local address once SKLL64 gave it on this link.</summary>
    public IPAddress? MeterAddress
    {
        get => Volatile.Read(ref _meterAddress);
        set => Volatile.Write(ref _meterAddress, value);
    }

    /// <summary>True once disposed (closing on purpose, not a loss).</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>What the dongle said about its transmission limit (SFB) when it was opened and prepared.</summary>
    public bool TransmitLimitedAtOpen { get; set; }

    /// <summary>True when no item is queued or being handled (tests use it to know the session is waiting for time).</summary>
    internal bool IsIdle => Device.Events.Count == 0 && Volatile.Read(ref _processing) == 0;

    /// <summary>
    /// Starts a send (call it before the SKSENDTO): EVENT 21 lines of an earlier datagram that nobody asked for are
    /// dropped, so they are never taken for this one's.
    /// </summary>
    public void BeginSend()
    {
        lock (_sendResultLock)
        {
            _sendResults.Clear();
            _sendResult = null;
        }
    }

    /// <summary>
    /// The next EVENT 21 of the current send after its OK on <see cref="SkDevice.Events"/>: the datagram's own 00/01, or
    /// another 02 (a repeated Neighbor Solicitation; ask again for the one after it). One that came already is returned at once.
    /// </summary>
    public Task<UdpSendResult> NextSendResult()
    {
        lock (_sendResultLock)
        {
            if (_sendResults.TryDequeue(out var waiting))
            {
                return Task.FromResult(waiting);
            }

            _sendResult ??= new TaskCompletionSource<UdpSendResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _sendResult.Task;
        }
    }

    /// <summary>An EVENT 21 that came after the command's OK: to the request waiting for it, else kept for its next ask.</summary>
    private void OnSendResult(UdpSendResult result)
    {
        lock (_sendResultLock)
        {
            if (_sendResult is { } waiter)
            {
                _sendResult = null;
                waiter.TrySetResult(result);
            }
            else if (_sendResults.Count < MaxUnclaimedResults)
            {
                _sendResults.Enqueue(result);
            }
        }
    }

    /// <summary>Starts collecting EPANDESC blocks until EVENT 22.</summary>
    public ScanCollector BeginScan()
    {
        var collector = new ScanCollector();
        Volatile.Write(ref _scan, collector);
        return collector;
    }

    /// <summary>Prepares to receive EVENT 27/28 after SKTERM.</summary>
    public Task<SkEventCode> ArmTermination()
    {
        var tcs = new TaskCompletionSource<SkEventCode>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _termination, tcs);
        return tcs.Task;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Device.DisposeAsync().ConfigureAwait(false);
        await _pump.ConfigureAwait(false);
    }

    private async Task PumpAsync()
    {
        Exception? reason = null;
        try
        {
            var reader = Device.Events;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (true)
                {
                    Interlocked.Increment(ref _processing);
                    try
                    {
                        if (!reader.TryRead(out var item))
                        {
                            break;
                        }

                        Dispatch(item);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _processing);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is SkStack.Errors.SkTransportLostException or ChannelClosedException)
        {
            reason = ex;
        }
        finally
        {
            lock (_sendResultLock)
            {
                _sendResult?.TrySetResult(UdpSendResult.Failure);
            }

            Volatile.Read(ref _scan)?.Finish();
            Volatile.Read(ref _termination)?.TrySetResult(SkEventCode.SessionTerminationTimedOut);
            if (!IsDisposed)
            {
                _sink.OnLost(this, reason);
            }
        }
    }

    private void Dispatch(SkItem item)
    {
        switch (item)
        {
            case Erxudp datagram:
                _sink.OnErxudp(this, datagram);
                break;
            case SkEvent { Code: SkEventCode.UdpSendFinished } sent:
                // Every result after the command's OK goes to the request, 02 included: a module that answered OK right
                // after EVENT 21 02 may solicit again (another 02) before the datagram's own 00/01, and the request
                // counts those against RetryPolicy.MaxNeighborSolicitations. A result arriving while the request is not
                // waiting is kept for its next ask (OnSendResult).
                if (sent.SendResult is { } result)
                {
                    OnSendResult(result);
                }

                break;
            case SkEvent { Code: SkEventCode.ActiveScanFinished }:
                Volatile.Read(ref _scan)?.Finish();
                break;
            case SkEvent { Code: SkEventCode.BeaconReceived or SkEventCode.NeighborAdvertisementReceived or SkEventCode.NeighborSolicitationReceived or SkEventCode.EchoRequestReceived }:
                break;
            case SkEvent { Code: SkEventCode.SessionTerminationCompleted or SkEventCode.SessionTerminationTimedOut } ended:
                Volatile.Read(ref _termination)?.TrySetResult(ended.Code);
                _sink.OnEvent(this, ended);
                break;
            case SkEvent other:
                _sink.OnEvent(this, other);
                break;
            case SkPanDescription pan:
                Volatile.Read(ref _scan)?.Add(pan);
                break;
            default:
                // EPONG (wake-up ping answered) and EEDSCAN need no action.
                break;
        }
    }
}

/// <summary>The EPANDESC blocks of one active scan and its end (EVENT 22).</summary>
internal sealed class ScanCollector
{
    private readonly Lock _lock = new();
    private readonly List<SkPanDescription> _found = [];
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at EVENT 22 (or when the link ends).</summary>
    public Task Finished => _finished.Task;

    /// <summary>PANs reported so far.</summary>
    public IReadOnlyList<SkPanDescription> Found
    {
        get
        {
            lock (_lock)
            {
                return [.. _found];
            }
        }
    }

    public void Add(SkPanDescription pan)
    {
        lock (_lock)
        {
            _found.Add(pan);
        }
    }

    public void Finish() => _finished.TrySetResult();
}
