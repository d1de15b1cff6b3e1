using BRoute.Simulator.Hosting;

namespace BRoute.Soak;

/// <summary>
/// The client end of the in-memory serial line, watched: whether the driver's reader waits for bytes with none
/// unread (nothing in flight on the line), and how many bytes went either way (activity).
/// </summary>
internal sealed class SoakStream(Stream inner) : Stream
{
    private readonly InMemorySerialStream? _memory = inner as InMemorySerialStream;
    private int _blocked;
    private int _ended;
    private long _activity;

    /// <summary>The reader waits for bytes and the dongle has written none it has not taken, or the line has ended.</summary>
    public bool IsQuiet => Volatile.Read(ref _ended) != 0 || (Volatile.Read(ref _blocked) != 0 && _memory?.HasUnread != true);

    public long Activity => Interlocked.Read(ref _activity);

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n;
        try
        {
            var read = inner.ReadAsync(buffer, cancellationToken);
            if (read.IsCompleted)
            {
                n = await read.ConfigureAwait(false);
            }
            else
            {
                Volatile.Write(ref _blocked, 1);
                try
                {
                    n = await read.ConfigureAwait(false);
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

        Interlocked.Add(ref _activity, n);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Interlocked.Add(ref _activity, buffer.Length);
        inner.Write(buffer);
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
