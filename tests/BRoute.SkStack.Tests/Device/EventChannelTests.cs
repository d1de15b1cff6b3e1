using BRoute.SkStack.Device;
using BRoute.SkStack.Items;
using BRoute.SkStack.Tests.Support;
using static BRoute.SkStack.Tests.Support.DeviceHarness;

namespace BRoute.SkStack.Tests.Device;

public class EventChannelTests
{
    [Fact]
    public async Task Full_queue_drops_the_oldest_and_counts()
    {
        await using var h = new DeviceHarness(options: new SkDeviceOptions { EventQueueCapacity = 2 });
        await h.Dongle.SendAsync($"EVENT 01 {Wire.MeterText}\r\nEVENT 02 {Wire.MeterText}\r\nEVENT 05 {Wire.MeterText}\r\nEVENT 26 {Wire.MeterText}\r\nEVENT 29 {Wire.MeterText}\r\n");

        // A command answered after the events proves the single reader loop has handled them.
        var version = h.Device.GetVersionAsync();
        await h.Dongle.ExpectAsync("SKVER\r\n");
        await h.Dongle.SendAsync("EVER 1.2.10\r\nOK\r\n");
        await Within(version);

        Assert.Equal(3, h.Device.DroppedEvents);
        Assert.True(h.Device.Events.TryRead(out var a));
        Assert.True(h.Device.Events.TryRead(out var b));
        Assert.Equal([BRoute.SkStack.Grammar.SkEventCode.SessionTerminationRequested, BRoute.SkStack.Grammar.SkEventCode.SessionLifetimeExpired], new[] { a, b }.Cast<SkEvent>().Select(e => e.Code));
        Assert.Equal(3, h.Log.Entries.Count(e => e.Text.StartsWith("event queue full", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Order_is_kept_and_echoes_are_not_delivered()
    {
        await using var h = new DeviceHarness();
        await h.Dongle.SendAsync($"SKPING {Wire.MeterText}\r\n\r\nEPONG {Wire.MeterText}\r\nEVENT C0\r\nEEDSCAN\r\n21 E1\r\n");
        Assert.IsType<SkPong>(await Within(h.Device.Events.ReadAsync().AsTask()));
        Assert.IsType<SkEvent>(await Within(h.Device.Events.ReadAsync().AsTask()));
        Assert.IsType<SkEnergyScan>(await Within(h.Device.Events.ReadAsync().AsTask()));
    }
}
