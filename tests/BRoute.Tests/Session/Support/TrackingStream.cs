using System.Collections.Concurrent;

namespace BRoute.Tests.Session.Support;

/// <summary>
/// Wraps the client end of the simulator's serial line: records what the client writes, tells whether the
/// driver's reader is blocked waiting for bytes (nothing in flight), and can hold back one write until the test
/// releases it (to make time pass between a request and the meter seeing it).
/// </summary>
internal sealed class TrackingStream(Stream inner) : Stream
{
    private readonly ConcurrentQueue<byte[]> _writes = new();
    private int _blocked;
    private int _ended;
    private long _bytesRead;
    private long _bytesWritten;
    private byte[]? _held;

    /// <summary>When it returns true for a write, the write is kept until <see cref="ReleaseHeld"/>.</summary>
    public Func<byte[], bool>? HoldWhen { get; set; }

    public bool IsReaderBlocked => Volatile.Read(ref _blocked) != 0;

    public long Activity => Interlocked.Read(ref _bytesRead) + Interlocked.Read(ref _bytesWritten);

    public bool HasHeldWrite => Volatile.Read(ref _held) is not null;

    /// <summary>The reader saw the end of the stream, failed, or the stream was disposed.</summary>
    public bool IsEnded => Volatile.Read(ref _ended) != 0;

    /// <summary>Everything the client wrote, in order.</summary>
    public byte[] Written => [.. _writes.SelectMany(w => w)];

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public void ReleaseHeld()
    {
        if (Interlocked.Exchange(ref _held, null) is { } held)
        {
            inner.Write(held);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n;
        try
        {
            var read = inner.ReadAsync(buffer, cancellationToken);
            if (read.IsCompleted)
            {
                n = await read;
            }
            else
            {
                Volatile.Write(ref _blocked, 1);
                try
                {
                    n = await read;
                }
                finally
                {
                    Volatile.Write(ref _blocked, 0);
                }
            }
        }
        catch
        {
            Volatile.Write(ref _ended, 1);
            throw;
        }

        if (n == 0)
        {
            Volatile.Write(ref _ended, 1);
        }

        Interlocked.Add(ref _bytesRead, n);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var copy = buffer.ToArray();
        _writes.Enqueue(copy);
        Interlocked.Add(ref _bytesWritten, copy.Length);
        if (HoldWhen is { } hold && hold(copy))
        {
            HoldWhen = null;
            Volatile.Write(ref _held, copy);
            return;
        }

        inner.Write(copy);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Volatile.Write(ref _ended, 1);
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
