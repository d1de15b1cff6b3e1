using BRoute.SkStack.Device;

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
    /// <summary>Opens a device string each time: <c>/dev/ttyUSB0</c>, a pty path, or <c>tcp://host:port</c>.</summary>
    public static SkDeviceFactory Open(string device)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        return async (options, cancellationToken) => await SkDevice.OpenAsync(device, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Wraps a fresh duplex stream each time (e.g. an in-memory simulator connection).</summary>
    public static SkDeviceFactory FromStream(Func<CancellationToken, ValueTask<Stream>> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        return async (options, cancellationToken) => new SkDevice(await open(cancellationToken).ConfigureAwait(false), options);
    }
}
