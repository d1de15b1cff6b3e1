using BRoute.Authentication;
using BRoute.Connection;
using BRoute.Decoding;
using BRoute.Scanning;
using BRoute.Session;
using BRoute.Simulator.Faults;
using BRoute.Tests.Session.Support;

namespace BRoute.Tests.Session;

/// <summary>
/// The quiet period after SKTERM: a session that ends with SKTERM remembers when in the PAN cache, and the next session
/// to that PAN waits out the rest of <see cref="ConnectionOptions.QuietPeriod"/> before SKJOIN. The simulator's
/// join-after-term fault (set to 1 here) refuses every SKJOIN that comes less than 10 s after SKTERM with EVENT 24.
/// </summary>
public sealed class QuietPeriodTests
{
    private static readonly Credentials Credentials = Credentials.Create(SessionHarness.Id, SessionHarness.Password);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(10);

    private static async Task<MeterSession> ReadAndCloseAsync(SessionHarness h, Func<MeterSessionOptions, MeterSessionOptions>? configure = null)
    {
        var session = await h.ConnectAsync(configure);
        Assert.Equal("628 W", (await h.RunAsync(() => session.ReadPropertyAsync(0xE7))).ToDisplayString());
        await h.RunAsync(() => session.DisposeAsync().AsTask());
        return session;
    }

