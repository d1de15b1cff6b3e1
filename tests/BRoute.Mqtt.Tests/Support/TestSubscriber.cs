using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace BRoute.Mqtt.Tests.Support;

/// <summary>A received message as the test sees it.</summary>
internal sealed record Received(string Topic, string Payload, bool Retain, MqttQualityOfServiceLevel Qos);

/// <summary>An MQTTnet client subscribed to everything (<c>#</c>) that records what arrives, for exact-payload checks.</summary>
internal sealed class TestSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly List<Received> _messages = [];

    private TestSubscriber()
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            lock (_messages)
            {
                _messages.Add(new Received(m.Topic, Encoding.UTF8.GetString(m.Payload), m.Retain, m.QualityOfServiceLevel));
            }

            return Task.CompletedTask;
        };
    }

    public static async Task<TestSubscriber> ConnectAsync(int port, string filter = "#", string? user = null, string? password = null)
    {
        var subscriber = new TestSubscriber();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("test-subscriber-" + Guid.NewGuid().ToString("N")[..8]);
        if (user is not null)
        {
            options = options.WithCredentials(user, password);
        }

        using var timeout = new CancellationTokenSource(Wait.Timeout);
        await subscriber._client.ConnectAsync(options.Build(), timeout.Token);
        await subscriber._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), timeout.Token);
        return subscriber;
    }

    public IReadOnlyList<Received> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public IReadOnlyList<Received> On(string topic) => [.. Messages.Where(m => m.Topic == topic)];

    public Received? Last(string topic) => Messages.LastOrDefault(m => m.Topic == topic);

    /// <summary>Waits for a message on <paramref name="topic"/> matching <paramref name="match"/>; returns it.</summary>
    public async Task<Received> WaitForAsync(string topic, Func<Received, bool>? match = null, Action? eachRound = null)
    {
        Received? found = null;
        await Wait.UntilAsync(() => (found = Messages.LastOrDefault(m => m.Topic == topic && (match?.Invoke(m) ?? true))) is not null, $"a message on {topic}", eachRound);
        return found!;
    }

    public async Task PublishAsync(string topic, string payload, bool retain = false)
    {
        using var timeout = new CancellationTokenSource(Wait.Timeout);
        await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), timeout.Token);
    }

    public void Clear()
    {
        lock (_messages)
        {
            _messages.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            using var timeout = new CancellationTokenSource(Wait.Timeout);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
        }

        _client.Dispose();
    }
}
