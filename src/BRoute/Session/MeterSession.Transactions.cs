using System.Globalization;
using BRoute.EchonetLite.Frames;
using BRoute.Retry;
using BRoute.SkStack.Errors;
using BRoute.SkStack.Grammar;
using BRoute.SkStack.Items;
using BRoute.Notifications;
using BRoute.Transactions;

namespace BRoute.Session;

/// <summary>One ECHONET request with its retries, and what comes back from the dongle.</summary>
public sealed partial class MeterSession
{
    private readonly SemaphoreSlim _sendLock = new(1, 1); // one SKSENDTO and its EVENT 21 at a time
    private int _sendHeld; // 1 while a send runs with the turn (set once its wait for _sendLock has resumed)

    void IConnectionClient.OnErxudp(Erxudp datagram)
    {
        _counters.LinkQuality.OnFrame(datagram, _matcher.MeterAddress); // RSSI/LQI token of the meter's frames (PANA too)
        if (!datagram.Destination.IsIPv6Multicast)
        {
            _budget.RecordAckSent(); // the dongle MAC-acknowledges every unicast frame it receives
        }

        if (datagram.SenderPort == SkPorts.Pana && datagram.DestinationPort == SkPorts.Pana)
        {
            return; // PANA traffic of a join or re-authentication
        }

        var result = _matcher.Match(datagram.Sender, datagram.SenderPort, datagram.Data);
        switch (result.Kind)
        {
            case MatchKind.Reply:
                break; // the matcher completed the request's Reply
            case MatchKind.Notification:
                OnNotification(result.Frame!);
                break;
            default:
                SessionLog.Dropped(_logger, datagram.Sender.ToString(), datagram.SenderPort, result.Reason!.Value.Name());
                break;
        }
    }

    /// <summary>
    /// Sends one request and waits for its reply: a fresh TID, then attempts per <see cref="RetryPolicy"/> that all
    /// resend the same frame (so a late answer to any attempt completes it). Waits for the send gate (the session
    /// may be re-authenticating or reopening), the transmission budget, EVENT 21 (01 → pause and resend, 02 → wait).
    /// Returns null when every attempt went unanswered. The caller holds the operation lock.
    /// </summary>
    /// <param name="probe">A Get larger than any the meter answered in full: one reply timeout (<see cref="RetryPolicy.ProbeReplyTimeout"/>) ends it.</param>
    private async Task<EchonetFrame?> TransactAsync(Esv esv, IReadOnlyList<EchonetProperty> properties, CancellationToken cancellationToken, bool probe = false)
    {
        try
        {
            return await TransactCoreAsync(esv, properties, probe, cancellationToken).ConfigureAwait(false);
        }
        catch (SkStackException ex)
        {
            throw DongleErrors.Wrap(ex); // the session's edge: library users see BRouteException only
        }
    }

