using BRoute.SkStack.Transport;

namespace BRoute.SkStack.Tests.Support;

/// <summary>
/// The far end of an in-memory duplex stream, driven by a test script: it reads exactly the bytes the device must
/// have written, and writes what the dongle would print. Every wait is bounded by a real-time guard (a hang fails).
/// </summary>
internal sealed class PseudoDongle : IAsyncDisposable
{
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    private readonly InMemoryDuplexStream _dongle;

    public PseudoDongle()
    {
        (Host, _dongle) = InMemoryDuplexStream.CreatePair();
        HostCounter = new CountingStream(Host);
    }

    /// <summary>The end to give to the device.</summary>
    public InMemoryDuplexStream Host { get; }

    /// <summary>The host end wrapped to count what the device writes.</summary>
    public CountingStream HostCounter { get; }

    /// <summary>Reads exactly <paramref name="expected"/> from what the device wrote and compares byte for byte.</summary>
    public async Task ExpectAsync(byte[] expected)
    {
        var got = await ReadExactlyAsync(expected.Length);
        Assert.Equal(Wire.Text(expected), Wire.Text(got));
    }

    public Task ExpectAsync(string text) => ExpectAsync(Wire.Bytes(text));

    public async Task<byte[]> ReadExactlyAsync(int count)
    {
        using var guard = new CancellationTokenSource(Guard);
        var buffer = new byte[count];
        await _dongle.ReadExactlyAsync(buffer, guard.Token);
        return buffer;
    }

    public async Task SendAsync(byte[] bytes)
    {
        using var guard = new CancellationTokenSource(Guard);
        await _dongle.WriteAsync(bytes, guard.Token);
    }

    public Task SendAsync(string text) => SendAsync(Wire.Bytes(text));

    /// <summary>Closes the dongle's end: the device reads end-of-stream, as when the dongle is unplugged.</summary>
    public void Unplug() => _dongle.Dispose();

    public ValueTask DisposeAsync()
    {
        _dongle.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A pass-through stream that counts the bytes written through it.</summary>
internal sealed class CountingStream(Stream inner) : Stream
{
    private long _written;

    public long Written => Interlocked.Read(ref _written);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(buffer, cancellationToken);
        Interlocked.Add(ref _written, buffer.Length);
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
