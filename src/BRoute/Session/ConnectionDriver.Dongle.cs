using System.Globalization;
using BRoute.Connection;
using BRoute.SkStack.Device;
using BRoute.SkStack.Errors;
using BRoute.SkStack.Grammar;

namespace BRoute.Session;

/// <summary>Dongle preparation on every open (prompt recovery, echo off, dialect, credentials, SFB), reopen after a lost transport, SKTERM on stop.</summary>
internal sealed partial class ConnectionDriver
{
    private async Task<DeviceLink> OpenLinkAsync(CancellationToken cancellationToken)
    {
        var deviceOptions = new SkDeviceOptions
        {
            CommandTimeout = _options.CommandTimeout,
            Family = _options.Family,
            Logger = _options.Logger,
            TimeProvider = _time,
        };
        var device = await _options.Device(deviceOptions, cancellationToken).ConfigureAwait(false);
        SessionLog.OpeningDevice(_logger, device.Description);
        var link = new DeviceLink(device, this);
        try
        {
            Report(new SessionProgress(SessionStage.PreparingDongle, $"preparing the dongle ({device.Description})"));
            if (await device.RecoverPromptAsync(PromptProbeTimeout, cancellationToken).ConfigureAwait(false))
            {
                SessionLog.PromptRecovered(_logger);
            }

            try
            {
                await RetryAsync("SKSREG SFE 0", ct => device.WriteRegisterAsync(SkRegister.Echo, "0", ct), cancellationToken).ConfigureAwait(false);
            }
            catch (SkCommandFailedException ex)
            {
                SessionLog.ActionFailed(_logger, "turning echo off", ex.Message); // harmless: the driver reads echo lines
            }

            var dialect = await RetryAsync("dialect detection", device.DetectDialectAsync, cancellationToken).ConfigureAwait(false);
            await RetryAsync("SKSETPWD", ct => device.SetPasswordAsync(_credentials.RevealPassword(), ct), cancellationToken).ConfigureAwait(false);
            await RetryAsync("SKSETRBID", ct => device.SetRouteBIdAsync(_credentials.RevealId(), ct), cancellationToken).ConfigureAwait(false);
            link.TransmitLimitedAtOpen = await ReadTransmitLimitAsync(device, cancellationToken).ConfigureAwait(false);
            SessionLog.DongleReady(_logger, dialect.ToString());
            return link;
        }
        catch
        {
            await link.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Asks the dongle whether its transmission limit is active (SFB, skstack.md §4: read-only 0/1), so that a pause
    /// comes from the dongle in hand, never from an earlier one (EVENT 32 then a reopen: the new dongle may never send
    /// EVENT 33). A dongle that cannot tell (FAIL, garbled answer) counts as not limited: it would answer EVENT 32 again.
    /// </summary>
    private async Task<bool> ReadTransmitLimitAsync(SkDevice device, CancellationToken cancellationToken)
    {
        try
        {
            var value = await device.ReadRegisterAsync(SkRegister.TransmissionLimitActive, cancellationToken).ConfigureAwait(false);
            var limited = ulong.TryParse(value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var n) && n != 0;
            if (limited)
            {
                SessionLog.TransmitLimitActiveAtOpen(_logger);
            }

            return limited;
        }
        catch (Exception ex) when (ex is SkCommandFailedException or SkUnexpectedResponseException or SkTimeoutException)
        {
            SessionLog.ActionFailed(_logger, "reading the transmission limit (SKSREG SFB)", ex.Message);
            return false;
        }
    }

    /// <summary>
    /// One preparation step, tried again when the answer was garbled or did not come (noise on the line, stale
    /// bytes after opening the port); a FAIL on the last try, or a lost transport, is thrown.
    /// </summary>
    private async Task<T> RetryAsync<T>(string step, Func<CancellationToken, Task<T>> command, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await command(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < PrepareAttempts && ex is SkUnexpectedResponseException or SkTimeoutException or SkCommandFailedException)
            {
                SessionLog.ActionFailed(_logger, string.Create(CultureInfo.InvariantCulture, $"{step} (try {attempt} of {PrepareAttempts})"), ex.Message);
            }
        }
    }

    private Task RetryAsync(string step, Func<CancellationToken, Task> command, CancellationToken cancellationToken) =>
        RetryAsync<bool>(step, async ct =>
        {
            await command(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private async Task ReopenAsync(CancellationToken cancellationToken)
    {
        _counters.Reopen();
        Report(new SessionProgress(SessionStage.Reconnecting, "reopening the dongle"));
        if (Interlocked.Exchange(ref _link, null) is { } old)
        {
            await old.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            var link = await OpenLinkAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _link, link);
            Post(new TransportReopened { TransmitLimited = link.TransmitLimitedAtOpen });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever the factory or the dongle threw, the device is not back yet: the machine backs off and retries.
            SessionLog.ReopenFailed(_logger, ex.Message);
            Post(new TransportReopenFailed());
        }
    }

    private async Task TerminateAsync()
    {
        if (Link is not { } link || link.Device.IsTransportLost)
        {
            return;
        }

        SessionLog.Closing(_logger, ": SKTERM");
        var ended = link.ArmTermination();
        var sent = false;
        using var timer = new CancellationTokenSource(_options.TerminateTimeout, _time);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, _stopToken);
        try
        {
            await link.Device.TerminateAsync(bound.Token).ConfigureAwait(false);
            sent = true;
            await ended.WaitAsync(bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested)
        {
            SessionLog.ActionFailed(_logger, "SKTERM", "no EVENT 27/28 in time");
        }
        catch (SkStackException ex)
        {
            SessionLog.ActionFailed(_logger, "SKTERM", ex.Message); // e.g. FAIL ER10: no session any more
        }

        if (sent && _state.Pan is { } pan)
        {
            // Taken after EVENT 27/28 (or the wait for it): the meter's clean-up began no later, so the wait errs long.
            await RecordTerminationAsync(pan, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        }
    }
}
