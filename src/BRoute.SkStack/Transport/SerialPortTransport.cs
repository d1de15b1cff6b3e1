using System.IO.Ports;

namespace BRoute.SkStack.Transport;

/// <summary>A serial port (USB dongle or pseudo-terminal) at 115200 8N1; DTR/RTS off, handshake off unless asked.</summary>
public sealed class SerialPortTransport : SkTransport
{
    private readonly SerialPort _port;

    private SerialPortTransport(SerialPort port, string path)
    {
        _port = port;
        Description = path;
    }

    /// <inheritdoc />
    public override Stream Stream => _port.BaseStream;

    /// <inheritdoc />
    public override string Description { get; }

    /// <summary>Opens <paramref name="path"/>; failures become <see cref="Errors.SkTransportOpenException"/> with a hint.</summary>
    public static SerialPortTransport Open(string path, SkTransportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new SkTransportOptions();
        if (!OperatingSystem.IsWindows() && !File.Exists(path))
        {
            throw SkOpenErrors.NoSuchDevice(path);
        }

        SerialPort? port = null;
        try
        {
            port = new SerialPort(path, options.BaudRate, Parity.None, 8, StopBits.One)
            {
                Handshake = options.RtsCts ? Handshake.RequestToSend : Handshake.None,
                DtrEnable = false,
                RtsEnable = false,
                ReadTimeout = SerialPort.InfiniteTimeout,
                WriteTimeout = SerialPort.InfiniteTimeout,
            };
            port.Open();
            return new SerialPortTransport(port, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port?.Dispose();
            throw SkOpenErrors.Serial(path, ex);
        }
    }

    /// <inheritdoc />
    protected override ValueTask DisposeAsyncCore()
    {
        _port.Dispose();
        return ValueTask.CompletedTask;
    }
}