    [Fact]
    public async Task The_second_of_two_quick_runs_waits_the_rest_of_ten_seconds_after_skterm_before_skjoin()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(faults: "join-after-term=1"));
        await ReadAndCloseAsync(h);
        var skterm = h.Sim.Stats.LastTerminateAt!.Value;
        var entry = (await new PanCache(h.Cache.Path).LoadAsync(Credentials, CancellationToken.None)).Entry!;
        Assert.InRange(entry.LastTerminatedAt!.Value, skterm, skterm + TimeSpan.FromSeconds(1)); // taken after EVENT 27
        Assert.NotNull(entry.ReplyTimes); // the estimate written just before SKTERM is kept

        await h.AdvanceAsync(TimeSpan.FromSeconds(3)); // the user starts the next `broute read` 3 s later
        var start = h.Time.GetUtcNow();
        var second = await h.ConnectAsync();

        var wait = Assert.Single(h.Progress, p => p.Stage == SessionStage.WaitingQuietPeriod);
        var left = Quiet - (start - entry.LastTerminatedAt.Value);
        Assert.InRange(wait.Expected!.Value, left - TimeSpan.FromSeconds(0.5), left);
        Assert.StartsWith("waiting ", wait.Message, StringComparison.Ordinal);
        Assert.Contains(" s after the previous session's end (SKTERM) before joining", wait.Message, StringComparison.Ordinal);
        var progress = h.Progress.ToList();
        Assert.True(progress.IndexOf(wait) < progress.FindLastIndex(p => p.Stage == SessionStage.Joining));

        // The simulator saw the second SKJOIN only once the quiet period was over, and it did not refuse it.
        var skjoin = h.Sim.Stats.LastJoinAt!.Value;
        Assert.InRange(skjoin - entry.LastTerminatedAt.Value, Quiet, Quiet + TimeSpan.FromSeconds(2.5));
        Assert.True(h.Time.GetUtcNow() >= entry.LastTerminatedAt.Value + Quiet);
        Assert.Equal(2, h.Sim.Stats.Joins);
        Assert.Equal(0, h.Sim.Stats.JoinsFailed);
        Assert.Equal(0, h.Sim.Stats.FaultsOf(FaultKind.JoinAfterTerm));
        Assert.Equal(0, second.Statistics.Scans);
        Assert.Equal("628 W", (await h.RunAsync(() => second.ReadPropertyAsync(0xE7))).ToDisplayString());
    }

    [Fact]
    public async Task A_run_that_starts_after_the_quiet_period_joins_at_once()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(faults: "join-after-term=1"));
        await ReadAndCloseAsync(h);
        await h.AdvanceAsync(TimeSpan.FromSeconds(11));
        var start = h.Time.GetUtcNow();

        await h.ConnectAsync();

        Assert.DoesNotContain(h.Progress, p => p.Stage == SessionStage.WaitingQuietPeriod);
        Assert.InRange(h.Sim.Stats.LastJoinAt!.Value - start, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal(0, h.Sim.Stats.JoinsFailed);
    }

    [Fact]
    public async Task A_quiet_period_of_zero_joins_at_once()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator());
        static MeterSessionOptions NoQuiet(MeterSessionOptions o) => o with { Connection = o.Connection with { QuietPeriod = TimeSpan.Zero } };
        await ReadAndCloseAsync(h, NoQuiet);
        var skterm = h.Sim.Stats.LastTerminateAt!.Value;

        await h.ConnectAsync(NoQuiet);

        Assert.DoesNotContain(h.Progress, p => p.Stage == SessionStage.WaitingQuietPeriod);
        Assert.InRange(h.Sim.Stats.LastJoinAt!.Value - skterm, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal(2, h.Sim.Stats.JoinsSucceeded);
    }

    [Fact]
    public async Task Without_the_quiet_period_the_meters_clean_up_looks_like_wrong_credentials()
    {
        // The failure this feature prevents: three quick EVENT 24s after SKTERM, reported as bad credentials.
        await using var h = new SessionHarness(SessionHarness.Simulator(faults: "join-after-term=1"));
        static MeterSessionOptions NoQuiet(MeterSessionOptions o) => o with { Connection = o.Connection with { QuietPeriod = TimeSpan.Zero } };
        await ReadAndCloseAsync(h, NoQuiet);

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => h.ConnectAsync(NoQuiet));

        Assert.Equal(3, h.Sim.Stats.FaultsOf(FaultKind.JoinAfterTerm));
    }

    [Fact]
    public async Task An_event_24_inside_an_unknown_quiet_period_is_retried_after_it_not_reported()
    {
        // The PAN cache is gone (deleted, or another machine's run): the second run scans and joins at once, inside the
        // meter's clean-up. Its EVENT 24 is retried 10 s later instead of being counted towards "authentication failed".
        await using var h = new SessionHarness(SessionHarness.Simulator(faults: "join-after-term=1"));
        await ReadAndCloseAsync(h);
        Assert.True(new PanCache(h.Cache.Path).Invalidate(Credentials));

        var second = await h.ConnectAsync();

        Assert.Equal(1, h.Sim.Stats.FaultsOf(FaultKind.JoinAfterTerm));
        Assert.Equal(1, h.Sim.Stats.JoinsFailed);
        Assert.Equal(3, h.Sim.Stats.Joins);
        Assert.True(h.Sim.Stats.LastJoinAt!.Value - h.Sim.Stats.LastTerminateAt!.Value >= Quiet);
        Assert.Equal(1, second.Statistics.Scans);
        Assert.Equal("628 W", (await h.RunAsync(() => second.ReadPropertyAsync(0xE7))).ToDisplayString());
    }

    [Fact]
    public async Task The_wait_can_be_cancelled_and_then_no_skjoin_is_sent()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator(faults: "join-after-term=1"));
        await ReadAndCloseAsync(h);
        using var cts = new CancellationTokenSource();

        var connect = Task.Run(() => MeterSession.ConnectAsync(h.Options(), h.ProgressSink, cts.Token));
        await h.AdvanceUntilAsync(() => h.Progress.Any(p => p.Stage == SessionStage.WaitingQuietPeriod), TimeSpan.FromSeconds(5), "quiet period report");
        await cts.CancelAsync();
        await h.AdvanceUntilAsync(() => connect.IsCompleted, TimeSpan.FromSeconds(5), "cancelled connect");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connect);
        Assert.Equal(1, h.Sim.Stats.Joins);
        await h.AdvanceAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(1, h.Sim.Stats.Joins); // the cancelled wait left no timer behind
    }
}
