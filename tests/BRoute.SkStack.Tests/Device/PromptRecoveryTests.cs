using System.Text;
using BRoute.SkStack.Errors;
using BRoute.SkStack.Tests.Support;
using static BRoute.SkStack.Tests.Support.DeviceHarness;

namespace BRoute.SkStack.Tests.Device;

/// <summary>RecoverPromptAsync: a dongle left waiting for SKSENDTO payload bytes is filled back to its prompt.</summary>
public class PromptRecoveryTests
{
    private static readonly TimeSpan Probe = TimeSpan.FromSeconds(2);

    /// <summary>1232 bytes (SKSENDTO's longest payload, 0x4D0) of CR LF.</summary>
    private static byte[] Fill() => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("\r\n", 0x4D0 / 2)));

    [Fact]
    public async Task A_dongle_at_its_prompt_answers_the_probe_and_gets_nothing_else()
    {
        await using var h = new DeviceHarness();

        var recover = h.Device.RecoverPromptAsync(Probe);
        await h.Dongle.ExpectAsync("SKVER\r\n");
        await h.Dongle.SendAsync("EVER 1.2.10\r\nOK\r\n");

        Assert.False(await Within(recover));
        Assert.Equal(7, h.Dongle.HostCounter.Written);
    }

    [Fact]
    public async Task A_dongle_swallowing_the_probe_as_payload_is_filled_then_answers()
    {
        await using var h = new DeviceHarness();

        var recover = h.Device.RecoverPromptAsync(Probe);
        await h.Dongle.ExpectAsync("SKVER\r\n"); // taken as payload: no answer
        h.Clock.Advance(Probe);
        await h.Dongle.ExpectAsync(Fill());
        await h.Dongle.ExpectAsync("SKVER\r\n");
        // The fill completed the old SKSENDTO: its EVENT 21 and OK come first and end this probe (OK without EVER) …
        await h.Dongle.SendAsync("EVENT 21 FE80:0000:0000:0000:021C:6400:00A1:B2C3 00\r\nOK\r\n");
        // … so the dongle is asked once more, and now answers.
        await h.Dongle.ExpectAsync("SKVER\r\n");
        await h.Dongle.SendAsync("EVER 1.2.10\r\nOK\r\n");

        Assert.True(await Within(recover));
        Assert.Equal(7 + 0x4D0 + 7 + 7, h.Dongle.HostCounter.Written);
        Assert.Contains(h.Log.Entries, e => e.Text.StartsWith("the dongle answered no command", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dongle_that_answers_nothing_even_after_the_fill_is_a_timeout()
    {
        await using var h = new DeviceHarness();

        var recover = h.Device.RecoverPromptAsync(Probe);
        await h.Dongle.ExpectAsync("SKVER\r\n");
        h.Clock.Advance(Probe);
        await h.Dongle.ExpectAsync(Fill());
        await h.Dongle.ExpectAsync("SKVER\r\n");
        h.Clock.Advance(Probe);

        var error = await Assert.ThrowsAsync<SkTimeoutException>(() => Within(recover));
        Assert.Equal("SKVER: no complete answer from the dongle within 2 s", error.Message);
    }
}