    private async Task<EchonetFrame?> TransactCoreAsync(Esv esv, IReadOnlyList<EchonetProperty> properties, bool probe, CancellationToken cancellationToken)
    {
        var pending = _matcher.Begin(EchonetLite.Frames.Eoj.SmartMeter, esv, properties);
        var reply = pending.Reply;
        _counters.Request();
        var payload = FrameCodec.Encode(pending.Frame);
        var epcs = properties.Select(p => p.Epc).ToArray();
        var epcText = string.Join(" ", epcs.Select(e => e.ToString("X2", CultureInfo.InvariantCulture)));
        var attempts = new RequestAttempts(_options.Retry, epcs, probe);
        var estimator = EstimatorFor(epcs);
        long? firstSentAt = null; // EVENT 21 00 of the first send: the reply time is measured from there
        try
        {
            var step = attempts.Start();
            while (true)
            {
                if (reply.IsCompletedSuccessfully)
                {
                    if (estimator is not null && firstSentAt is { } sentAt)
                    {
                        lock (_estimatorLock)
                        {
                            // Karn: a reply after a resend of the same TID may answer either copy; OnReply ignores it.
                            estimator.OnReply(_time.GetElapsedTime(sentAt), attempts.Attempt);
                        }
                    }

                    return reply.Result;
                }

                switch (step.Kind)
                {
                    case RetryStepKind.Send:
                        if (step.Attempt > 1)
                        {
                            _counters.Retry();
                        }

                        SessionLog.Sending(_logger, esv.Symbol(), pending.Tid, step.Attempt, epcText);
                        step = await SendAttemptAsync(attempts, payload, cancellationToken).ConfigureAwait(false);
                        if (step.Kind == RetryStepKind.AwaitReply && attempts.Attempt == 1)
                        {
                            firstSentAt = _time.GetTimestamp();
                        }

                        if (step.Kind == RetryStepKind.PauseThenResend)
                        {
                            _counters.SendFailure();
                            SessionLog.Resend(_logger, pending.Tid, "the send failed (EVENT 21 01, no EVENT 21, or too many EVENT 21 02)", step.Wait.TotalSeconds);
                        }
                        else if (step.Kind == RetryStepKind.GiveUp)
                        {
                            _counters.SendFailure();
                        }

                        break;
                    case RetryStepKind.AwaitReply:
                        var replyWait = attempts.ReplyWait(TimeoutOf(estimator));
                        if (await CompletesWithinAsync(reply, replyWait, cancellationToken).ConfigureAwait(false))
                        {
                            break;
                        }

                        _counters.ReplyTimeout();
                        if (estimator is not null && !probe) // a batch too big for the meter says nothing about the link's reply time
                        {
                            lock (_estimatorLock)
                            {
                                estimator.OnTimeout();
                            }
                        }

                        step = attempts.OnReplyTimeout(replyWait); // an early (adaptive) timeout resends without the pause
                        if (step.Kind == RetryStepKind.PauseThenResend)
                        {
                            SessionLog.Resend(_logger, pending.Tid, string.Create(CultureInfo.InvariantCulture, $"no reply within {replyWait.TotalSeconds:0.##} s"), step.Wait.TotalSeconds);
                        }

                        break;
                    case RetryStepKind.PauseThenResend:
                        if (!await CompletesWithinAsync(reply, step.Wait, cancellationToken).ConfigureAwait(false))
                        {
                            step = attempts.Resend();
                        }

                        break;
                    case RetryStepKind.AwaitSendResult:
                        // Only SendAttemptAsync produces this step, and it waits for the result itself.
                        throw new InvalidOperationException("unexpected retry step " + step.Kind);
                    case RetryStepKind.GiveUp when probe && step.Reason == GiveUpReason.NoReply:
                        SessionLog.ProbeSilent(_logger, pending.Tid, epcs.Length, attempts.ReplyTimeout.TotalSeconds);
                        return null;
                    default:
                        _counters.GivenUp();
                        SessionLog.GivenUp(_logger, pending.Tid, step.Attempt, step.Reason?.ToString() ?? "unknown");
                        return null;
                }
            }
        }
        finally
        {
            if (!reply.IsCompletedSuccessfully)
            {
                _matcher.Abandon(pending); // a reply still on its way is then counted as stale
            }
        }
    }

    /// <summary>
    /// One SKSENDTO of the request and its EVENT 21; returns the next step (await reply, pause and resend, give up).
    /// Sends of requests in flight together take turns: the dongle has one slot for a pending EVENT 21.
    /// </summary>
    private async Task<RetryStep> SendAttemptAsync(RequestAttempts attempts, byte[] payload, CancellationToken cancellationToken)
    {
        await EnterSendAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendAttemptLockedAsync(attempts, payload, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ExitSend();
        }
    }

    /// <summary>
    /// The turn is taken (count 0) but no send runs with it: it was just handed to a waiter whose continuation has not
    /// run yet, or is being given back. The session has work to do without waiting for time or the dongle (tests on a
    /// fake clock advance time only when there is none).
    /// </summary>
    private bool SendTurnPending => _sendLock.CurrentCount == 0 && Volatile.Read(ref _sendHeld) == 0;

