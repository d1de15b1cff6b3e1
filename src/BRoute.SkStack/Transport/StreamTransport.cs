namespace BRoute.SkStack.Transport;

/// <summary>Any duplex <see cref="System.IO.Stream"/> (tests, the simulator, an already-open port).</summary>
public sealed class StreamTransport : SkTransport
{
    private readonly bool _ownsStream;

    public StreamTransport(Stream stream, string description = "stream", bool ownsStream = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(description);
        Stream = stream;
        Description = description;
        _ownsStream = ownsStream;
    }

    /// <inheritdoc />
    public override Stream Stream { get; }

    /// <inheritdoc />
    public override string Description { get; }

    /// <inheritdoc />
    protected override async ValueTask DisposeAsyncCore()
    {
        if (_ownsStream)
        {
            await Stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
