using System.Text.Json;
using BRoute.Authentication;
using BRoute.Daemon.Configuration;
using BRoute.Daemon.Runtime;
using BRoute.Mqtt.Tests.Support;
using BRoute.Session;
using BRoute.Simulator;
using BRoute.Simulator.Meter;
using Microsoft.Extensions.Logging;

namespace BRoute.Daemon.Tests.Runtime;

/// <summary>
/// broute run's MQTT as Home Assistant sees it: the whole daemon on the in-memory simulator (meter clock × 1800), a real
/// Mosquitto on 127.0.0.1 and a free port, a subscriber on '#'. The meter is one HA device with its entities, states
/// and half-hours arrive, and a broker outage loses no half-hour.
/// </summary>
public sealed class DaemonMqttTests : IDisposable
{
    private const string Id = "7A3F00C1B2D4E5F60718293A4B5C6D7E";
    private const string Password = "Xq7Pw2Lm9Rt4";
    private const string MeterId = "001C640000A1B2C3";
    private readonly string _folder = Directory.CreateTempSubdirectory("broute-daemon-mqtt-").FullName;
    private readonly LogCapture _log = new();

    [Fact]
    public async Task The_meter_is_one_home_assistant_device_and_a_broker_outage_loses_no_half_hour()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var ha = await TestSubscriber.ConnectAsync(broker.Port);
        await using var link = new TcpProxy(broker.Port); // the daemon's network path to the broker
        using var sim = new SimulatorHost(new SimulatorOptions
        {
            LatencyScale = 0,
            TimeScale = 1800,
            Seed = 9,
            Meter = new MeterOptions { RouteBId = Id, Password = Password, Load = LoadModel.Constant, ConstantLoadW = 900, HistoryDays = 1 },
        });
        using var stop = new CancellationTokenSource();
        var daemon = new BRouteDaemon(Settings(link.Port), Options(sim));
        await daemon.StartAsync(stop.Token);

        // Discovery: one device, retained, with the documented keys for every component.
        var discovery = await ha.WaitForAsync($"homeassistant/device/broute_{MeterId}/config");
        using (var config = JsonDocument.Parse(discovery.Payload))
        {
            HomeAssistantSchema.AssertDeviceDiscovery(config.RootElement);
            var components = config.RootElement.GetProperty("cmps");
            Assert.Contains(components.EnumerateObject(), c => c.Value.GetProperty("device_class").GetString() == "power");
            Assert.Contains(components.EnumerateObject(), c => c.Value.TryGetProperty("state_class", out var s) && s.GetString() == "total_increasing");
        }

        Assert.Equal("online", (await ha.WaitForAsync("broute/status", m => m.Payload == "online")).Payload);
        await ha.WaitForAsync($"broute/{MeterId}/availability", m => m.Payload == "online");
        await ha.WaitForAsync($"broute/{MeterId}/state", m => m.Payload.Contains("\"power\":900,", StringComparison.Ordinal));
        await using (var late = await TestSubscriber.ConnectAsync(broker.Port))
        {
            // A Home Assistant that starts later still finds the device, the states and the availability (retained).
            foreach (var topic in new[] { $"homeassistant/device/broute_{MeterId}/config", $"broute/{MeterId}/state", $"broute/{MeterId}/availability", "broute/status" })
            {
                await Wait.UntilAsync(() => late.On(topic).Any(m => m.Retain), $"a retained message on {topic}");
            }
        }

        await Wait.UntilAsync(() => ha.On($"broute/{MeterId}/half_hour").Count >= 3, "three half-hours on MQTT");

        // The broker is out of the daemon's reach for several (simulated) half-hours, then back: every half-hour the
        // store took meanwhile arrives, in the order the store took them (live slots, then any the history fill
        // added), none twice. (A broker restart itself is MQTT's own test, on a fake clock.)
        link.Refusing = true;
        link.DropAll();
        await ha.WaitForAsync("broute/status", m => m.Payload == "offline"); // the last will
        var store = daemon.Store!;
        var before = (await store.HalfHours.RangeAsync(MeterId, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, default)).Count;
        await Wait.UntilAsync(async () => (await store.HalfHours.RangeAsync(MeterId, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, default)).Count >= before + 4, "four half-hours stored while the broker is down");
        link.Refusing = false;
        var stored = await store.HalfHours.RangeAsync(MeterId, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, default);
        var slotEnds = stored.Select(h => h.SlotEnd).ToHashSet();
        // The publisher's reconnect backoff (5 s doubling) and a backlog of a hundred days of history: a longer wait.
        stored = await store.HalfHours.RangeAsync(MeterId, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, default);
        slotEnds = stored.Select(h => h.SlotEnd).ToHashSet();
        using (var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
        {
            while (!slotEnds.IsSubsetOf(PublishedSlots(ha)))
            {
                Assert.False(patience.IsCancellationRequested, $"not every stored half-hour ({slotEnds.Count}) was published after the broker came back (published: {PublishedSlots(ha).Count}; publisher: {daemon.Mqtt!.Status})");
                await Task.Delay(100, CancellationToken.None);
            }
        }

        var published = PublishedSlots(ha);
        Assert.Equal(published.Distinct().Count(), published.Count); // none twice
        var storeOrder = stored.OrderBy(h => h.Sequence).Select(h => h.SlotEnd).ToList();
        Assert.Equal(storeOrder, published.Take(storeOrder.Count).ToList());

        await stop.CancelAsync();
        await daemon.Completion.WaitAsync(TimeSpan.FromSeconds(15));
        await daemon.DisposeAsync();
        await Wait.UntilAsync(() => ha.Last("broute/status")?.Payload == "offline", "the daemon's clean offline");
        Assert.DoesNotContain(ha.Messages, m => m.Payload.Contains(Password, StringComparison.Ordinal) || m.Payload.Contains(Id, StringComparison.Ordinal) || m.Payload.Contains(Id[^8..], StringComparison.Ordinal));
        Assert.DoesNotContain(_log.Lines, l => l.Contains(Password, StringComparison.Ordinal) || l.Contains(Id, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static List<DateTimeOffset> PublishedSlots(TestSubscriber ha) =>
        [.. ha.On($"broute/{MeterId}/half_hour").Select(m =>
        {
            using var json = JsonDocument.Parse(m.Payload);
            return DateTimeOffset.Parse(json.RootElement.GetProperty("slot_end").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        })];

    private DaemonSettings Settings(int port) => new()
    {
        Meters = [new MeterSettings("house", "/dev/null-not-used", Credentials.Create(Id, Password), null)],
        StateDirectory = _folder,
        Store = new StoreSettings(Path.Combine(_folder, "broute.db"), TimeSpan.FromDays(14), TimeSpan.FromDays(730)),
        Timeouts = TimeoutSettings.Defaults,
        Web = new WebSettings(false, "127.0.0.1", 0, null),
        Mqtt = new MqttSettings
        {
            Broker = new Uri($"mqtt://127.0.0.1:{port}"),
            ClientId = "broute-test",
            Protocol = "5",
            TopicPrefix = "broute",
            DiscoveryPrefix = "homeassistant",
        },
    };

    private DaemonOptions Options(SimulatorHost sim) => new()
    {
        OpenDevice = _ => SkDeviceFactories.FromStream(_ => ValueTask.FromResult(sim.ConnectInMemory())),
        LoggerFactory = LoggerFactory.Create(b => b.AddProvider(_log).SetMinimumLevel(LogLevel.Trace)),
        Seed = 3,
    };
}
