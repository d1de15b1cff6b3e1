using System.Threading.Channels;

namespace BRoute.Simulator.Hosting;

/// <summary>
/// The client end of an in-memory serial line: what the client writes goes to the dongle at once (under the
/// simulator's gate); what the dongle writes is read back in the blocks it was written in (a read may also
/// return part of a block, like a serial driver). EOF when the dongle vanishes or the host is disposed.
/// </summary>
internal sealed class InMemorySerialStream : Stream
{
    private readonly Channel<byte[]> _fromDongle = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<byte[]> _toDongle;
    private readonly Action<InMemorySerialStream> _onClose;
    private ReadOnlyMemory<byte> _leftover;
    private volatile bool _closed;
    private long _unread; // bytes delivered and not yet returned by a read

    public InMemorySerialStream(Action<byte[]> toDongle, Action<InMemorySerialStream> onClose)
    {
        _toDongle = toDongle;
        _onClose = onClose;
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Called by the host with one block the dongle wrote.</summary>
    internal void Deliver(byte[] block)
    {
        Interlocked.Add(ref _unread, block.Length);
        if (!_fromDongle.Writer.TryWrite(block))
        {
            Interlocked.Add(ref _unread, -block.Length);
        }
    }

    /// <summary>True while the dongle has written bytes the client has not read yet (fake-clock runs wait for them).</summary>
    internal bool HasUnread => Volatile.Read(ref _unread) > 0;

    /// <summary>Takes what the dongle has written so far without waiting (tests check for absence with it).</summary>
    internal byte[] TakeAvailable()
    {
        var all = new List<byte>(_leftover.ToArray());
        _leftover = ReadOnlyMemory<byte>.Empty;
        while (_fromDongle.Reader.TryRead(out var block))
        {
            all.AddRange(block);
        }

        Interlocked.Add(ref _unread, -all.Count);
        return [.. all];
    }

    /// <summary>The device went away: the reader sees EOF, writes fail.</summary>
    internal void Hangup()
    {
        _closed = true;
        _fromDongle.Writer.TryComplete();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_leftover.IsEmpty)
        {
            try
            {
                _leftover = await _fromDongle.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                return 0;
            }
        }

        var n = Math.Min(buffer.Length, _leftover.Length);
        _leftover.Span[..n].CopyTo(buffer.Span);
        _leftover = _leftover[n..];
        Interlocked.Add(ref _unread, -n);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_closed)
        {
            throw new IOException("the simulated dongle is gone (vanished or host stopped)");
        }

        _toDongle(buffer.ToArray());
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

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_closed)
        {
            Hangup();
            _onClose(this);
        }

        base.Dispose(disposing);
    }
}
