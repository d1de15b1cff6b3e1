using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.Notifications;
using BRoute.Session;
using BRoute.Simulator.Meter;
using BRoute.Tests.Session.Support;

namespace BRoute.Tests.Session;

/// <summary>The meter's 30-minute EA notification as INF and as INFC (answered with INFC_Res).</summary>
public sealed class NotificationTests
{
    private static readonly DateTimeOffset BeforeHalfPast = new(2026, 1, 15, 10, 29, 0, TimeSpan.FromHours(9));

    private static async Task<SessionNotification> NextAsync(SessionHarness h, IAsyncEnumerator<SessionNotification> notifications)
    {
        var next = notifications.MoveNextAsync().AsTask();
        await h.AdvanceUntilAsync(() => next.IsCompleted, TimeSpan.FromMinutes(10), "30-minute notification");
        Assert.True(await next);
        return notifications.Current;
    }

    [Fact]
    public async Task An_infc_is_answered_with_infc_res_and_streamed_decoded_with_the_sessions_scale()
    {
        var meter = new MeterOptions { Load = LoadModel.Constant, ConstantLoadW = 628, UseInfc = true };
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: meter, start: BeforeHalfPast));
        var session = await h.ConnectAsync();
        await using var notifications = session.ReadNotificationsAsync().GetAsyncEnumerator();

        var n = await NextAsync(h, notifications);
        await h.AdvanceUntilAsync(() => session.Statistics.InfcResponses == 1, TimeSpan.FromSeconds(10), "INFC_Res");

        Assert.Equal(Esv.InfC, n.Esv);
        Assert.Equal(Eoj.SmartMeter, n.Source);
        var ea = Assert.Single(n.Properties);
        Assert.Equal(0xEA, ea.Epc);
        var value = Assert.IsType<TimedEnergyValue>(ea.Value);
        Assert.Equal(new DateTime(2026, 1, 15, 10, 30, 0), value.Timestamp);
        Assert.Equal(8000.0m, value.Energy.Kwh); // 8000 kWh at 10:29 plus 628 W for a minute; unit 0.1 kWh
        var typed = Assert.IsType<FixedTimeEnergyNotification>(Assert.Single(n.Notifications));
        Assert.Equal(EnergyDirection.Normal, typed.Direction);
        Assert.Equal(80000u, typed.Raw);

        // INFC_Res on the wire: the INFC's TID, from our controller to the meter, ESV 0x7A, EA with PDC 0.
        var response = SentFrames.Of(h.WrittenText)[^1];
        Assert.Equal(Esv.InfCRes, response.Esv);
        Assert.Equal(n.Tid, response.Tid);
        Assert.Equal(Eoj.Controller, response.Seoj);
        Assert.Equal(Eoj.SmartMeter, response.Deoj);
        Assert.Equal(new EchonetProperty(0xEA), Assert.Single(response.Properties));
        Assert.Equal(2, session.MatcherCounters.Notifications); // the D5 instance list after the join, and this INFC
    }

    [Fact]
    public async Task An_inf_is_streamed_and_not_answered()
    {
        var meter = new MeterOptions { Load = LoadModel.Constant, ConstantLoadW = -1500 }; // exporting: EB joins EA
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: meter, start: BeforeHalfPast));
        var session = await h.ConnectAsync();
        await using var notifications = session.ReadNotificationsAsync().GetAsyncEnumerator();
        var sent = session.Statistics.FramesSent;

        var n = await NextAsync(h, notifications);

        Assert.Equal(Esv.Inf, n.Esv);
        Assert.Equal([0xEA, 0xEB], n.Properties.Select(p => p.Epc));
        Assert.All(n.Properties, p => Assert.Equal("kWh", p.Unit));
        Assert.Equal([EnergyDirection.Normal, EnergyDirection.Reverse], n.Notifications.Cast<FixedTimeEnergyNotification>().Select(x => x.Direction));
        await h.AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(sent, session.Statistics.FramesSent);
        Assert.Equal(0, session.Statistics.InfcResponses);
    }

    [Fact]
    public async Task Each_subscriber_gets_every_notification_and_the_stream_ends_with_the_session()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(start: BeforeHalfPast));
        var session = await h.ConnectAsync();
        var first = session.ReadNotificationsAsync().GetAsyncEnumerator();
        var second = session.ReadNotificationsAsync().GetAsyncEnumerator();
        var firstNext = first.MoveNextAsync().AsTask(); // an enumeration subscribes when it is first advanced
        var secondNext = second.MoveNextAsync().AsTask();

        await h.AdvanceUntilAsync(() => firstNext.IsCompleted && secondNext.IsCompleted, TimeSpan.FromMinutes(10), "notification to both");
        Assert.True(await firstNext);
        Assert.True(await secondNext);
        Assert.Same(first.Current, second.Current);

        var ended = first.MoveNextAsync().AsTask();
        await h.RunAsync(() => session.DisposeAsync().AsTask());
        Assert.False(await ended);
        await first.DisposeAsync();
        await second.DisposeAsync();
    }
}
