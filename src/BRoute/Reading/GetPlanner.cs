using BRoute.EchonetLite.Frames;

namespace BRoute.Reading;

/// <summary>
/// Plans the Gets for one read of several EPCs (pure; no I/O, no clock). EPCs outside the Get
/// property map or already known to be unsupported are never asked. The rest go in batches of at
/// most <see cref="MeterCapabilities.MaxOpc"/>. A Get_SNA (or a reply that leaves EPCs out) marks
/// refused EPCs; each is asked once more alone, and if refused again it is unsupported. A batch
/// that gets no reply is halved: if a half is answered the batch was too big and MaxOpc is lowered;
/// if a half that had every attempt is silent too before any part was answered, the link is down and
/// the rest is reported as no reply without further tries. A batch larger than any the meter answered
/// in full is a <see cref="GetBatch.Probe"/>: halved after its first timeout, not after every retry.
/// Refused EPCs that are answered alone also lower MaxOpc to what the meter did answer in the batch.
/// EPCs an earlier session saw refused (<see cref="MeterCapabilities.RememberedRefused"/>) and the caller's
/// "if room" EPCs are asked only where the last batch has room: a check of the memory that costs no frame.
/// </summary>
/// <remarks>
/// Drive it as: <c>while (planner.TryNextBatch(out var b)) { send Get(b.Epcs) with retries;
/// then OnReply(b, frame) or OnNoReply(b) }</c>, then read <see cref="Result"/>. Several batches may be
/// awaited at once (outcomes in any order); see <see cref="NextKind"/> for what should not overlap.
/// </remarks>
internal sealed class GetPlanner
{
    private readonly MeterCapabilities _caps;
    private readonly LinkedList<Queued> _queue = new();
    private readonly Dictionary<int, GetBatch> _inFlight = [];
    private readonly Dictionary<int, Origin> _origins = [];
    private readonly Dictionary<int, int> _originOf = [];
    private readonly Dictionary<byte, EchonetProperty> _values = [];
    private readonly Dictionary<byte, UnsupportedReason> _unsupported = [];
    private readonly HashSet<byte> _noReply = [];
    private readonly List<byte> _requested = [];
    private int _nextId = 1;
    private bool _anySplitAnswered;

    /// <param name="epcs">The EPCs asked for.</param>
    /// <param name="capabilities">What is known of the meter (shared by the session's planners).</param>
    /// <param name="ifRoom">EPCs to add where the last batch has room (not part of <see cref="Requested"/>; e.g. 9F to check a remembered map).</param>
    public GetPlanner(IEnumerable<byte> epcs, MeterCapabilities capabilities, IEnumerable<byte>? ifRoom = null)
    {
        ArgumentNullException.ThrowIfNull(epcs);
        ArgumentNullException.ThrowIfNull(capabilities);
        _caps = capabilities;
        var seen = new HashSet<byte>();
        var regular = new List<byte>();
        var remembered = new List<byte>();
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
            else if (_caps.RememberedRefused.Contains(epc))
            {
                remembered.Add(epc);
            }
            else
            {
                regular.Add(epc);
            }
        }

        var optional = (ifRoom ?? []).Where(e => seen.Add(e) && !_caps.ConfirmedUnsupported.Contains(e) && !_caps.IsOutsideMap(e)).Concat(remembered);
        var room = regular.Count == 0 ? _caps.MaxOpc : (_caps.MaxOpc - (regular.Count % _caps.MaxOpc)) % _caps.MaxOpc;
        foreach (var epc in optional.ToList())
        {
            if (room > 0)
            {
                regular.Add(epc);
                room--;
            }
            else if (remembered.Contains(epc))
            {
                _unsupported[epc] = UnsupportedReason.RefusedByMeter; // as remembered; checked in a later read with room
            }
        }

        foreach (var epc in regular)
        {
            _queue.AddLast(new Queued([epc], GetBatchKind.First, 0));
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
    /// retry alone or a half of a silent batch is sent when nothing else is awaited, so what it shows (batch too
    /// big, link down) is settled before more is sent.
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
        IReadOnlyList<byte> epcs;
        if (first.Kind == GetBatchKind.First)
        {
            // First requests share a batch up to MaxOpc; retries keep their own batch.
            var shared = new List<byte>();
            while (_queue.First is { } node && node.Value.Kind == GetBatchKind.First && shared.Count < _caps.MaxOpc)
            {
                shared.Add(node.Value.Epcs[0]);
                _queue.RemoveFirst();
            }

            epcs = shared;
        }
        else
        {
            _queue.RemoveFirst();
            epcs = first.Epcs;
            if (epcs.Count > _caps.MaxOpc)
            {
                // The limit was lowered since this half was queued: the rest waits as one more part of the same batch.
                _queue.AddFirst(first with { Epcs = epcs.Skip(_caps.MaxOpc).ToArray() });
                epcs = epcs.Take(_caps.MaxOpc).ToArray();
                _origins[first.Origin] = _origins[first.Origin] with { Pending = _origins[first.Origin].Pending + 1 };
            }
        }

        batch = new GetBatch(_nextId++, epcs, first.Kind) { Probe = epcs.Count > 1 && epcs.Count > _caps.ProvenOpc };
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
                _caps.OnRememberedRefusedAnswered(epc, refusedAgain: false); // answered: a memory saying "refused" is wrong
                continue;
            }

