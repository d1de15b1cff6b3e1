using BRoute.SkStack.Device;
using BRoute.SkStack.Grammar;
using Microsoft.Extensions.Time.Testing;

namespace BRoute.SkStack.Tests.Support;

/// <summary>A device on a pseudo-dongle with a fake clock and a capturing logger.</summary>
internal sealed class DeviceHarness : IAsyncDisposable
{
    public DeviceHarness(DongleFamily? family = null, SkDeviceOptions? options = null)
    {
        Options = (options ?? new SkDeviceOptions()) with { TimeProvider = Clock, Logger = Log, Family = family ?? options?.Family };
        Device = new SkDevice(Dongle.HostCounter, Options);
    }

    public PseudoDongle Dongle { get; } = new();

    public FakeTimeProvider Clock { get; } = new();

    public CapturingLogger Log { get; } = new();

    public SkDeviceOptions Options { get; }

    public SkDevice Device { get; }

    /// <summary>Awaits a device call with the real-time guard.</summary>
    public static Task<T> Within<T>(Task<T> task) => task.WaitAsync(PseudoDongle.Guard);

    public static Task Within(Task task) => task.WaitAsync(PseudoDongle.Guard);

    /// <summary>Answers the detection commands of an A1 (EVER 1.2.10, EINFO … FFFE, ROPT OK 01).</summary>
    public async Task AnswerA1DetectionAsync(string ropt = "OK 01\r")
    {
        await Dongle.ExpectAsync("SKVER\r\n");
        await Dongle.SendAsync("EVER 1.2.10\r\nOK\r\n");
        await Dongle.ExpectAsync("SKAPPVER\r\n");
        await Dongle.SendAsync("EAPPVER rev26e\r\nOK\r\n");
        await Dongle.ExpectAsync("SKINFO\r\n");
        await Dongle.SendAsync("EINFO FE80:0000:0000:0000:021D:1290:1234:5678 001D129012345678 21 8888 FFFE\r\nOK\r\n");
        await Dongle.ExpectAsync("ROPT\r");
        await Dongle.SendAsync(ropt);
    }

    /// <summary>Answers the detection commands of a C2 (EVER 1.5.2, EINFO … 0, ROPT OK 01, SA2).</summary>
    public async Task AnswerC2DetectionAsync(string sa2 = "0", string ropt = "OK 01\r")
    {
        await Dongle.ExpectAsync("SKVER\r\n");
        await Dongle.SendAsync("EVER 1.5.2\r\nOK\r\n");
        await Dongle.ExpectAsync("SKAPPVER\r\n");
        await Dongle.SendAsync("EAPPVER rev1.5.2\r\nOK\r\n");
        await Dongle.ExpectAsync("SKINFO\r\n");
        await Dongle.SendAsync("EINFO FE80:0000:0000:0000:021D:1291:0004:E578 001D12910004E578 39 9E08 0\r\nOK\r\n");
        await Dongle.ExpectAsync("ROPT\r");
        await Dongle.SendAsync(ropt);
        await Dongle.ExpectAsync("SKSREG SA2\r\n");
        await Dongle.SendAsync($"ESREG {sa2}\r\nOK\r\n");
    }

    public async ValueTask DisposeAsync()
    {
        await Device.DisposeAsync();
        await Dongle.DisposeAsync();
    }
}
