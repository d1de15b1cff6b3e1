using System.Threading.Channels;
using BRoute.SkStack.Device;
using BRoute.SkStack.Errors;
using BRoute.SkStack.Items;
using BRoute.SkStack.Tests.Support;
using static BRoute.SkStack.Tests.Support.DeviceHarness;

namespace BRoute.SkStack.Tests.Device;

public class TransportLossTests
{
    [Fact]
    public async Task Unplug_fails_the_pending_command_completes_events_and_reports_closed()
    {
        await using var h = new DeviceHarness();
        var pending = h.Device.GetVersionAsync();
        await h.Dongle.ExpectAsync("SKVER\r\n");
        h.Dongle.Unplug();

        var ex = await Assert.ThrowsAsync<SkTransportLostException>(() => Within(pending));
        Assert.Contains("end of stream", ex.Message, StringComparison.Ordinal);
        Assert.IsType<SkTransportLostException>(await Within(h.Device.Closed));
        Assert.True(h.Device.IsTransportLost);
        await Assert.ThrowsAsync<SkTransportLostException>(() => Within(h.Device.Events.Completion));

        // Later commands fail at once, without writing.
        await Assert.ThrowsAsync<SkTransportLostException>(() => Within(h.Device.GetInfoAsync()));
        Assert.Contains(h.Log.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Text.StartsWith("connection to the dongle lost", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Events_already_queued_are_still_readable_after_the_loss()
    {
        await using var h = new DeviceHarness();
        await h.Dongle.SendAsync($"EVENT 29 {Wire.MeterText}\r\n");
        h.Dongle.Unplug();
        await Within(h.Device.Closed);
        Assert.IsType<SkEvent>(await Within(h.Device.Events.ReadAsync().AsTask()));
        var closed = await Assert.ThrowsAsync<ChannelClosedException>(() => Within(h.Device.Events.ReadAsync().AsTask()));
        Assert.IsType<SkTransportLostException>(closed.InnerException);
    }

    [Fact]
    public async Task Read_IOException_is_a_transport_loss()
    {
        await using var device = new SkDevice(new FailingStream(), new SkDeviceOptions());
        var lost = await Within(device.Closed);
        Assert.NotNull(lost);
        Assert.IsType<IOException>(lost.InnerException);
        Assert.Contains("was the dongle unplugged?", lost.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_is_not_a_loss()
    {
        var h = new DeviceHarness();
        await h.Device.DisposeAsync();
        Assert.Null(await Within(h.Device.Closed));
        await Within(h.Device.Events.Completion);
        await Assert.ThrowsAsync<SkTransportLostException>(() => Within(h.Device.GetVersionAsync()));
        await h.DisposeAsync();
    }

    private sealed class FailingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => 0;

        public override long Position { get => 0; set { } }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(new IOException("Input/output error"));

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("Input/output error");

        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("Input/output error");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
