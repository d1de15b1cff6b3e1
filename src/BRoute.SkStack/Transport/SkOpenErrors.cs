using System.Net.Sockets;
using BRoute.SkStack.Errors;

namespace BRoute.SkStack.Transport;

/// <summary>Messages that tell the user what to do when a device cannot be opened.</summary>
internal static class SkOpenErrors
{
    internal static SkTransportOpenException NoSuchDevice(string path) =>
        new(path, $"cannot open {path}: no such device — is the dongle plugged in? (for a simulator, use the pty path it printed)");

    internal static SkTransportOpenException Serial(string path, Exception ex) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => NoSuchDevice(path),
        UnauthorizedAccessException => new(path, $"cannot open {path}: permission denied or the port is in use by another program — check that your user may use the device (e.g. the 'dialout' group) and that nothing else holds it open", ex),
        _ => new(path, $"cannot open {path}: {ex.Message} — is it a serial device?", ex),
    };

    internal static SkTransportOpenException Tcp(string device, Exception ex) => ex switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } =>
            new(device, $"cannot connect to {device}: connection refused — is ser2net (or the simulator) listening there?", ex),
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } =>
            new(device, $"cannot connect to {device}: unknown host", ex),
        SocketException se => new(device, $"cannot connect to {device}: {se.SocketErrorCode} ({se.Message})", ex),
        _ => new(device, $"cannot connect to {device}: {ex.Message}", ex),
    };
}
