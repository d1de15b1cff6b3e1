using System.IO.Pipelines;
using System.Text;
using BRoute.Session;
using BRoute.SkStack.Device;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;

namespace BRoute.Tests.Session;

/// <summary>
/// How a <see cref="DeviceLink"/> hands the EVENT 21 lines that follow an SKSENDTO's OK to the request waiting for
/// them: 02 (a repeated Neighbor Solicitation) included, and a result that comes before the request asks again after a
/// 02 is kept for that ask, never for a later send.
/// </summary>
public sealed class DeviceLinkSendResultTests : IAsyncDisposable
{
    private const string Meter = "FE80:0000:0000:0000:021C:6400:00A1:B2C3";
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);
    private readonly Pipe _toClient = new();
    private readonly Pipe _toDongle = new();
    private readonly Sink _sink = new();
    private readonly DeviceLink _link;

    public DeviceLinkSendResultTests()
    {
        var stream = new Duplex(_toClient.Reader.AsStream(), _toDongle.Writer.AsStream());
        _link = new DeviceLink(new SkDevice(stream, new SkDeviceOptions { Family = DongleFamily.Bp35A1 }), _sink);
    }

    public async ValueTask DisposeAsync()
    {
        await _toClient.Writer.CompleteAsync();
        await _link.DisposeAsync();
    }

    /// <summary>Writes lines as the dongle, then a marker event, and waits until the link has dispatched all of them.</summary>
    private async Task DongleSaysAsync(params string[] lines)
    {
        var marker = _sink.Count + 1;
        await _toClient.Writer.WriteAsync(Encoding.ASCII.GetBytes(string.Concat(lines.Select(l => l + "\r\n")) + $"EVENT 29 {Meter}\r\n"));
        await _sink.WaitForAsync(marker).WaitAsync(Guard);
    }

    private static string Event21(string param) => $"EVENT 21 {Meter} {param}";

    [Fact]
    public async Task A_repeated_02_reaches_the_waiter_and_so_does_the_final_result()
    {
        _link.BeginSend();
        var first = _link.NextSendResult();
        await DongleSaysAsync(Event21("02"));
        Assert.Equal(UdpSendResult.NeighborSolicitation, await first.WaitAsync(Guard));

        var second = _link.NextSendResult();
        Assert.False(second.IsCompleted);
        await DongleSaysAsync(Event21("00"));
        Assert.Equal(UdpSendResult.Success, await second.WaitAsync(Guard));
    }

    [Fact]
    public async Task Results_that_come_before_the_next_ask_after_a_02_are_kept_for_it_in_order()
    {
        _link.BeginSend();
        var first = _link.NextSendResult();
        await DongleSaysAsync(Event21("02"), Event21("02"), Event21("01"));

        Assert.Equal(UdpSendResult.NeighborSolicitation, await first.WaitAsync(Guard));
        var second = _link.NextSendResult();
        Assert.True(second.IsCompletedSuccessfully); // already there: no wait
        Assert.Equal(UdpSendResult.NeighborSolicitation, await second);
        var third = _link.NextSendResult();
        Assert.True(third.IsCompletedSuccessfully);
        Assert.Equal(UdpSendResult.Failure, await third);

        _link.BeginSend(); // the next send: nothing left over
        var fresh = _link.NextSendResult();
        Assert.False(fresh.IsCompleted);
    }

    [Fact]
    public async Task After_a_final_result_a_stray_one_is_not_kept_for_the_next_send()
    {
        _link.BeginSend();
        var first = _link.NextSendResult();
        await DongleSaysAsync(Event21("00"), Event21("01"));
        Assert.Equal(UdpSendResult.Success, await first.WaitAsync(Guard));

        _link.BeginSend();
        var next = _link.NextSendResult();
        Assert.False(next.IsCompleted);
        await DongleSaysAsync(Event21("00"));
        Assert.Equal(UdpSendResult.Success, await next.WaitAsync(Guard));
    }

    [Fact]
    public async Task After_a_02_the_next_ask_takes_what_came_meanwhile_and_a_new_send_starts_fresh()
    {
        // The module's next results for the datagram arrive while the request is not waiting: its next ask takes the
        // oldest; the send after it does not see the rest.
        _link.BeginSend();
        var first = _link.NextSendResult();
        await DongleSaysAsync(Event21("02"), Event21("01"), Event21("00"));
        Assert.Equal(UdpSendResult.NeighborSolicitation, await first.WaitAsync(Guard));
        Assert.Equal(UdpSendResult.Failure, await _link.NextSendResult().WaitAsync(Guard));
        _link.BeginSend();
        Assert.False(_link.NextSendResult().IsCompleted);
        Assert.Equal(1, _sink.Count); // the marker only: EVENT 21 never reaches the session sink
    }

    [Fact]
    public async Task A_result_left_over_after_the_request_stopped_at_a_02_is_not_taken_for_the_next_send()
    {
        // The request stopped at its last allowed 02 (it pauses and resends): the 01 that the module then reports for
        // the old datagram is not the new send's result.
        _link.BeginSend();
        var first = _link.NextSendResult();
        await DongleSaysAsync(Event21("02"), Event21("01"));
        Assert.Equal(UdpSendResult.NeighborSolicitation, await first.WaitAsync(Guard));

        _link.BeginSend();
        var resend = _link.NextSendResult();
        Assert.False(resend.IsCompleted);
        await DongleSaysAsync(Event21("00"));
        Assert.Equal(UdpSendResult.Success, await resend.WaitAsync(Guard));
    }

    private sealed class Sink : IDeviceLinkSink
    {
        private readonly Lock _lock = new();
        private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task WaitForAsync(int count)
        {
            lock (_lock)
            {
                if (_count >= count)
                {
                    return Task.CompletedTask;
                }

                var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, tcs));
                return tcs.Task;
            }
        }

        public void OnErxudp(DeviceLink link, Erxudp datagram)
        {
        }

        public void OnEvent(DeviceLink link, SkEvent skEvent)
        {
            lock (_lock)
            {
                _count++;
                foreach (var w in _waiters.Where(w => w.Count <= _count).ToList())
                {
                    w.Done.TrySetResult();
                    _waiters.Remove(w);
                }
            }
        }

        public void OnLost(DeviceLink link, Exception? reason)
        {
        }
    }

    /// <summary>Reads what the dongle writes, writes what the dongle reads.</summary>
    private sealed class Duplex(Stream read, Stream write) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => write.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => write.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => read.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => read.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => read.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => write.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => write.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => write.WriteAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                read.Dispose();
                write.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
