using BRoute.SkStack.Device;
using BRoute.SkStack.Errors;
using BRoute.SkStack.Tests.Support;
using static BRoute.SkStack.Tests.Support.DeviceHarness;

namespace BRoute.SkStack.Tests.Device;

/// <summary>Command timeouts run on the injected TimeProvider (FakeTimeProvider: no real waiting).</summary>
public class TimeoutTests
{
    [Fact]
    public async Task No_answer_times_out_after_the_default_5_seconds()
    {
        await using var h = new DeviceHarness();
        var task = h.Device.GetVersionAsync();
        await h.Dongle.ExpectAsync("SKVER\r\n");
        h.Clock.Advance(TimeSpan.FromSeconds(4.999));
        Assert.False(task.IsCompleted);
        h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var ex = await Assert.ThrowsAsync<SkTimeoutException>(() => Within(task));
        Assert.Equal("SKVER", ex.Command);
        Assert.Equal(TimeSpan.FromSeconds(5), ex.Timeout);
        Assert.IsAssignableFrom<SkStackException>(ex);
    }

    [Fact]
    public async Task Configured_timeout_and_per_call_override()
    {
        await using var h = new DeviceHarness(options: new SkDeviceOptions { CommandTimeout = TimeSpan.FromSeconds(2) });
        var task = h.Device.TerminateAsync();
        await h.Dongle.ExpectAsync("SKTERM\r\n");
        h.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(2), (await Assert.ThrowsAsync<SkTimeoutException>(() => Within(task))).Timeout);

        var scan = h.Device.ExecuteAsync(BRoute.SkStack.Commands.SkCommand.Reset(), TimeSpan.FromSeconds(30));
        await h.Dongle.ExpectAsync("SKRESET\r\n");
        h.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(scan.IsCompleted);
        await h.Dongle.SendAsync("OK\r\n");
        Assert.NotNull((await Within(scan)).Ok);
    }

    [Fact]
    public async Task A_late_answer_after_a_timeout_is_counted_and_does_not_complete_the_next_command()
    {
        await using var h = new DeviceHarness();
        var first = h.Device.GetVersionAsync();
        await h.Dongle.ExpectAsync("SKVER\r\n");
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<SkTimeoutException>(() => Within(first));

        await h.Dongle.SendAsync("EVER 1.2.10\r\nOK\r\n");
        await Eventually.True(() => h.Device.UnsolicitedItems == 2, "late EVER and OK read");

        var second = h.Device.GetAppVersionAsync();
        await h.Dongle.ExpectAsync("SKAPPVER\r\n");
        await h.Dongle.SendAsync("EAPPVER rev26e\r\nOK\r\n");
        Assert.Equal("rev26e", await Within(second));
    }

    [Fact]
    public async Task Sendto_waits_for_OK_after_EVENT_21_and_times_out_without_it()
    {
        await using var h = new DeviceHarness(BRoute.SkStack.Grammar.DongleFamily.Bp35A1);
        var send = h.Device.SendToAsync(Wire.Meter, Wire.GetE7);
        await h.Dongle.ExpectAsync(Wire.Concat(Wire.Bytes($"SKSENDTO 1 {Wire.MeterText} 0E1A 1 000E "), Wire.GetE7));
        await h.Dongle.SendAsync($"EVENT 21 {Wire.MeterText} 00\r\n");
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("SKSENDTO", (await Assert.ThrowsAsync<SkTimeoutException>(() => Within(send))).Command);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_a_timeout()
    {
        await using var h = new DeviceHarness();
        using var cts = new CancellationTokenSource();
        var task = h.Device.GetInfoAsync(cts.Token);
        await h.Dongle.ExpectAsync("SKINFO\r\n");
        await cts.CancelAsync();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Within(task));
        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [Fact]
    public async Task Timeout_is_logged_as_a_warning()
    {
        await using var h = new DeviceHarness();
        var task = h.Device.PingAsync(Wire.Meter);
        await h.Dongle.ExpectAsync($"SKPING {Wire.MeterText}\r\n");
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<SkTimeoutException>(() => Within(task));
        Assert.Contains(h.Log.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Text == "SKPING timed out after 5 s");
    }
}
