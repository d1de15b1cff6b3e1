using System.Net;
using System.Net.Sockets;

namespace BRoute.Simulator.Hosting;

/// <summary>
/// Serves a simulator over TCP like ser2net in raw mode: one client at a time; a second connection is closed
/// at once; the dongle keeps its state between connections. Vanishing drops the connection and refuses new
/// ones until the dongle is back.
/// </summary>
public sealed class TcpSerialServer : IDisposable
{
    private readonly SimulatorHost _host;
    private readonly TcpListener _listener;

    public TcpSerialServer(SimulatorHost host, IPEndPoint endPoint)
    {
        _host = host;
        _listener = new TcpListener(endPoint);
        _listener.Start();
    }

    /// <summary>The bound endpoint (port 0 resolves here).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Connections refused because one was already served or the dongle was gone.</summary>
    public int Refused { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Task? current = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
                if ((current is not null && !current.IsCompleted) || !_host.IsPresent)
                {
                    Refused++;
                    client.Dispose();
                    continue;
                }

                current = ServeAsync(client, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        if (current is not null)
        {
            await current.ConfigureAwait(false);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken ct)
    {
        using (client)
        {
            client.NoDelay = true;
            try
            {
                await _host.ServeAsync(client.GetStream(), ct).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                Refused++; // raced with another connection or a vanish
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
