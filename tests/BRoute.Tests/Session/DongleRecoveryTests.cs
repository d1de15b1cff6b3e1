using BRoute.Decoding;
using System.Text;
using BRoute.Session;
using BRoute.SkStack.Grammar;
using BRoute.Tests.Session.Support;

namespace BRoute.Tests.Session;

/// <summary>A dongle left in a bad state by a previous program is brought back on open.</summary>
public sealed class DongleRecoveryTests
{
    [Fact]
    public async Task A_dongle_left_waiting_for_sksendto_payload_bytes_is_brought_back_to_its_prompt_on_open()
    {
        // Regression (issue 9): a previous program wrote an SKSENDTO header promising 0x40 payload bytes, sent 3 of
        // them and died. The dongle takes every byte that follows as payload, so the next program's SKSREG SFE 0 went
        // unanswered three times ("no complete answer from the dongle within 5 s") and the open failed.
        await using var h = new SessionHarness(SessionHarness.Simulator());
        var meter = SkAddress.FormatIPv6(h.Sim.MeterAddress);
        using (var previous = h.Sim.ConnectInMemory())
        {
            previous.Write(Encoding.ASCII.GetBytes($"SKSENDTO 1 {meter} 0E1A 1 0040 abc"));
        }

        var session = await h.ConnectAsync();

        Assert.Equal("628 W", (await h.RunAsync(() => session.ReadPropertyAsync(0xE7))).ToDisplayString());
        Assert.Equal(1, h.DeviceOpens);
        Assert.Contains(h.Log.Entries, e => e.Text.StartsWith("the dongle was in the middle of a command", StringComparison.Ordinal));
        Assert.DoesNotContain(h.Log.Entries, e => e.Text.Contains("(try 1 of 3)", StringComparison.Ordinal)); // no preparation step had to be repeated
    }

    [Fact]
    public async Task A_dongle_at_its_prompt_gets_no_filler()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator());

        var session = await h.ConnectAsync();

        Assert.True(session.IsConnected);
        Assert.DoesNotContain(h.Log.Entries, e => e.Text.StartsWith("the dongle was in the middle of a command", StringComparison.Ordinal));
        Assert.DoesNotContain("\r\n\r\n\r\n", h.WrittenText, StringComparison.Ordinal);
    }
}
