namespace BRoute.SkStack.Transport;

/// <summary>A duplex byte stream to a dongle (serial port, TCP, pseudo-terminal, in-memory).</summary>
public abstract class SkTransport : IAsyncDisposable
{
    /// <summary>The duplex stream: reads what the dongle prints, writes commands.</summary>
    public abstract Stream Stream { get; }

    /// <summary>What is connected, e.g. <c>/dev/ttyUSB0</c> or <c>tcp://127.0.0.1:5000</c>. Never contains credentials.</summary>
    public abstract string Description { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the stream and whatever owns it.</summary>
    protected abstract ValueTask DisposeAsyncCore();
}
