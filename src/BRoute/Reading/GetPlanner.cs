using BRoute.EchonetLite.Frames;

namespace BRoute.Reading;

/// <summary>
/// Plans the Gets for one read of several EPCs (pure; no I/O, no clock). EPCs outside the Get
/// property map or already known to be unsupported are never asked. The rest go in batches of at
/// most <see cref="MeterCapabilities.MaxOpc"/>. A Get_SNA (or a reply that leaves EPCs out) marks
/// refused EPCs; each is asked once more alone, and if refused again it is unsupported. A batch
/// that gets no reply after every attempt is split into singles: if a single is answered the batch
/// was too big and MaxOpc is lowered; if the first single is silent too the link is down and the
/// rest of that batch is reported as no reply without further tries. Refused EPCs that are answered
/// alone also lower MaxOpc to what the meter did answer in the batch.
/// </summary>
/// <remarks>
/// Drive it as: <c>while (planner.TryNextBatch(out var b)) { send Get(b.Epcs) with retries;
/// then OnReply(b, frame) or OnNoReply(b) }</c>, then read <see cref="Result"/>. Several batches may be
/// awaited at once (outcomes in any order); see <see cref="NextKind"/> for what should not overlap.
/// </remarks>
internal sealed class GetPlanner
{
    private readonly MeterCapabilities _caps;
    private readonly LinkedList<(byte Epc, GetBatchKind Kind, int Origin)> _queue = new();
    private readonly Dictionary<int, GetBatch> _inFlight = [];
    private readonly Dictionary<int, Origin> _origins = [];
    private readonly Dictionary<int, int> _originOf = [];
    private readonly Dictionary<byte, EchonetProperty> _values = [];
    private readonly Dictionary<byte, UnsupportedReason> _unsupported = [];
    private readonly HashSet<byte> _noReply = [];
    private readonly List<byte> _requested = [];
    private int _nextId = 1;

    public GetPlanner(IEnumerable<byte> epcs, MeterCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(epcs);
        ArgumentNullException.ThrowIfNull(capabilities);
        _caps = capabilities;
        var seen = new HashSet<byte>();
        foreach (var epc in epcs)
        {
            if (!seen.Add(epc))
            {
                continue;
            }

            _requested.Add(epc);
            if (_caps.ConfirmedUnsupported.Contains(epc))
            {
                _unsupported[epc] = UnsupportedReason.RefusedByMeter;
            }
            else if (_caps.IsOutsideMap(epc))
            {
                _unsupported[epc] = UnsupportedReason.NotInPropertyMap;
            }
            else
            {
                _queue.AddLast((epc, GetBatchKind.First, 0));
            }
        }
    }

    /// <summary>The distinct EPCs asked for, in order.</summary>
    public IReadOnlyList<byte> Requested => _requested;

    /// <summary>True when nothing is queued and no batch awaits its outcome.</summary>
    public bool IsComplete => _queue.Count == 0 && _inFlight.Count == 0;

    /// <summary>Values, unsupported EPCs and EPCs without reply so far (final once <see cref="IsComplete"/>).</summary>
    public GetReadResult Result => new(
        new Dictionary<byte, EchonetProperty>(_values),
        new Dictionary<byte, UnsupportedReason>(_unsupported),
        new HashSet<byte>(_noReply));

    /// <summary>Batches sent and not yet answered (<see cref="OnReply"/>) or given up (<see cref="OnNoReply"/>).</summary>
    public int InFlight => _inFlight.Count;

    /// <summary>
    /// The kind of the next batch <see cref="TryNextBatch"/> would give, or null when nothing is queued. A driver
    /// that keeps several Gets in flight sends only <see cref="GetBatchKind.First"/> batches alongside others: a
    /// retry alone is sent when nothing else is awaited, so what it shows (batch too big, link down) is settled
    /// before more is sent.
    /// </summary>
    public GetBatchKind? NextKind => _queue.First?.Value.Kind;

    /// <summary>The next Get to send; false when nothing is queued.</summary>
    public bool TryNextBatch(out GetBatch batch)
    {
        if (_queue.Count == 0)
        {
            batch = null!;
            return false;
        }

        var first = _queue.First!.Value;
        var epcs = new List<byte>();
        if (first.Kind == GetBatchKind.First)
        {
            // First requests share a batch up to MaxOpc; retries always go alone.
            while (_queue.First is { } node && node.Value.Kind == GetBatchKind.First && epcs.Count < _caps.MaxOpc)
            {
                epcs.Add(node.Value.Epc);
                _queue.RemoveFirst();
            }
        }
        else
        {
            epcs.Add(first.Epc);
            _queue.RemoveFirst();
        }

        batch = new GetBatch(_nextId++, epcs, first.Kind);
        _inFlight.Add(batch.Id, batch);
        if (first.Kind != GetBatchKind.First)
        {
            _originOf[batch.Id] = first.Origin;
        }

        return true;
    }

    /// <summary>Records the meter's answer (Get_Res or Get_SNA) to <paramref name="batch"/>.</summary>
    /// <exception cref="ArgumentException">The frame is not a Get reply.</exception>
    public void OnReply(GetBatch batch, EchonetFrame reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Esv is not (Esv.GetRes or Esv.GetSna))
        {
            throw new ArgumentException($"a Get is answered by Get_Res or Get_SNA, not {reply.Esv.Symbol()}", nameof(reply));
        }

