using System.Buffers;
using System.IO.Pipelines;

namespace BRoute.Fuzz.Inputs;

/// <summary>
/// (A copy of the SkStack tests' ScriptedPipeReader, with a chunk-size pattern.)
/// A PipeReader that hands out its data in the given chunks: a new chunk is appended only after the consumer has
/// examined everything it was shown. Every chunk is its own buffer segment, so multi-segment parsing is exercised.
/// Deterministic, no threads.
/// </summary>
public sealed class ChunkedPipeReader : PipeReader
{
    private const int MaxSegments = 8;
    private readonly Queue<ReadOnlyMemory<byte>> _chunks;
    private List<ReadOnlyMemory<byte>> _pending = [];
    private ReadOnlySequence<byte> _shown;
    private bool _examinedAll = true;

    public ChunkedPipeReader(IEnumerable<ReadOnlyMemory<byte>> chunks)
    {
        _chunks = new Queue<ReadOnlyMemory<byte>>(chunks.Where(c => !c.IsEmpty));
    }

    public static ChunkedPipeReader InChunksOf(byte[] data, int size) =>
        new(Enumerable.Range(0, (data.Length + size - 1) / size).Select(i => (ReadOnlyMemory<byte>)data.AsMemory(i * size, Math.Min(size, data.Length - (i * size)))));

    /// <summary>Chunks whose sizes repeat <paramref name="sizes"/> (each at least 1) until the data is used up.</summary>
    public static ChunkedPipeReader InPattern(byte[] data, int[] sizes)
    {
        var chunks = new List<ReadOnlyMemory<byte>>();
        for (int at = 0, i = 0; at < data.Length; i++)
        {
            var size = Math.Min(Math.Max(1, sizes[i % sizes.Length]), data.Length - at);
            chunks.Add(data.AsMemory(at, size));
            at += size;
        }

        return new ChunkedPipeReader(chunks);
    }

    public static ChunkedPipeReader SplitAt(byte[] data, params int[] cuts)
    {
        var chunks = new List<ReadOnlyMemory<byte>>();
        var from = 0;
        foreach (var cut in cuts.Append(data.Length))
        {
            chunks.Add(data.AsMemory(from, cut - from));
            from = cut;
        }

        return new ChunkedPipeReader(chunks);
    }

    /// <summary>Largest number of bytes ever shown to the consumer at once.</summary>
    public long MaxShown { get; private set; }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        _examinedAll = _shown.Slice(examined).IsEmpty;
        var rest = _shown.Slice(consumed);
        _pending = [];
        foreach (var memory in rest)
        {
            _pending.Add(memory);
        }
    }

    public override bool TryRead(out ReadResult result) => throw new NotSupportedException();

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_examinedAll && _chunks.Count > 0)
        {
            _pending.Add(_chunks.Dequeue());
        }

        _examinedAll = false;
        if (_pending.Count > MaxSegments)
        {
            // Keep a few segments (multi-segment parsing stays exercised) without an ever longer segment list.
            var merged = new byte[_pending.Sum(p => p.Length)];
            var at = 0;
            foreach (var piece in _pending)
            {
                piece.CopyTo(merged.AsMemory(at));
                at += piece.Length;
            }

            _pending = [merged];
        }

        _shown = Build(_pending);
        MaxShown = Math.Max(MaxShown, _shown.Length);
        return ValueTask.FromResult(new ReadResult(_shown, isCanceled: false, isCompleted: _chunks.Count == 0));
    }

    public override void CancelPendingRead()
    {
    }

    public override void Complete(Exception? exception = null)
    {
    }

    private static ReadOnlySequence<byte> Build(List<ReadOnlyMemory<byte>> pieces)
    {
        if (pieces.Count == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(pieces[0], 0);
        var last = first;
        for (var i = 1; i < pieces.Count; i++)
        {
            last = last.Append(pieces[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
