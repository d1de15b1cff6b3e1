using BRoute.Authentication;
using BRoute.Connection;
using BRoute.Decoding;
using BRoute.Scanning;
using BRoute.Session;
using BRoute.Simulator.Meter;
using BRoute.SkStack.Grammar;
using BRoute.Tests.Session.Support;

namespace BRoute.Tests.Session;

/// <summary>Connect: PAN cache, scan ladder and its progress, join failures, clean close.</summary>
public sealed class ConnectTests
{
    [Fact]
    public async Task The_second_connect_uses_the_pan_cache_and_does_not_scan()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator());
        var first = await h.ConnectAsync();
        Assert.Equal(1, h.Sim.Stats.Scans);
        Assert.Equal(1, first.Statistics.Scans);
        Assert.Contains(h.Progress, p => p.Stage == SessionStage.Scanning);
        await h.RunAsync(() => first.DisposeAsync().AsTask());

        var cache = new PanCache(h.Cache.Path);
        var lookup = await cache.LoadAsync(Credentials.Create(SessionHarness.Id, SessionHarness.Password), CancellationToken.None);
        Assert.Equal(PanCacheStatus.Hit, lookup.Status);
        Assert.Equal(new MeterPan(33, 0x8888, 0x001C640000A1B2C3, "4B5C6D7E"), lookup.Entry!.Pan);
        Assert.Equal(DongleFamily.Bp35A1, lookup.Entry.DongleFamily);
        var file = await File.ReadAllTextAsync(cache.PathFor(Credentials.Create(SessionHarness.Id, SessionHarness.Password)));
        Assert.DoesNotContain(SessionHarness.Id, file, StringComparison.OrdinalIgnoreCase);

        var scansBefore = h.Progress.Count(p => p.Stage == SessionStage.Scanning);
        var second = await h.ConnectAsync();
        Assert.Equal(1, h.Sim.Stats.Scans);
        Assert.Equal(0, second.Statistics.Scans);
        Assert.Equal(scansBefore, h.Progress.Count(p => p.Stage == SessionStage.Scanning));
        Assert.Contains(h.Progress, p => p.Stage == SessionStage.UsingCachedPan);
        Assert.Equal("628 W", (await h.RunAsync(() => second.ReadPropertyAsync(0xE7))).ToDisplayString());
        Assert.Equal(2, h.Sim.Stats.JoinsSucceeded);
    }

    [Fact]
    public async Task The_scan_ladder_grows_until_the_meter_answers_and_reports_each_step()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: new MeterOptions { MinScanDuration = 6 }));
        var session = await h.ConnectAsync();

        var scans = h.Progress.Where(p => p.Stage == SessionStage.Scanning).ToList();
        Assert.Equal([4, 5, 6], scans.Select(p => p.ScanDuration!.Value));
        Assert.Equal([1, 2, 3], scans.Select(p => p.Step!.Value));
        Assert.All(scans, p => Assert.Equal(5, p.Steps));
        Assert.Equal("scan 1/5: duration 4 on 28 channel(s), about 4.6 s", scans[0].Message);
        Assert.Equal(3, h.Sim.Stats.Scans);
        Assert.Equal(3, session.Statistics.Scans);
        var stages = h.Progress.Select(p => p.Stage).Distinct().ToList();
        Assert.Equal(
            [SessionStage.OpeningDevice, SessionStage.PreparingDongle, SessionStage.Scanning, SessionStage.Joining, SessionStage.Connected, SessionStage.ReadingMeterInfo],
            stages);
        Assert.StartsWith("ready: coefficient 1, unit 0.1 kWh, 6 digits", h.Progress[^1].Message, StringComparison.Ordinal);
        Assert.True(session.Statistics.ConnectedAt >= SessionHarness.DefaultStart);
    }

    [Fact]
    public async Task No_meter_in_range_ends_the_ladder_with_a_clear_error()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: new MeterOptions { MinScanDuration = 14 }));

        var error = await Assert.ThrowsAsync<MeterUnreachableException>(() => h.ConnectAsync());

        Assert.StartsWith("no meter answered the scan: is the dongle within range of the meter", error.Message, StringComparison.Ordinal);
        Assert.Contains("tried 5 scans, durations 4,5,6,7,8", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, h.Sim.Stats.Scans);
        Assert.Equal(0, h.Sim.Stats.Joins);
    }

    [Fact]
    public async Task A_neighbours_meter_is_not_joined()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(meter: new MeterOptions { MinScanDuration = 4 }));

        // Our credentials end in another pairing ID than the meter's.
        var error = await Assert.ThrowsAsync<MeterUnreachableException>(() =>
            h.RunAsync(() => MeterSession.ConnectAsync(h.Options(o => o with { Credentials = Credentials.Create("FFFFFFFFFFFFFFFFFFFFFFFF00000000", SessionHarness.Password) }))));

        Assert.Contains("1 PAN(s) answered, but none carries the pairing ID", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, h.Sim.Stats.Scans); // the whole ladder: our meter might still answer a longer scan
        Assert.Equal(0, h.Sim.Stats.Joins);
    }

    [Fact]
    public async Task A_wrong_password_ends_in_authentication_failed_after_three_joins_with_pings_between()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator());

        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => h.ConnectAsync(password: "WRONGpasswd1"));

        Assert.Equal("authentication failed: check the B-route ID and password; the meter answered EVENT 24", error.Message);
        Assert.DoesNotContain("WRONGpasswd1", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(3, h.Sim.Stats.Joins);
        Assert.Equal(3, h.Sim.Stats.JoinsFailed);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(h.WrittenText, "SKPING "));
        Assert.Equal([1, 2, 3], h.Progress.Where(p => p.Stage == SessionStage.Joining).Select(p => p.Attempt!.Value));
        Assert.DoesNotContain("WRONGpasswd1", h.Log.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_24_on_the_first_join_is_retried_after_a_backoff_and_a_wake_up_ping()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(faults: "auth-fail-first=1"));
        var start = h.Time.GetUtcNow();

        var session = await h.ConnectAsync();

        Assert.Equal(2, h.Sim.Stats.Joins);
        Assert.Equal(1, h.Sim.Stats.JoinsFailed);
        Assert.Equal(1, h.Sim.Stats.JoinsSucceeded);
        Assert.Equal(2, session.Statistics.Joins);
        Assert.Equal(0, session.Statistics.Rejoins);
        Assert.Contains("SKPING ", h.WrittenText, StringComparison.Ordinal);
        Assert.True(h.Time.GetUtcNow() - start >= TimeSpan.FromSeconds(0.8)); // join backoff 1 s ± 20 %
        Assert.Equal("628 W", (await h.RunAsync(() => session.ReadPropertyAsync(0xE7))).ToDisplayString());
    }

    [Fact]
    public async Task A_stale_cached_pan_that_nobody_answers_is_forgotten_and_the_known_channel_scanned_first()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator());
        var credentials = Credentials.Create(SessionHarness.Id, SessionHarness.Password);
        var cache = new PanCache(h.Cache.Path);
        var stale = new MeterPan(33, 0x8888, 0x001C64000000DEAD, "4B5C6D7E"); // the meter was replaced: another MAC
        await cache.SaveAsync(credentials, new PanCacheEntry(stale, SessionHarness.DefaultStart.AddDays(-30), DongleFamily.Bp35A1), CancellationToken.None);

        var session = await h.ConnectAsync();

        // The join to the old MAC got EVENT 24 without any PANA message: no radio contact, not a password problem.
        Assert.Equal(2, h.Sim.Stats.Joins);
        Assert.Equal(1, h.Sim.Stats.Scans);
        var scan = Assert.Single(h.Progress, p => p.Stage == SessionStage.Scanning);
        Assert.Contains("on 1 channel(s)", scan.Message, StringComparison.Ordinal);
        Assert.Equal(0x001C640000A1B2C3ul, session.Pan!.MacAddress);
        var lookup = await cache.LoadAsync(credentials, CancellationToken.None);
        Assert.Equal(0x001C640000A1B2C3ul, lookup.Entry!.Pan.MacAddress);
    }

    [Fact]
    public async Task Closing_sends_skterm_and_waits_for_event_27()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator());
        var session = await h.ConnectAsync();

        await h.RunAsync(() => session.CloseAsync());

        Assert.EndsWith("SKTERM\r\n", h.WrittenText, StringComparison.Ordinal);
        Assert.Contains(h.Log.Entries, e => e.Text == "closing the session: SKTERM");
        Assert.DoesNotContain(h.Log.Entries, e => e.Text.StartsWith("SKTERM failed", StringComparison.Ordinal));
        Assert.True(h.CurrentStream.IsEnded);
        Assert.Equal(ConnectionPhase.Disconnected, session.Phase);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.ReadAsync([0xE7]));
        await session.DisposeAsync(); // idempotent
    }

    [Fact]
    public async Task Credentials_reach_the_dongle_but_never_the_log()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(DongleFamily.Bp35C2));
        var session = await h.ConnectAsync();
        await h.RunAsync(() => session.ReadAsync([0xE7]));

        // The dongle got them …
        Assert.Contains($"SKSETPWD C {SessionHarness.Password}\r\n", h.WrittenText, StringComparison.Ordinal);
        Assert.Contains($"SKSETRBID {SessionHarness.Id}\r\n", h.WrittenText, StringComparison.Ordinal);

        // … the log shows the commands with the values masked, the serial dialogue included (trace level).
        Assert.Contains(h.Log.Entries, e => e.Text.Contains("SKSETPWD C ************", StringComparison.Ordinal));
        Assert.Contains(h.Log.Entries, e => e.Text.Contains("SKSETRBID ********************************", StringComparison.Ordinal));
        Assert.Contains(h.Log.Entries, e => e.Text.StartsWith("<< ERXUDP", StringComparison.Ordinal));
        h.AssertNoCredentialsLogged();
        Assert.DoesNotContain(SessionHarness.Password, session.Pan!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SessionHarness.Id, session.Meter.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unopenable_device_is_reported_as_such()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator());
        var options = h.Options(o => o with { Device = SkDeviceFactories.Open("tcp://127.0.0.1:1") });

        var error = await Assert.ThrowsAsync<DeviceOpenException>(() => MeterSession.ConnectAsync(options));

        var open = Assert.IsType<SkStack.Errors.SkTransportOpenException>(error.InnerException); // wrapped at the session's edge
        Assert.Equal("tcp://127.0.0.1:1", open.Device);
        Assert.Equal(open.Message, error.Message);
    }

    [Fact]
    public async Task Scan_only_finds_the_meter_and_caches_it_without_joining()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(DongleFamily.Bp35C2, meter: new MeterOptions { MinScanDuration = 5 }));

        var report = await h.RunAsync(() => MeterSession.ScanAsync(h.Options(), h.ProgressSink));

        Assert.Null(report.Failure);
        Assert.True(report.SavedToCache);
        Assert.Equal(new MeterPan(33, 0x8888, 0x001C640000A1B2C3, "4B5C6D7E"), report.Found!.Pan);
        Assert.Equal((byte)0xB4, report.Found.Lqi);
        Assert.Equal(2, report.ScansRun);
        Assert.Equal(DongleFamily.Bp35C2, report.Dialect!.Family);
        Assert.Single(report.Candidates);
        Assert.Equal(0, h.Sim.Stats.Joins);
        var lookup = await new PanCache(h.Cache.Path).LoadAsync(Credentials.Create(SessionHarness.Id, SessionHarness.Password), CancellationToken.None);
        Assert.Equal(PanCacheStatus.Hit, lookup.Status);
        Assert.Equal(DongleFamily.Bp35C2, lookup.Entry!.DongleFamily);
        Assert.Contains("SKSCAN 2 FFFFFFFF 5 0\r\n", h.WrittenText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_only_says_whether_the_meter_went_into_the_cache()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(DongleFamily.Bp35A1, meter: new MeterOptions { MinScanDuration = 4 }));
        var saved = await h.RunAsync(() => MeterSession.ScanAsync(h.Options(), h.ProgressSink));
        Assert.NotNull(saved.Found);
        Assert.True(saved.SavedToCache);

        var withoutCache = await h.RunAsync(() => MeterSession.ScanAsync(h.Options(o => o with { UsePanCache = false }), h.ProgressSink));
        Assert.NotNull(withoutCache.Found);
        Assert.False(withoutCache.SavedToCache);
    }
}
