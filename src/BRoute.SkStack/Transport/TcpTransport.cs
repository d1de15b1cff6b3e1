using System.Net.Sockets;
using BRoute.SkStack.Errors;

namespace BRoute.SkStack.Transport;

/// <summary>A dongle shared over TCP (ser2net, the simulator): <c>tcp://host:port</c>.</summary>
public sealed class TcpTransport : SkTransport
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    private TcpTransport(TcpClient client, string description)
    {
        _client = client;
        _stream = client.GetStream();
        Description = description;
    }

    /// <inheritdoc />
    public override Stream Stream => _stream;

    /// <inheritdoc />
    public override string Description { get; }

    /// <summary>Connects within <see cref="SkTransportOptions.ConnectTimeout"/>; failures become <see cref="SkTransportOpenException"/>.</summary>
    public static async Task<TcpTransport> ConnectAsync(string host, int port, SkTransportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        options ??= new SkTransportOptions();
        var description = $"tcp://{host}:{port}";
        var client = new TcpClient { NoDelay = true };
        using var timeout = new CancellationTokenSource(options.ConnectTimeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await client.ConnectAsync(host, port, linked.Token).ConfigureAwait(false);
            return new TcpTransport(client, description);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw new SkTransportOpenException(description, $"cannot connect to {description}: no answer within {options.ConnectTimeout.TotalSeconds:0.#} s");
        }
        catch (SocketException ex)
        {
            client.Dispose();
            throw SkOpenErrors.Tcp(description, ex);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    protected override async ValueTask DisposeAsyncCore()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _client.Dispose();
    }
}
