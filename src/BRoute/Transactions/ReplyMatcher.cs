using System.Net;
using System.Net.Sockets;
using BRoute.SkStack.Grammar;
using BRoute.EchonetLite.Frames;

namespace BRoute.Transactions;

/// <summary>
/// Pairs incoming ECHONET Lite frames with outstanding requests. A frame is a reply only if its
/// TID belongs to an outstanding request (resends share the TID, so a reply to any attempt counts),
/// it comes from the meter's address and port 3610, its SEOJ is the object asked and its DEOJ our
/// controller, its ESV answers the request's ESV, and it carries no EPC the request did not ask
/// for. INF/INFC that answer no INF_REQ of ours are notifications. Everything else is dropped and
/// counted by reason: a second reply to an answered request is a duplicate, a reply to a request
/// given up within <see cref="ReplyMatcherOptions.CompletedWindow"/> is stale — so a late reply to
/// the previous request can never be taken for the current one (the seed client's failure).
/// A reply completes its request's <see cref="PendingRequest.Reply"/>: this is the one dispatcher keyed by TID.
/// Thread-safe; time comes from the <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ReplyMatcher
{
    private readonly TimeProvider _time;
    private readonly ReplyMatcherOptions _options;
    private readonly TransactionIds _tids;
    private readonly Lock _lock = new();
    private readonly Dictionary<ushort, PendingRequest> _pending = [];
    private readonly Dictionary<ushort, Completed> _completed = [];
    private readonly Queue<(ushort Tid, DateTimeOffset At)> _completedOrder = new();
    private IPAddress? _meterAddress;

    public ReplyMatcher(TimeProvider time, ReplyMatcherOptions? options = null, TransactionIds? transactionIds = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _options = options ?? new ReplyMatcherOptions();
        if (_options.CompletedWindow < TimeSpan.Zero || _options.MaxRemembered < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "the completed window and the remembered count cannot be negative");
        }

        _tids = transactionIds ?? new TransactionIds();
    }

    private enum Completion
    {
        Answered,
        Abandoned,
    }

    /// <summary>Counts by outcome.</summary>
    public MatcherCounters Counters { get; } = new();

    /// <summary>
    /// The meter's IPv6 address (from SKLL64 of its MAC). Replies and notifications from any other
    /// address are dropped; while it is null every frame is foreign.
    /// </summary>
    public IPAddress? MeterAddress
    {
        get => Volatile.Read(ref _meterAddress);
        set
        {
            if (value is not null && value.AddressFamily != AddressFamily.InterNetworkV6)
            {
                throw new ArgumentException("the meter's address is an IPv6 address", nameof(value));
            }

            Volatile.Write(ref _meterAddress, value);
        }
    }

    /// <summary>Number of requests waiting for a reply.</summary>
    public int OutstandingCount
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>
    /// Allocates a fresh TID (not outstanding, not remembered), builds the request from our
    /// controller to <paramref name="target"/> and registers it.
    /// </summary>
    public PendingRequest Begin(Eoj target, Esv esv, IReadOnlyList<EchonetProperty> properties, IReadOnlyList<EchonetProperty>? getProperties = null)
    {
        if (!esv.IsRequest())
        {
            throw new ArgumentException($"{esv.Symbol()} is not a request service code", nameof(esv));
        }

        lock (_lock)
        {
            Prune();
            var tid = _tids.Next(t => _pending.ContainsKey(t) || _completed.ContainsKey(t));
            var frame = new EchonetFrame(tid, _options.Controller, target, esv, properties, getProperties);
            var pending = new PendingRequest(frame, _time.GetUtcNow());
            _pending.Add(tid, pending);
            return pending;
        }
    }

    /// <summary>Begins a Get of <paramref name="epcs"/> from <paramref name="target"/>.</summary>
    public PendingRequest BeginGet(Eoj target, params ReadOnlySpan<byte> epcs)
    {
        var props = new EchonetProperty[epcs.Length];
        for (var i = 0; i < epcs.Length; i++)
        {
            props[i] = new EchonetProperty(epcs[i]);
        }

        return Begin(target, Esv.Get, props);
    }

    /// <summary>
    /// Gives up on a request (every attempt timed out, or it was cancelled). Its TID is remembered
    /// for the window, so a reply that still arrives is counted as stale.
    /// </summary>
    public void Abandon(PendingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            if (_pending.Remove(request.Tid))
            {
                Remember(request.Tid, Completion.Abandoned);
            }
        }

        request.Cancel();
    }

    /// <summary>Cancels every outstanding request (the session is closing); their TIDs are remembered as abandoned.</summary>
    public void AbandonAll()
    {
        PendingRequest[] outstanding;
        lock (_lock)
        {
            outstanding = [.. _pending.Values];
            foreach (var request in outstanding)
            {
                _pending.Remove(request.Tid);
                Remember(request.Tid, Completion.Abandoned);
            }
        }

        foreach (var request in outstanding)
        {
            request.Cancel();
        }
    }

    /// <summary>Decodes a UDP payload and matches it; a payload that is not a frame is dropped as malformed.</summary>
    public MatchResult Match(IPAddress source, ushort sourcePort, ReadOnlyMemory<byte> payload)
    {
        if (!FrameCodec.TryDecode(payload, out var frame, out _))
        {
            Counters.CountDropped(DropReason.Malformed);
            return MatchResult.Drop(DropReason.Malformed);
        }

        return Match(source, sourcePort, frame!);
    }

    /// <summary>Decides whether <paramref name="frame"/> is a reply, a notification, or to be dropped.</summary>
    public MatchResult Match(IPAddress source, ushort sourcePort, EchonetFrame frame)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(frame);
        var result = Classify(source, sourcePort, frame);
        switch (result.Kind)
        {
            case MatchKind.Reply:
                Counters.CountAccepted();
                result.Request!.Complete(frame); // outside the lock; its waiter continues asynchronously
                break;
            case MatchKind.Notification:
                Counters.CountNotification();
                break;
            default:
                Counters.CountDropped(result.Reason!.Value);
                break;
        }

        return result;
    }

    /// <summary>True when <paramref name="reply"/> is an ESV that answers <paramref name="request"/> (echonet-lite.md §4).</summary>
    public static bool Answers(Esv request, Esv reply) => (request, reply) switch
    {
        (Esv.Get, Esv.GetRes or Esv.GetSna) => true,
        (Esv.SetC, Esv.SetRes or Esv.SetCSna) => true,
        (Esv.SetI, Esv.SetISna) => true,
        (Esv.InfReq, Esv.Inf or Esv.InfSna) => true,
        (Esv.SetGet, Esv.SetGetRes or Esv.SetGetSna) => true,
        _ => false,
    };

    private MatchResult Classify(IPAddress source, ushort sourcePort, EchonetFrame frame)
    {
        if (!SkAddress.SameIPv6(source, MeterAddress))
        {
            return MatchResult.Drop(DropReason.ForeignAddress, frame);
        }

        if (sourcePort != ReplyMatcherOptions.EchonetPort)
        {
            return MatchResult.Drop(DropReason.ForeignPort, frame);
        }

        lock (_lock)
        {
            Prune();
            _pending.TryGetValue(frame.Tid, out var pending);

            // An INF answers our INF_REQ only if it carries that request's TID; otherwise it is the
            // meter speaking on its own (30-minute EA/EB, the D5 instance list with TID 0).
            if (frame.Esv.IsNotification() && (pending is null || pending.Frame.Esv != Esv.InfReq))
            {
                return IsNotificationObject(frame)
                    ? new MatchResult(MatchKind.Notification, frame, null, null)
                    : MatchResult.Drop(DropReason.WrongObject, frame);
            }

            if (!IsResponse(frame.Esv))
            {
                return MatchResult.Drop(DropReason.UnexpectedEsv, frame);
            }

            if (pending is null)
            {
                var reason = _completed.TryGetValue(frame.Tid, out var done)
                    ? done.Kind == Completion.Answered ? DropReason.Duplicate : DropReason.Stale
                    : DropReason.UnknownTid;
                return MatchResult.Drop(reason, frame);
            }

            var request = pending.Frame;
            if (frame.Seoj != request.Deoj || frame.Deoj != request.Seoj)
            {
                return MatchResult.Drop(DropReason.WrongObject, frame);
            }

            if (!Answers(request.Esv, frame.Esv))
            {
                return MatchResult.Drop(DropReason.UnexpectedEsv, frame);
            }

            if (!IsSubset(frame.Properties, request.Properties) || !IsSubset(frame.GetProperties, request.GetProperties))
            {
                return MatchResult.Drop(DropReason.EpcMismatch, frame);
            }

            _pending.Remove(frame.Tid);
            Remember(frame.Tid, Completion.Answered);
            return new MatchResult(MatchKind.Reply, frame, pending, null);
        }
    }

    private static bool IsResponse(Esv esv) => ((byte)esv is >= 0x70 and <= 0x7F || esv.IsSna()) && esv.IsDefined() && esv != Esv.InfCRes;

    private bool IsNotificationObject(EchonetFrame frame)
    {
        var fromMeterObject = frame.Seoj.ClassCode is 0x0288 or 0x0EF0;
        var controllerClass = _options.Controller.ClassCode;
        var toUs = (frame.Deoj.ClassCode == controllerClass && (frame.Deoj.Instance == _options.Controller.Instance || frame.Deoj.Instance == 0))
            || (frame.Deoj.ClassCode == 0x0EF0 && frame.Deoj.Instance is 0x00 or 0x01);
        return fromMeterObject && toUs;
    }

    private static bool IsSubset(IReadOnlyList<EchonetProperty> reply, IReadOnlyList<EchonetProperty> request)
    {
        foreach (var p in reply)
        {
            var found = false;
            foreach (var q in request)
            {
                if (q.Epc == p.Epc)
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private void Remember(ushort tid, Completion kind)
    {
        var now = _time.GetUtcNow();
        _completed[tid] = new Completed(kind, now);
        _completedOrder.Enqueue((tid, now));
        while (_completed.Count > _options.MaxRemembered && _completedOrder.TryDequeue(out var oldest))
        {
            Forget(oldest);
        }
    }

    private void Prune()
    {
        var horizon = _time.GetUtcNow() - _options.CompletedWindow;
        while (_completedOrder.TryPeek(out var oldest) && oldest.At <= horizon)
        {
            _completedOrder.Dequeue();
            Forget(oldest);
        }
    }

    private void Forget((ushort Tid, DateTimeOffset At) entry)
    {
        // The queue may hold an older entry for a TID that was completed again later: remove the
        // dictionary entry only if it is this one.
        if (_completed.TryGetValue(entry.Tid, out var c) && c.At == entry.At)
        {
            _completed.Remove(entry.Tid);
        }
    }

    private readonly record struct Completed(Completion Kind, DateTimeOffset At);
}
