using BRoute.SkStack.Errors;

namespace BRoute.SkStack.Transport;

/// <summary>Opens a device string: <c>tcp://host:port</c>, otherwise a serial device path (<c>/dev/ttyUSB0</c>, a pty, <c>COM3</c>).</summary>
public static class SkTransportFactory
{
    /// <summary>Opens <paramref name="device"/>. Throws <see cref="SkTransportOpenException"/> with a user-facing message.</summary>
    public static async Task<SkTransport> OpenAsync(string device, SkTransportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        device = device.Trim();
        if (device.Length == 0)
        {
            throw new SkTransportOpenException(device, "no device given: pass a serial device path (e.g. /dev/ttyUSB0) or tcp://host:port");
        }

        if (device.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase))
        {
            var (host, port) = ParseTcp(device);
            return await TcpTransport.ConnectAsync(host, port, options, cancellationToken).ConfigureAwait(false);
        }

        if (device.Contains("://", StringComparison.Ordinal))
        {
            throw new SkTransportOpenException(device, $"unsupported device '{device}': use a serial device path (e.g. /dev/ttyUSB0) or tcp://host:port");
        }

        return SerialPortTransport.Open(device, options);
    }

    /// <summary>Splits <c>tcp://host:port</c> (IPv6 hosts in brackets).</summary>
    public static (string Host, int Port) ParseTcp(string device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (!Uri.TryCreate(device, UriKind.Absolute, out var uri) || uri.Scheme != "tcp" || string.IsNullOrEmpty(uri.Host)
            || uri.IsDefaultPort || uri.Port <= 0 || (uri.AbsolutePath.Length > 0 && uri.AbsolutePath != "/"))
        {
            throw new SkTransportOpenException(device, $"malformed device '{device}': expected tcp://host:port, e.g. tcp://127.0.0.1:5000");
        }

        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host;
        return (host, uri.Port);
    }
}