        Finish(batch);
        var refused = new List<byte>();
        foreach (var epc in batch.Epcs)
        {
            if (reply.TryGetProperty(epc, out var p) && p.Pdc > 0)
            {
                _values[epc] = p;
                continue;
            }

            refused.Add(epc);
        }

        // Only a batch with a value for every EPC proves the size is fine: a meter over its limit may answer the
        // EPCs beyond it with PDC 0 (the simulator's "sna" mode), exactly like EPCs it does not support. Which of
        // the two it was shows when the refused EPCs are asked alone (SettleRefusedRetry).
        if (refused.Count == 0)
        {
            _caps.RecordAccepted(batch.Epcs.Count);
        }

        switch (batch.Kind)
        {
            case GetBatchKind.First when batch.Epcs.Count > 1 && refused.Count > 0:
                _origins[batch.Id] = new Origin(batch.Epcs.Count, batch.Epcs.Count - refused.Count, refused.Count);
                foreach (var epc in refused.AsEnumerable().Reverse())
                {
                    _queue.AddFirst((epc, GetBatchKind.RefusedRetryAlone, batch.Id));
                }

                break;
            case GetBatchKind.First:
                MarkUnsupported(refused);
                break;
            case GetBatchKind.RefusedRetryAlone:
                MarkUnsupported(refused);
                SettleRefusedRetry(batch, answered: refused.Count == 0);
                break;
            case GetBatchKind.SilentBatchSplit:
                MarkUnsupported(refused);
                SettleSilentSplit(batch, answered: true);
                break;
        }
    }

    /// <summary>Records that <paramref name="batch"/> got no reply after every attempt.</summary>
    public void OnNoReply(GetBatch batch)
    {
        Finish(batch);
        switch (batch.Kind)
        {
            case GetBatchKind.First when batch.Epcs.Count > 1:
                _origins[batch.Id] = new Origin(batch.Epcs.Count, 0, batch.Epcs.Count);
                foreach (var epc in batch.Epcs.Reverse())
                {
                    _queue.AddFirst((epc, GetBatchKind.SilentBatchSplit, batch.Id));
                }

                break;
            case GetBatchKind.SilentBatchSplit:
                _noReply.Add(batch.Epcs[0]);
                SettleSilentSplit(batch, answered: false);
                break;
            default:
                foreach (var epc in batch.Epcs)
                {
                    _noReply.Add(epc);
                }

                if (batch.Kind == GetBatchKind.RefusedRetryAlone)
                {
                    SettleRefusedRetry(batch, answered: false);
                }

                break;
        }
    }

    private void Finish(GetBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!_inFlight.Remove(batch.Id))
        {
            throw new InvalidOperationException($"{batch} is not awaiting an outcome (answered twice, or from another planner)");
        }
    }

    private void MarkUnsupported(List<byte> refused)
    {
        foreach (var epc in refused)
        {
            _unsupported[epc] = UnsupportedReason.RefusedByMeter;
            _caps.RecordUnsupported(epc);
        }
    }

    /// <summary>A refused EPC was asked alone: if every refused EPC of its batch was then answered, the batch was too big.</summary>
    private void SettleRefusedRetry(GetBatch single, bool answered)
    {
        var originId = _originOf[single.Id];
        var o = _origins[originId];
        o = o with { Pending = o.Pending - 1, AllAnswered = o.AllAnswered && answered, AnySingleAnswered = o.AnySingleAnswered || answered };
        _origins[originId] = o;
        if (o.Pending != 0)
        {
            return;
        }

        if (o.AllAnswered && o.AnsweredInBatch > 0)
        {
            _caps.LowerMaxOpc(o.AnsweredInBatch);
        }
        else if (!o.AnySingleAnswered)
        {
            // Every refusal was genuine (refused alone too): the meter handled the batch's size.
            _caps.RecordAccepted(o.Size);
        }
    }

    /// <summary>An EPC of a silent batch was asked alone: answered → the batch was too big; silent → the link is down.</summary>
    private void SettleSilentSplit(GetBatch single, bool answered)
    {
        var originId = _originOf[single.Id];
        var o = _origins[originId];
        if (answered)
        {
            if (!o.AnySingleAnswered)
            {
                _caps.LowerMaxOpc(o.Size - 1);
                _origins[originId] = o with { AnySingleAnswered = true };
            }

            return;
        }

        if (!o.AnySingleAnswered)
        {
            // Do not spend 3 attempts on each remaining EPC of a batch over a dead link.
            for (var node = _queue.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.Kind == GetBatchKind.SilentBatchSplit && node.Value.Origin == originId)
                {
                    _noReply.Add(node.Value.Epc);
                    _queue.Remove(node);
                }

                node = next;
            }
        }
    }

    /// <summary>A batch whose EPCs are being asked again alone, and what those singles showed so far.</summary>
    private sealed record Origin(int Size, int AnsweredInBatch, int Pending)
    {
        /// <summary>Refused retries: every single so far got its value.</summary>
        public bool AllAnswered { get; init; } = true;

        /// <summary>Some single was answered (silent-batch split: the link works; refused retry: that refusal was about size).</summary>
        public bool AnySingleAnswered { get; init; }
    }
}
