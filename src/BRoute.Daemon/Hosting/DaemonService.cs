using BRoute.Daemon.Runtime;
using Microsoft.Extensions.Hosting;

namespace BRoute.Daemon.Hosting;

/// <summary>
/// The generic host's view of <see cref="BRouteDaemon"/>: start it before the host reports ready (so systemd's READY=1
/// means the store is open and the web server listens), stop it on SIGTERM. Wiring only.
/// </summary>
internal sealed class DaemonService(BRouteDaemon daemon) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();

    public Task StartAsync(CancellationToken cancellationToken) => daemon.StartAsync(_stopping.Token);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await daemon.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
