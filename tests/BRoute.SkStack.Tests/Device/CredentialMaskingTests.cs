using BRoute.SkStack.Errors;
using BRoute.SkStack.Tests.Support;
using Microsoft.Extensions.Logging;
using static BRoute.SkStack.Tests.Support.DeviceHarness;

namespace BRoute.SkStack.Tests.Device;

/// <summary>The B-route password and ID never appear in a log line or an exception.</summary>
public class CredentialMaskingTests
{
    private const string Password = "PW0123456789";
    private const string Id = "ID00112233445566778899AABBCCDDEE";

    [Fact]
    public async Task Trace_shows_both_directions_with_secrets_masked_even_when_echoed()
    {
        await using var h = new DeviceHarness();
        var pwd = h.Device.SetPasswordAsync(Password);
        await h.Dongle.ExpectAsync($"SKSETPWD C {Password}\r\n");
        await h.Dongle.SendAsync($"SKSETPWD C {Password}\r\nOK\r\n"); // echo on: the dongle repeats the secret
        await Within(pwd);

        var id = h.Device.SetRouteBIdAsync(Id);
        await h.Dongle.ExpectAsync($"SKSETRBID {Id}\r\n");
        await h.Dongle.SendAsync($"SKSETRBID {Id}\r\nFAIL ER06\r\n");
        var failure = await Assert.ThrowsAsync<SkCommandFailedException>(() => Within(id));

        var version = h.Device.GetVersionAsync();
        await h.Dongle.ExpectAsync("SKVER\r\n");
        await h.Dongle.SendAsync("EVER 1.2.10\r\nOK\r\n");
        await Within(version);

        var trace = h.Log.Entries.Where(e => e.Level == LogLevel.Trace).Select(e => e.Text).ToList();
        Assert.Contains(">> SKSETPWD C ************", trace);
        Assert.Contains("<< SKSETPWD C ************", trace);
        Assert.Contains(">> SKSETRBID " + new string('*', 32), trace);
        Assert.Contains("<< SKSETRBID " + new string('*', 32), trace);
        Assert.Contains(">> SKVER", trace);
        Assert.Contains("<< EVER 1.2.10", trace);
        Assert.Contains("<< FAIL ER06", trace);

        Assert.DoesNotContain(Password, h.Log.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Id, h.Log.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Id, failure.ToString(), StringComparison.Ordinal);
        Assert.Equal("SKSETRBID failed: FAIL ER06 (argument value out of range or malformed)", failure.Message);
    }

    [Fact]
    public async Task Timeout_of_a_credential_command_does_not_leak()
    {
        await using var h = new DeviceHarness();
        var pwd = h.Device.SetPasswordAsync(Password);
        await h.Dongle.ExpectAsync($"SKSETPWD C {Password}\r\n");
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        var ex = await Assert.ThrowsAsync<SkTimeoutException>(() => Within(pwd));
        Assert.DoesNotContain(Password, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, h.Log.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbled_echo_of_a_secret_is_masked_in_the_debug_log()
    {
        await using var h = new DeviceHarness();
        await h.Dongle.SendAsync($"\u0001SKSETPWD C {Password}\r\n");
        var version = h.Device.GetVersionAsync();
        await h.Dongle.ExpectAsync("SKVER\r\n");
        await h.Dongle.SendAsync("EVER 1.2.10\r\nOK\r\n");
        await Within(version);
        Assert.DoesNotContain(Password, h.Log.AllText, StringComparison.Ordinal);
        Assert.Contains("SKSETPWD C ************", h.Log.AllText, StringComparison.Ordinal);
    }
}
