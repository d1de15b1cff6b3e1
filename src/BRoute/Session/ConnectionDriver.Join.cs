using BRoute.Connection;
using BRoute.Scanning;
using BRoute.SkStack.Errors;
using BRoute.SkStack.Grammar;

namespace BRoute.Session;

/// <summary>Scan and join I/O: the scan ladder, SKSREG S2/S3 + SKLL64 + SKADDNBR + SKJOIN, the wake-up ping.</summary>
internal sealed partial class ConnectionDriver
{
    private async Task ScanAsync(byte? knownChannel, CancellationToken cancellationToken)
    {
        if (Link is not { } link)
        {
            return;
        }

        var report = await _scanner.RunAsync(link, knownChannel, cancellationToken).ConfigureAwait(false);
        if (report.Found is { } found)
        {
            OnMeterFound(found);
            Post(new ScanSucceeded(found.Pan));
        }
        else
        {
            Post(new ScanExhausted(report.Failure!));
        }
    }

    private async Task JoinAsync(MeterPan pan, int attempt, int joinTimerId, CancellationToken cancellationToken)
    {
        if (Link is not { } link)
        {
            return;
        }

        Report(new SessionProgress(SessionStage.Joining, $"joining the meter ({pan}), attempt {attempt}") { Attempt = attempt });
        try
        {
            await link.Device.WriteRegisterAsync(SkRegister.Channel, pan.Channel, cancellationToken).ConfigureAwait(false);
            await link.Device.WriteRegisterAsync(SkRegister.PanId, pan.PanId, cancellationToken).ConfigureAwait(false);
            var address = await link.Device.GetLinkLocalAddressAsync(pan.MacAddress, cancellationToken).ConfigureAwait(false);
            link.MeterAddress = address;
            _client.OnMeterAddress(address);
            try
            {
                // Puts the meter in the neighbour cache so the first unicast needs no Neighbor Solicitation (skstack.md §3).
                await link.Device.AddNeighborAsync(address, pan.MacAddress, cancellationToken).ConfigureAwait(false);
            }
            catch (SkCommandFailedException ex)
            {
                SessionLog.ActionFailed(_logger, "SKADDNBR", ex.Message);
            }

            Volatile.Write(ref _panaSeen, 0);
            await link.Device.JoinAsync(address, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SkCommandFailedException or SkTimeoutException or SkUnexpectedResponseException)
        {
            // The join could not even start: count it as a join the meter did not answer (no need to wait 45 s).
            SessionLog.ActionFailed(_logger, "join", ex.Message);
            Post(new TimerFired(TimerKind.Join, joinTimerId));
        }
    }

    private async Task PingAsync(MeterPan pan, CancellationToken cancellationToken)
    {
        if (Link is not { } link)
        {
            return;
        }

        await link.Device.PingAsync(link.MeterAddress ?? SkAddress.LinkLocalFromMac(pan.MacAddress), cancellationToken).ConfigureAwait(false);
    }
}
