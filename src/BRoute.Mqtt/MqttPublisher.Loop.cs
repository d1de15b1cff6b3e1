using System.Net.Sockets;
using System.Security.Authentication;
using MQTTnet;
using MQTTnet.Protocol;

namespace BRoute.Mqtt;

/// <summary>
/// The publisher's one loop, in the style of MQTTnet's "reconnect using timer" sample (MQTTnet 5 has no managed
/// client): connect when not connected, publish what is pending, wait for work or the check interval, ping, repeat.
/// Only this loop touches the client, so connects and publishes never overlap.
/// </summary>
public sealed partial class MqttPublisher
{
    private readonly Dictionary<string, long> _cursors = new(StringComparer.Ordinal);

    private async Task RunAsync(CancellationToken stop)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += OnMessageAsync;
        client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
            {
                Wake();
            }

            return Task.CompletedTask;
        };

        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (!client.IsConnected)
                {
                    var problem = await ConnectAsync(client, stop).ConfigureAwait(false);
                    if (problem is not null)
                    {
                        failures++;
                        var delay = Backoff(failures);
                        var now = _time.GetUtcNow();
                        SetStatus(new MqttConnectionStatus(MqttConnectionState.Disconnected, Status.State == MqttConnectionState.Disconnected ? Status.Since : now, problem, failures, now + delay));
                        MqttPublisherLog.ConnectFailed(_logger, problem, delay);
                        await Task.Delay(delay, _time, stop).ConfigureAwait(false);
                        continue;
                    }

                    failures = 0;
                }

                await PublishPendingAsync(client, stop).ConfigureAwait(false);
                if (await WaitForWorkAsync(stop).ConfigureAwait(false) && !await client.TryPingAsync(stop).ConfigureAwait(false))
                {
                    // Drop a half-open connection so the next round connects afresh.
                    await client.TryDisconnectAsync(MqttClientDisconnectOptionsReason.UnspecifiedError).ConfigureAwait(false);
                    Lost("the broker stopped answering pings");
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                if (client.IsConnected)
                {
                    MqttPublisherLog.PublishFailed(_logger, Innermost(ex));
                    await WaitForWorkAsync(stop).ConfigureAwait(false);
                }
                else
                {
                    Lost(Innermost(ex));
                }
            }
        }

        await SayGoodbyeAsync(client).ConfigureAwait(false);
    }

    private void Lost(string problem)
    {
        MqttPublisherLog.Lost(_logger, problem);
        var now = _time.GetUtcNow();
        SetStatus(new MqttConnectionStatus(MqttConnectionState.Disconnected, now, problem, 0, now));
    }

    private TimeSpan Backoff(int failures)
    {
        var delay = _options.ReconnectDelay;
        for (var i = 1; i < failures && delay < _options.MaxReconnectDelay; i++)
        {
            delay *= 2;
        }

        return delay < _options.MaxReconnectDelay ? delay : _options.MaxReconnectDelay;
    }

    /// <summary>Connects, subscribes and sends the birth; null on success, else what went wrong in plain words.</summary>
    private async Task<string?> ConnectAsync(IMqttClient client, CancellationToken stop)
    {
        _setup.ResetCertificateProblem();
        MqttClientConnectResult result;
        try
        {
            // A cancellable token replaces MQTTnet's own connect timeout, so it is linked with one here.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            timeout.CancelAfter(_options.Timeout);
            result = await client.ConnectAsync(_setup.ClientOptions, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            return DescribeConnectFailure(ex);
        }

        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            return DescribeRefusal(result);
        }

        var subscribe = new MqttClientSubscribeOptionsBuilder();
        if (_options.HomeAssistantDiscovery)
        {
            subscribe.WithTopicFilter(Topics.HomeAssistantStatus, MqttQualityOfServiceLevel.AtLeastOnce);
            if (_options.Meters is not null)
            {
                subscribe.WithTopicFilter(Topics.DiscoveryFilter, MqttQualityOfServiceLevel.AtLeastOnce);
            }

            await client.SubscribeAsync(subscribe.Build(), stop).ConfigureAwait(false);
        }

        await PublishAsync(client, Topics.Status, MqttTopics.Online, retain: true, stop).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var meter in _meters.Values)
            {
                meter.DiscoveryDirty = meter.StateDirty = meter.AvailabilityDirty = true;
            }
        }

        MqttPublisherLog.Connected(_logger, MqttPublisherOptionsValidator.Safe(_options.Broker!));
        SetStatus(new MqttConnectionStatus(MqttConnectionState.Connected, _time.GetUtcNow()));
        return null;
    }

    private string DescribeConnectFailure(Exception ex)
    {
        var where = $"{_options.Host}:{_options.Port}";
        if (_setup.LastCertificateProblem is { } certificate)
        {
            return certificate;
        }

        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case AuthenticationException:
                    return $"the TLS handshake with {where} failed ({e.Message}): check that the broker speaks TLS on this port and that the client certificate is accepted";
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return $"nothing accepts connections at {where} (connection refused): check that the broker runs and the port";
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain }:
                    return $"the broker host '{_options.Host}' is not found: check the name";
                case SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.NotConnected or SocketError.Shutdown } s:
                    return $"the broker at {where} dropped the connection while it was being set up ({s.SocketErrorCode}): "
                        + (!_options.UseTls ? "if the broker expects TLS, use mqtts://"
                            : _options.ClientCertificateFile is null ? "check that this port speaks TLS (mqtts) and whether the broker requires a client certificate (set the client certificate file)"
                            : "check that this port speaks TLS (mqtts) and that the broker accepts the client certificate");
                case SocketException s:
                    return $"cannot reach {where} ({s.SocketErrorCode}): check the network and the broker";
                case OperationCanceledException or TimeoutException:
                    return $"no answer from {where} within {_options.Timeout.TotalSeconds} s: check the host, the port and {(_options.UseTls ? "that the port speaks TLS" : "whether the broker expects TLS (mqtts://)")}";
            }
        }

        return $"connecting to {where} failed ({Innermost(ex)})" + (_options.UseTls ? string.Empty : ": if the broker expects TLS, use mqtts://");
    }

    private string DescribeRefusal(MqttClientConnectResult result) => result.ResultCode switch
    {
        MqttClientConnectResultCode.BadUserNameOrPassword =>
            $"the broker refused the user name or password (BadUserNameOrPassword): check the MQTT user and password{(_options.Username is null ? " (none is set)" : string.Empty)}",
        MqttClientConnectResultCode.NotAuthorized =>
            $"the broker refused this client (NotAuthorized): check the MQTT user and password and the broker's access rules{(_options.Username is null ? "; anonymous connections may be disabled" : string.Empty)}",
        MqttClientConnectResultCode.ClientIdentifierNotValid => $"the broker refused the client id '{_options.ClientId}': choose a shorter one of letters and digits",
        MqttClientConnectResultCode.UnsupportedProtocolVersion => "the broker does not speak this MQTT version: set the protocol to 3.1.1",
        var code => $"the broker refused the connection ({code}{(result.ReasonString is { Length: > 0 } reason ? ": " + reason : string.Empty)})",
    };

    private static string Innermost(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return ReferenceEquals(inner, ex) ? ex.Message : $"{ex.Message}: {inner.Message}";
    }

    /// <summary>True when the check interval passed without work arriving.</summary>
    private async Task<bool> WaitForWorkAsync(CancellationToken stop)
    {
        using var timer = new CancellationTokenSource(_options.CheckInterval, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timer.Token);
        try
        {
            await _wake.WaitAsync(linked.Token).ConfigureAwait(false);
            return false;
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return true;
        }
    }

    private async Task SayGoodbyeAsync(IMqttClient client)
    {
        if (!client.IsConnected)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(_options.Timeout);
        try
        {
            await PublishAsync(client, Topics.Status, MqttTopics.Offline, retain: true, timeout.Token).ConfigureAwait(false);
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            MqttPublisherLog.Lost(_logger, "while stopping: " + Innermost(ex));
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        var payload = e.ApplicationMessage.ConvertPayloadToString() ?? string.Empty;
        if (topic == Topics.HomeAssistantStatus)
        {
            if (payload == MqttTopics.Online)
            {
                lock (_gate)
                {
                    foreach (var meter in _meters.Values)
                    {
                        meter.DiscoveryDirty = meter.StateDirty = meter.AvailabilityDirty = true;
                    }
                }

                MqttPublisherLog.HomeAssistantOnline(_logger);
                Wake();
            }
        }
        else if (payload.Length > 0 && Topics.MeterOfDiscovery(topic) is { } meterId && _options.Meters is { } configured
            && !configured.Contains(meterId, StringComparer.OrdinalIgnoreCase))
        {
            lock (_gate)
            {
                if (!_meters.ContainsKey(meterId) && !_clears.Any(c => c.MeterId == meterId))
                {
                    _clears.Enqueue(new PendingClear(meterId, null));
                }
            }

            Wake();
        }

        return Task.CompletedTask;
    }
}
