using BRoute.SkStack.Device;
using BRoute.SkStack.Errors;

namespace BRoute.Session;

/// <summary>
/// Opens the dongle for a <see cref="MeterSession"/>, at start and again after the transport was lost
/// (USB unplugged, ser2net restarted). The session builds <paramref name="options"/> (its clock, logger,
/// family override and command timeout); the factory only chooses the transport.
/// </summary>
/// <exception cref="BRoute.SkStack.Errors.SkTransportOpenException">The device cannot be opened (yet).</exception>
public delegate ValueTask<SkDevice> SkDeviceFactory(SkDeviceOptions options, CancellationToken cancellationToken);

/// <summary>Ready-made <see cref="SkDeviceFactory"/> values.</summary>
public static class SkDeviceFactories
{
    /// <summary>Attempts to open a <c>tcp://</c> device whose server drops the connection at once.</summary>
    public const int TcpOpenAttempts = 3;

    /// <summary>Waits before the second and third <c>tcp://</c> attempt.</summary>
    public static readonly IReadOnlyList<TimeSpan> TcpOpenPauses = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(600)];

    /// <summary>
    /// Opens a device string each time: <c>/dev/ttyUSB0</c>, a pty path, or <c>tcp://host:port</c>. For
    /// <c>tcp://</c> (ser2net and the simulator serve one client at a time) it first asks SKVER: a server still
    /// closing the previous client's connection accepts the new one and drops it at once, which would otherwise
    /// look like a lost dongle. Then it waits briefly and tries again, at most <see cref="TcpOpenAttempts"/> times.
    /// </summary>
    public static SkDeviceFactory Open(string device)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        SkDeviceFactory open = async (options, cancellationToken) => await SkDevice.OpenAsync(device, options, cancellationToken).ConfigureAwait(false);
        return device.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase) ? RetryDroppedTcp(open) : open;
    }

    private static SkDeviceFactory RetryDroppedTcp(SkDeviceFactory open) => async (options, cancellationToken) =>
    {
        for (var attempt = 1; ; attempt++)
        {
            var opened = await open(options, cancellationToken).ConfigureAwait(false);
            try
            {
                await opened.GetVersionAsync(cancellationToken).ConfigureAwait(false);
                return opened;
            }
            catch (SkTransportLostException) when (attempt < TcpOpenAttempts)
            {
                await opened.DisposeAsync().ConfigureAwait(false);
                await Task.Delay(TcpOpenPauses[attempt - 1], options.TimeProvider, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Wraps a fresh duplex stream each time (e.g. an in-memory simulator connection).</summary>
    public static SkDeviceFactory FromStream(Func<CancellationToken, ValueTask<Stream>> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        return async (options, cancellationToken) => new SkDevice(await open(cancellationToken).ConfigureAwait(false), options);
    }
}