    private async Task EnterSendAsync(CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _sendHeld, 1);
    }

    private void ExitSend()
    {
        Volatile.Write(ref _sendHeld, 0);
        _sendLock.Release();
    }

    private async Task<RetryStep> SendAttemptLockedAsync(RequestAttempts attempts, byte[] payload, CancellationToken cancellationToken)
    {
        var link = await ReserveAsync(payload.Length, cancellationToken).ConfigureAwait(false);
        link.BeginSend();
        UdpSendResult? result;
        try
        {
            _counters.FrameSent();
            result = await link.Device.SendToAsync(link.MeterAddress!, payload, null, cancellationToken).ConfigureAwait(false);
        }
        catch (SkTimeoutException)
        {
            return attempts.OnSendResultTimeout(); // state unknown: handled like a failed send
        }
        catch (Exception ex) when (ex is SkCommandFailedException or SkTransportLostException or SkUnexpectedResponseException)
        {
            // FAIL (e.g. ER10: the session ended under us) or the dongle went away: resend once the gate reopens.
            SessionLog.ActionFailed(_logger, "SKSENDTO", ex.Message);
            result = UdpSendResult.Failure;
        }

        var step = result is { } known ? attempts.OnSendResult(known) : new RetryStep(RetryStepKind.AwaitSendResult, _options.Retry.SendResultTimeout, attempts.Attempt);
        while (step.Kind == RetryStepKind.AwaitSendResult)
        {
            // EVENT 21 02 (neighbour solicitation) or OK without EVENT 21: the final EVENT 21 comes on its own.
            var laterResult = link.NextSendResult();
            if (await CompletesWithinAsync(laterResult, step.Wait, cancellationToken).ConfigureAwait(false))
            {
                step = attempts.OnSendResult(laterResult.Result);
            }
            else
            {
                step = attempts.OnSendResultTimeout();
            }
        }

        return step;
    }

    /// <summary>Waits for the send gate, then reserves the frame's air time (waiting while the budget holds it back).</summary>
    private async Task<DeviceLink> ReserveAsync(int payloadBytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            var link = await _connection.WaitSendableAsync(_options.OutageTimeout, cancellationToken).ConfigureAwait(false);
            var permission = _budget.TryReserve(payloadBytes);
            if (permission.Allowed)
            {
                return link;
            }

            // The module's own pause (EVENT 32 until EVENT 33) is the connection's: the gate wait above covers it.
            _counters.Hold();
            SessionLog.Held(_logger, "hourly transmission budget used up", permission.Delay.TotalSeconds);
            await Task.Delay(permission.Delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> CompletesWithinAsync(Task task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (task.IsCompleted)
        {
            return true;
        }

        if (timeout <= TimeSpan.Zero)
        {
            return false;
        }

        try
        {
            await task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Sends an INFC_Res in the background (not under the operation lock: a request may be waiting for its reply).</summary>
    private void RespondToInfc(EchonetFrame infc)
    {
        var response = NotificationRouter.BuildInfcResponse(infc, _options.Matcher.Controller);
        var payload = FrameCodec.Encode(response);
        CancellationToken token;
        try
        {
            token = _closing.Token;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        var task = Task.Run(
            async () =>
            {
                try
                {
                    await EnterSendAsync(token).ConfigureAwait(false);
                    try
                    {
                        var link = await ReserveAsync(payload.Length, token).ConfigureAwait(false);
                        _counters.FrameSent();
                        await link.Device.SendToAsync(link.MeterAddress!, payload, null, token).ConfigureAwait(false);
                    }
                    finally
                    {
                        ExitSend();
                    }

                    _counters.InfcResponse();
                    SessionLog.InfcAnswered(_logger, infc.Tid);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    // closing
                }
                catch (Exception ex) when (ex is SkStackException or BRouteException or ObjectDisposedException)
                {
                    SessionLog.ActionFailed(_logger, "INFC_Res", ex.Message);
                }
            },
            CancellationToken.None);
        lock (_sendsLock)
        {
            _backgroundSends.RemoveAll(t => t.IsCompleted);
            _backgroundSends.Add(task);
        }
    }
}
