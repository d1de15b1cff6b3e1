using BRoute.Session;
using BRoute.SkStack.Device;
using BRoute.SkStack.Errors;

namespace BRoute.Cli.Sessions;

/// <summary>
/// Opens the device string of the settings. For <c>tcp://</c> (ser2net and the simulator serve one client at a
/// time) it first asks SKVER: a server still closing the previous client's connection accepts the new one and
/// drops it at once, which would otherwise fail the command as "dongle lost". Then it waits briefly and tries
/// again, at most <see cref="Attempts"/> times. Serial ports are opened as they are.
/// </summary>
internal static class DeviceOpener
{
    public const int Attempts = 3;

    /// <summary>Waits before the second and third attempt.</summary>
    public static readonly TimeSpan[] Pauses = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(600)];

    public static SkDeviceFactory For(string device)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        var open = SkDeviceFactories.Open(device);
        if (!device.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase))
        {
            return open;
        }

        return async (options, cancellationToken) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                var opened = await open(options, cancellationToken).ConfigureAwait(false);
                try
                {
                    await opened.GetVersionAsync(cancellationToken).ConfigureAwait(false);
                    return opened;
                }
                catch (SkTransportLostException) when (attempt < Attempts)
                {
                    await opened.DisposeAsync().ConfigureAwait(false);
                    await Task.Delay(Pauses[attempt - 1], options.TimeProvider, cancellationToken).ConfigureAwait(false);
                }
                catch (SkStackException ex) when (ex is not SkTransportLostException)
                {
                    return opened; // it is there but odd: the session's own dialect detection deals with it
                }
                catch
                {
                    await opened.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }
        };
    }
}
