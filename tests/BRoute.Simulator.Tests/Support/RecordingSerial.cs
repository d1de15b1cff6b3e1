using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;

namespace BRoute.Simulator.Tests.Support;

/// <summary>
/// The host side of a serial line served by <see cref="SimulatorHost.ServeAsync"/>: what the test writes is read by the
/// simulator, and every write the simulator makes is recorded as one entry (so tests see write boundaries).
/// </summary>
internal sealed class RecordingSerial : Stream
{
    private readonly Channel<byte[]> _input = Channel.CreateUnbounded<byte[]>();
    private readonly ConcurrentQueue<string> _writes = new();
    private byte[] _rest = [];

    /// <summary>The simulator's writes so far, in order, one string (Latin-1) per write.</summary>
    public IReadOnlyList<string> Writes => [.. _writes];

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Bytes for the simulator to read.</summary>
    public void Send(string text) => _input.Writer.TryWrite(Encoding.Latin1.GetBytes(text));

    public void Hangup() => _input.Writer.TryComplete();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_rest.Length == 0)
        {
            if (!await _input.Reader.WaitToReadAsync(cancellationToken))
            {
                return 0;
            }

            _rest = await _input.Reader.ReadAsync(cancellationToken);
        }

        var n = Math.Min(buffer.Length, _rest.Length);
        _rest.AsSpan(0, n).CopyTo(buffer.Span);
        _rest = _rest[n..];
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _writes.Enqueue(Encoding.Latin1.GetString(buffer.Span));
        return ValueTask.CompletedTask;
    }

    public override void Write(byte[] buffer, int offset, int count) => _writes.Enqueue(Encoding.Latin1.GetString(buffer, offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