            refused.Add(epc);
        }

        // In a batch of a size the meter is known to answer, a PDC 0 of an EPC remembered as refused is that refusal
        // again, not a size problem: confirmed without asking it alone.
        if (batch.Epcs.Count <= _caps.ProvenOpc)
        {
            foreach (var epc in refused.Where(_caps.RememberedRefused.Contains).ToList())
            {
                _caps.OnRememberedRefusedAnswered(epc, refusedAgain: true);
                _unsupported[epc] = UnsupportedReason.RefusedByMeter;
                refused.Remove(epc);
            }
        }

        // Only a batch with a value for every EPC proves the size is fine: a meter over its limit may answer the
        // EPCs beyond it with PDC 0 (the simulator's "sna" mode), exactly like EPCs it does not support. Which of
        // the two it was shows when the refused EPCs are asked alone (SettleRefusedRetry).
        if (refused.Count == 0)
        {
            _caps.RecordAccepted(batch.Epcs.Count);
        }

        if (batch.Kind == GetBatchKind.SilentBatchSplit)
        {
            SettleSilentSplit(batch, answered: true);
        }

        switch (batch.Kind)
        {
            case GetBatchKind.First or GetBatchKind.SilentBatchSplit when batch.Epcs.Count > 1 && refused.Count > 0:
                _origins[batch.Id] = new Origin(batch.Epcs.Count, batch.Epcs.Count - refused.Count, refused.Count);
                foreach (var epc in refused.AsEnumerable().Reverse())
                {
                    _queue.AddFirst(new Queued([epc], GetBatchKind.RefusedRetryAlone, batch.Id));
                }

                break;
            case GetBatchKind.First or GetBatchKind.SilentBatchSplit:
                MarkUnsupported(refused);
                break;
            case GetBatchKind.RefusedRetryAlone:
                MarkUnsupported(refused);
                SettleRefusedRetry(batch, answered: refused.Count == 0);
                break;
        }
    }

    /// <summary>
    /// Records that <paramref name="batch"/> got no reply: after its first timeout when it was a <see cref="GetBatch.Probe"/>,
    /// else after every attempt. A batch of several EPCs is halved (the larger half first) unless it is a half that
    /// had every attempt and nothing of the read's silent batches was answered yet: then the link is down.
    /// </summary>
    public void OnNoReply(GetBatch batch)
    {
        Finish(batch);
        var linkDown = batch.Kind == GetBatchKind.SilentBatchSplit && !batch.Probe && !_anySplitAnswered;
        if (batch.Epcs.Count > 1 && batch.Kind != GetBatchKind.RefusedRetryAlone && !linkDown)
        {
            var half = (batch.Epcs.Count + 1) / 2;
            _origins[batch.Id] = new Origin(batch.Epcs.Count, 0, 2);
            _queue.AddFirst(new Queued(batch.Epcs.Skip(half).ToArray(), GetBatchKind.SilentBatchSplit, batch.Id));
            _queue.AddFirst(new Queued(batch.Epcs.Take(half).ToArray(), GetBatchKind.SilentBatchSplit, batch.Id));
            if (batch.Kind == GetBatchKind.SilentBatchSplit)
            {
                SettleSilentSplit(batch, answered: false);
            }

            return;
        }

        foreach (var epc in batch.Epcs)
        {
            _noReply.Add(epc);
        }

        switch (batch.Kind)
        {
            case GetBatchKind.SilentBatchSplit:
                SettleSilentSplit(batch, answered: false);
                break;
            case GetBatchKind.RefusedRetryAlone:
                SettleRefusedRetry(batch, answered: false);
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

    /// <summary>
    /// A half of a silent batch got its outcome. Answered → the batch was too big: MaxOpc is lowered to this half's size
    /// (once per silent batch; never below a size answered in full). Silent after every attempt with nothing of the
    /// read's silent batches answered yet → the link is down: the halves still queued are no reply, not asked.
    /// </summary>
    private void SettleSilentSplit(GetBatch part, bool answered)
    {
        var originId = _originOf[part.Id];
        var o = _origins[originId];
        o = o with { Pending = o.Pending - 1 };
        if (answered)
        {
            _anySplitAnswered = true;
            if (!o.AnySingleAnswered)
            {
                _caps.LowerMaxOpc(part.Epcs.Count);
                o = o with { AnySingleAnswered = true };
            }
        }
        else if (!part.Probe && !_anySplitAnswered)
        {
            // Do not spend every attempt on each remaining half of a batch over a dead link.
            for (var node = _queue.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.Kind == GetBatchKind.SilentBatchSplit)
                {
                    _noReply.UnionWith(node.Value.Epcs);
                    _queue.Remove(node);
                }

                node = next;
            }
        }

        _origins[originId] = o;
    }

    /// <summary>EPCs waiting to be sent: one for a first request (batched when sent), or a retry's own batch.</summary>
    private readonly record struct Queued(IReadOnlyList<byte> Epcs, GetBatchKind Kind, int Origin);

    /// <summary>A batch whose EPCs are being asked again (alone, or in halves), and what those showed so far.</summary>
    private sealed record Origin(int Size, int AnsweredInBatch, int Pending)
    {
        /// <summary>Refused retries: every single so far got its value.</summary>
        public bool AllAnswered { get; init; } = true;

        /// <summary>Some part was answered (silent-batch split: the link works; refused retry: that refusal was about size).</summary>
        public bool AnySingleAnswered { get; init; }
    }
}
