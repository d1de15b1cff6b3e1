using BRoute.Simulator.Faults;
using BRoute.Simulator.Meter;
using BRoute.Simulator.Tests.Support;
using BRoute.SkStack.Grammar;

namespace BRoute.Simulator.Tests;

/// <summary>Every fault kind, observed from the client's side of the serial line (latency 0, fake clock).</summary>
public sealed class FaultTests
{
    private const string E7Reply = "1081000102880105FF017201E70400000274";
    private static readonly string Done = $"\r\nEVENT 21 {Sim.MeterIp} 00\r\nOK\r\n";
    private static readonly string Failed = $"\r\nEVENT 21 {Sim.MeterIp} 01\r\nOK\r\n";

    /// <summary>Echo off, credentials, channel, PAN and SKJOIN in one write, for tests that watch the join itself.</summary>
    private static readonly string SetupAndJoin = $"SKSREG SFE 0\r\n{Sim.Setup}SKJOIN {Sim.MeterIp}\r\n";

    /// <summary>The meter of the E7 vectors: a constant 628 W.</summary>
    private static readonly MeterOptions Meter628 = new() { Load = LoadModel.Constant, ConstantLoadW = 628 };

    /// <summary>A1 in ASCII mode with <paramref name="faults"/>.</summary>
    private static SimulatorOptions Ascii(string? faults, double latency = 0) =>
        Sim.Options(latency: latency, faults: faults) with { DataMode = ErxudpDataMode.AsciiHex };

    private static Task<SimRun> JoinedAsync(string faults, MeterOptions? meter = null) => Sim.CreateJoinedAsync(Ascii(faults) with { Meter = meter ?? Meter628 });

    /// <summary>Asks the meter for E7 and expects exactly <paramref name="expected"/> next.</summary>
    private static Task GetE7Async(SerialProbe probe, string expected)
    {
        probe.SendTo(Sim.MeterIp, Sim.Get(0xE7));
        return probe.ExpectAsync(expected);
    }

    private static string Reply(string payload, string secured = "1") =>
        $"ERXUDP {Sim.MeterIp} {Sim.DongleIp} 0E1A 0E1A {Sim.MeterMac} {secured} {payload.Length / 2:X4} {payload}\r\n";

    [Fact]
    public async Task Lost_request_fails_the_send_and_never_gets_an_answer()
    {
        using var sim = await JoinedAsync("lost-request=1");
        var (host, time, probe) = sim;
        await GetE7Async(probe, Failed);
        Sim.Run(time, TimeSpan.FromSeconds(400), TimeSpan.FromSeconds(1));
        Assert.Equal(string.Empty, probe.Pending);
        Assert.Equal(0, host.Stats.EchonetRequests);
        Assert.Equal(1, host.Stats.FaultsOf(FaultKind.LostRequest));
    }

    [Fact]
    public async Task Lost_ack_reports_failure_but_the_meter_still_answers()
    {
        using var sim = await JoinedAsync("lost-ack=1");
        var (host, _, probe) = sim;
        await GetE7Async(probe, Failed + Reply(E7Reply));
        Assert.Equal(1, host.Stats.FaultsOf(FaultKind.LostAck));
    }

    [Fact]
    public async Task Lost_reply_sends_fine_and_no_answer_comes()
    {
        using var sim = await JoinedAsync("lost-reply=1");
        var (host, time, probe) = sim;
        await GetE7Async(probe, Done);
        Sim.Run(time, TimeSpan.FromSeconds(400), TimeSpan.FromSeconds(1));
        Assert.Equal(string.Empty, probe.Pending);
        Assert.Equal(1, host.Stats.EchonetRequests);
        Assert.Equal(1, host.Stats.FaultsOf(FaultKind.LostReply));
    }

    [Fact]
    public async Task Late_reply_arrives_after_the_next_request()
    {
        using var sim = await JoinedAsync("late-reply=1");
        var (host, _, probe) = sim;
        await GetE7Async(probe, Done);
        Assert.Equal(string.Empty, probe.Pending);
        probe.SendTo(Sim.MeterIp, Sim.Get(0xE8));
        await probe.ExpectAsync(Done + Reply(E7Reply)); // same TID 1, but it is the answer to the E7 request
        Assert.Equal(2, host.Stats.FaultsOf(FaultKind.LateReply));
    }

    [Fact]
    public async Task Late_reply_without_a_next_request_comes_minutes_later()
    {
        using var sim = Sim.Create(Ascii("late-reply=1", latency: 1));
        var (_, time, probe) = sim;
        probe.Write(SetupAndJoin);
        Sim.RunUntil(time, probe, "D50401028801\r\n", TimeSpan.FromMilliseconds(10));
        probe.TakePending();
        probe.SendTo(Sim.MeterIp, Sim.Get(0xE7));
        Sim.Run(time, TimeSpan.FromSeconds(59), TimeSpan.FromMilliseconds(100));
        Assert.DoesNotContain("ERXUDP", probe.Pending, StringComparison.Ordinal);
        Sim.Run(time, TimeSpan.FromSeconds(250), TimeSpan.FromMilliseconds(500));
        Assert.Contains("E704", probe.TakePending(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_reply_arrives_twice()
    {
        using var sim = await JoinedAsync("duplicate-reply=1");
        var probe = sim.Probe;
        await GetE7Async(probe, Done + Reply(E7Reply) + Reply(E7Reply));
    }

    [Fact]
    public async Task Unsecured_reply_is_marked_secured_0()
    {
        using var sim = await JoinedAsync("unsecured=1");
        var probe = sim.Probe;
        await GetE7Async(probe, Done + Reply(E7Reply, secured: "0"));
    }

    [Fact]
    public async Task Foreign_erxudp_comes_from_another_address_or_port()
    {
        using var sim = await JoinedAsync("foreign-erxudp=1");
        var (host, _, probe) = sim;
        for (var i = 0; i < 6; i++)
        {
            await GetE7Async(probe, Done + Reply(E7Reply));
            var foreign = await probe.ReadLineAsync();
            var tokens = foreign.Split(' ');
            Assert.Equal("ERXUDP", tokens[0]);
            Assert.True(tokens[1] != Sim.MeterIp || tokens[3] != "0E1A", foreign);
            Assert.EndsWith(E7Reply + "\r\n", foreign, StringComparison.Ordinal);
        }

        Assert.Equal(6, host.Stats.FaultsOf(FaultKind.ForeignErxudp));
    }

    [Fact]
    public async Task Garbage_bytes_precede_lines_without_breaking_them()
    {
        using var sim = Sim.Create(Sim.Options(faults: "garbage=1"));
        var (host, _, probe) = sim;
        probe.Write("SKVER\r\n");
        var text = await probe.ReadUntilAsync("OK\r\n");
        Assert.StartsWith("SKVER\r\n", text, StringComparison.Ordinal); // echo is never damaged
        var reply = text["SKVER\r\n".Length..];
        Assert.NotEqual("EVER 1.2.10\r\nOK\r\n", reply);
        Assert.EndsWith("EVER 1.2.10\r\nOK\r\n", reply, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', reply[..^"EVER 1.2.10\r\nOK\r\n".Length]);
        Assert.Equal(1, host.Stats.FaultsOf(FaultKind.Garbage));
    }

    [Fact]
    public async Task Garbled_line_damages_one_line_and_keeps_the_crlf()
    {
        using var sim = Sim.Create(Sim.Options(faults: "garbled-line=1"));
        var (host, _, probe) = sim;
        probe.Write("SKVER\r\n");
        await probe.ExpectAsync("SKVER\r\n");
        var text = await probe.ReadUntilAsync("\r\n");
        text += probe.TakePending();
        Assert.NotEqual("EVER 1.2.10\r\nOK\r\n", text);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.Equal(1, host.Stats.FaultsOf(FaultKind.GarbledLine));
    }

    [Fact]
    public async Task Auth_fail_first_fails_the_first_joins_with_event_24()
    {
        using var sim = Sim.Create(Ascii("auth-fail-first=2"));
        var (host, _, probe) = sim;
        probe.Write("SKSREG SFE 0\r\n" + Sim.Setup);
        await probe.ReadUntilAsync("OK\r\nOK\r\nOK\r\nOK\r\n");
        for (var i = 0; i < 2; i++)
        {
            probe.Write($"SKJOIN {Sim.MeterIp}\r\n");
            var text = await probe.ReadUntilAsync($"EVENT 24 {Sim.DongleIp}\r\n");
            Assert.DoesNotContain("EVENT 25", text, StringComparison.Ordinal);
        }

        probe.Write($"SKJOIN {Sim.MeterIp}\r\n");
        await probe.ReadUntilAsync($"EVENT 25 {Sim.MeterIp}\r\n");
        Assert.Equal(2, host.Stats.FaultsOf(FaultKind.AuthFailFirst));
        Assert.Equal(2, host.Stats.JoinsFailed);
    }

    [Fact]
    public async Task Join_after_term_fails_a_join_within_ten_seconds_of_skterm_and_not_after()
    {
        using var sim = await JoinedAsync("join-after-term=1");
        var (host, time, probe) = sim;
        var terminatedAt = time.GetUtcNow();
        probe.Write("SKTERM\r\n");
        await probe.ReadUntilAsync($"EVENT 27 {Sim.MeterIp}\r\n");
        Assert.Equal(terminatedAt, host.Stats.LastTerminateAt);

        Sim.Run(time, TimeSpan.FromSeconds(9.5), TimeSpan.FromMilliseconds(500));
        probe.Write($"SKJOIN {Sim.MeterIp}\r\n");
        var refused = await probe.ReadUntilAsync($"EVENT 24 {Sim.DongleIp}\r\n");
        Assert.Contains(" 02CC 02CC ", refused, StringComparison.Ordinal); // the meter answered PANA: looks like bad credentials
        Assert.Equal(terminatedAt + TimeSpan.FromSeconds(9.5), host.Stats.LastJoinAt);
        Assert.Equal(1, host.Stats.FaultsOf(FaultKind.JoinAfterTerm));

        Sim.Run(time, TimeSpan.FromSeconds(0.5), TimeSpan.FromMilliseconds(500)); // 10 s after SKTERM: the clean-up is over
        probe.Write($"SKJOIN {Sim.MeterIp}\r\n");
        await probe.ReadUntilAsync($"EVENT 25 {Sim.MeterIp}\r\n");
        Assert.Equal(1, host.Stats.FaultsOf(FaultKind.JoinAfterTerm));
        Assert.Equal(1, host.Stats.JoinsFailed);
    }

    [Fact]
    public async Task Without_the_fault_a_join_right_after_skterm_succeeds()
    {
        using var sim = await JoinedAsync("auth-fail=0");
        var (host, _, probe) = sim;
        probe.Write("SKTERM\r\n");
        await probe.ReadUntilAsync($"EVENT 27 {Sim.MeterIp}\r\n");
        probe.Write($"SKJOIN {Sim.MeterIp}\r\n");
        var text = await probe.ReadUntilAsync($"EVENT 25 {Sim.MeterIp}\r\n");
        Assert.DoesNotContain("EVENT 24", text, StringComparison.Ordinal);
        Assert.Equal(0, host.Stats.FaultsOf(FaultKind.JoinAfterTerm));
    }

    private static string Ns => $"\r\nEVENT 21 {Sim.MeterIp} 02\r\n";

    private static string Na => $"EVENT 02 {Sim.MeterIp}\r\n";

    /// <summary>Joined, one E7 read, then the forget-neighbour fault has fired once.</summary>
    private static async Task<SimRun> ForgottenAsync(string faults, bool okAfterSolicitation)
    {
        var sim = await Sim.CreateJoinedAsync(Ascii(faults) with { OkAfterSolicitation = okAfterSolicitation, Meter = Meter628 });
        var (host, time, probe) = sim;
        await GetE7Async(probe, Done + Reply(E7Reply)); // known neighbour after the join: no solicitation
        Sim.Run(time, TimeSpan.FromSeconds(61), TimeSpan.FromSeconds(1));
        Assert.Equal(1, host.Stats.FaultsOf(FaultKind.ForgetNeighbour));
        Assert.Equal(string.Empty, probe.Pending);
        return sim;
    }

    [Fact]
    public async Task Forget_neighbour_makes_the_next_unicast_solicit_the_meter_again()
    {
        using var sim = await ForgottenAsync("forget-neighbour=60", okAfterSolicitation: false);
        var (host, _, probe) = sim;
        await GetE7Async(probe, Ns + Na + $"EVENT 21 {Sim.MeterIp} 00\r\nOK\r\n" + Reply(E7Reply));
        await GetE7Async(probe, Done + Reply(E7Reply)); // resolved again
        Assert.Equal(3, host.Stats.EchonetRequests);
    }

    [Fact]
    public async Task With_ok_after_solicitation_the_ok_follows_event_21_02_and_the_held_datagram_reports_later()
    {
        using var sim = await ForgottenAsync("forget-neighbour=60", okAfterSolicitation: true);
        var (host, _, probe) = sim;
        await GetE7Async(probe, Ns + "OK\r\n" + Na + $"EVENT 21 {Sim.MeterIp} 00\r\n" + Reply(E7Reply));
        Assert.Equal(2, host.Stats.UdpFramesReceived); // one SKSENDTO frame per request, the held one included
        Assert.Equal(2, host.Stats.EchonetRequests);
    }

    [Fact]
    public async Task Unanswered_solicitations_repeat_every_second_and_the_third_drops_the_datagram()
    {
        using var sim = await ForgottenAsync("forget-neighbour=60,unanswered-ns=3", okAfterSolicitation: true);
        var (host, time, probe) = sim;
        var requests = host.Stats.EchonetRequests;
        await GetE7Async(probe, Ns + "OK\r\n");
        Sim.Run(time, TimeSpan.FromSeconds(0.9), TimeSpan.FromMilliseconds(100));
        Assert.Equal(string.Empty, probe.Pending);
        Sim.Run(time, TimeSpan.FromSeconds(0.1), TimeSpan.FromMilliseconds(100));
        Assert.Equal($"EVENT 21 {Sim.MeterIp} 02\r\n", probe.TakePending());
        Sim.Run(time, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100));
        Assert.Equal($"EVENT 21 {Sim.MeterIp} 02\r\n", probe.TakePending());
        Sim.Run(time, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100));
        Assert.Equal($"EVENT 21 {Sim.MeterIp} 01\r\n", probe.TakePending());
        Sim.Run(time, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        Assert.Equal(string.Empty, probe.Pending);
        Assert.Equal(requests, host.Stats.EchonetRequests); // the meter never got it
        Assert.Equal(3, host.Stats.FaultsOf(FaultKind.UnansweredNs));

        probe.SendTo(Sim.MeterIp, Sim.Get(0xE7)); // the fault's three solicitations are used up: this one is answered
        await probe.ExpectAsync(Ns + "OK\r\n" + Na + $"EVENT 21 {Sim.MeterIp} 00\r\n" + Reply(E7Reply));
    }

    [Fact]
    public async Task Unanswered_solicitations_all_come_before_the_ok_by_default()
    {
        using var sim = await ForgottenAsync("forget-neighbour=60,unanswered-ns=1", okAfterSolicitation: false);
        var (host, time, probe) = sim;
        probe.SendTo(Sim.MeterIp, Sim.Get(0xE7));
        Sim.Run(time, TimeSpan.FromSeconds(1.5), TimeSpan.FromMilliseconds(100));
        await probe.ExpectAsync(Ns + $"EVENT 21 {Sim.MeterIp} 02\r\n" + Na + $"EVENT 21 {Sim.MeterIp} 00\r\nOK\r\n" + Reply(E7Reply));
        Assert.Equal(1, host.Stats.FaultsOf(FaultKind.UnansweredNs));
    }

    [Fact]
    public async Task Auth_fail_is_reported_about_forty_seconds_after_the_command()
    {
        using var sim = Sim.Create(Ascii("auth-fail=1", latency: 1));
        var (_, time, probe) = sim;
        probe.Write(SetupAndJoin);
        Sim.Run(time, TimeSpan.FromSeconds(38), TimeSpan.FromMilliseconds(20));
        Assert.DoesNotContain("EVENT 24", probe.Pending, StringComparison.Ordinal);
        Sim.Run(time, TimeSpan.FromSeconds(4), TimeSpan.FromMilliseconds(20));
        Assert.Contains($"EVENT 24 {Sim.DongleIp}\r\n", probe.Pending, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reauth_fail_ends_the_automatic_reauthentication_in_event_24()
    {
        using var sim = await JoinedAsync("reauth-fail=1", new MeterOptions { SessionLifetime = TimeSpan.FromSeconds(100) });
        var (_, time, probe) = sim;
        Sim.Run(time, TimeSpan.FromSeconds(200), TimeSpan.FromSeconds(1));
        var text = probe.TakePending();
        Assert.StartsWith($"EVENT 29 {Sim.MeterIp}\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith($"EVENT 24 {Sim.DongleIp}\r\n", text, StringComparison.Ordinal);
        await GetE7Async(probe, "\r\nFAIL ER10\r\n");
    }

    [Fact]
    public async Task Early_expiry_ends_the_session_without_reauthentication()
    {
        using var sim = await JoinedAsync("early-expiry=120");
        var (host, time, probe) = sim;
        Sim.Run(time, TimeSpan.FromSeconds(119), TimeSpan.FromSeconds(1));
        Assert.Equal(string.Empty, probe.Pending);
        Sim.Run(time, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(1));
        Assert.Equal($"EVENT 29 {Sim.MeterIp}\r\n", probe.TakePending());
        await GetE7Async(probe, "\r\nFAIL ER10\r\n");
        Assert.Equal(1, host.Stats.FaultsOf(FaultKind.EarlyExpiry));
    }

    [Fact]
    public async Task Tx_limit_spell_shows_event_32_sfb_and_failed_sends_until_event_33()
    {
        using var sim = await JoinedAsync("tx-limit=100/20");
        var (_, time, probe) = sim;
        Sim.Run(time, TimeSpan.FromSeconds(101), TimeSpan.FromSeconds(1));
        Assert.Equal($"EVENT 32 {Sim.DongleIp}\r\n", probe.TakePending());
        probe.Write("SKSREG SFB\r\n");
        await probe.ExpectAsync("ESREG 1\r\nOK\r\n");
        await GetE7Async(probe, Failed);
        Sim.Run(time, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(1));
        Assert.Equal($"EVENT 33 {Sim.DongleIp}\r\n", probe.TakePending());
        await GetE7Async(probe, Done + Reply(E7Reply));
    }

    [Fact]
    public async Task Meter_reboot_silences_the_meter_then_forgets_the_session()
    {
        using var sim = await JoinedAsync("meter-reboot=100/30");
        var (host, time, probe) = sim;
        Sim.Run(time, TimeSpan.FromSeconds(101), TimeSpan.FromSeconds(1));
        await GetE7Async(probe, Failed); // no MAC ACK while it reboots
        Sim.Run(time, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        await GetE7Async(probe, Done); // ACKed, but the meter lost the security association: no answer
        await probe.ExpectQuietAsync("SKVER\r\n", "EVER 1.2.10\r\nOK\r\n");
        probe.Write($"SKJOIN {Sim.MeterIp}\r\n");
        await probe.ReadUntilAsync($"EVENT 25 {Sim.MeterIp}\r\n");
        await probe.ReadLineAsync();
        await GetE7Async(probe, Done + Reply(E7Reply));
        Assert.Equal(1, host.Stats.FaultsOf(FaultKind.MeterReboot));
    }

    [Fact]
    public async Task Meter_terminate_shows_the_termination_request_and_event_26()
    {
        using var sim = await JoinedAsync("meter-terminate=100");
        var (_, time, probe) = sim;
        Sim.Run(time, TimeSpan.FromSeconds(101), TimeSpan.FromSeconds(1));
        var text = probe.TakePending();
        Assert.StartsWith($"ERXUDP {Sim.MeterIp} {Sim.DongleIp} 02CC 02CC {Sim.MeterMac} 0 ", text, StringComparison.Ordinal);
        Assert.EndsWith($"EVENT 26 {Sim.MeterIp}\r\n", text, StringComparison.Ordinal);
        probe.Write("SKTERM\r\n");
        await probe.ExpectAsync("FAIL ER10\r\n");
    }

    [Fact]
    public async Task Dongle_reset_brings_back_echo_and_drops_the_session()
    {
        using var sim = await JoinedAsync("dongle-reset=100");
        var (_, time, probe) = sim;
        Sim.Run(time, TimeSpan.FromSeconds(101), TimeSpan.FromSeconds(1));
        Assert.Equal(string.Empty, probe.Pending);
        probe.Write("SKVER\r\n");
        await probe.ExpectAsync("SKVER\r\nEVER 1.2.10\r\nOK\r\n");
        probe.Write("SKTERM\r\n");
        await probe.ExpectAsync("SKTERM\r\nFAIL ER10\r\n");
    }

    [Fact]
    public async Task Vanish_ends_the_stream_and_the_dongle_comes_back_reset()
    {
        using var sim = await JoinedAsync("vanish=100/20");
        var (host, time, probe) = sim;
        Sim.Run(time, TimeSpan.FromSeconds(101), TimeSpan.FromSeconds(1));
        await probe.ExpectEofAsync();
        Assert.Throws<IOException>(() => probe.Write("SKVER\r\n"));
        Assert.False(host.IsPresent);
        Assert.Throws<InvalidOperationException>(() => host.ConnectInMemory());
        var back = host.WhenPresentAsync();
        Assert.False(back.IsCompleted);
        Sim.Run(time, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(1));
        await back.WaitAsync(SerialProbe.Timeout);
        probe.Dispose();
        using var again = new SerialProbe(host.ConnectInMemory());
        again.Write("SKVER\r\n");
        await again.ExpectAsync("SKVER\r\nEVER 1.2.10\r\nOK\r\n");
        Assert.Equal(1, host.Stats.FaultsOf(FaultKind.Vanish));
    }

    [Fact]
    public async Task Lost_inf_skips_the_half_hour_notification()
    {
        var start = new DateTimeOffset(2026, 1, 15, 10, 29, 0, TimeSpan.FromHours(9));
        using var sim = await Sim.CreateJoinedAsync(Ascii("lost-inf=1") with { Start = start });
        var (host, time, probe) = sim;
        Sim.Run(time, TimeSpan.FromSeconds(400), TimeSpan.FromSeconds(1));
        Assert.Equal(string.Empty, probe.Pending);
        Assert.Equal(1, host.Stats.FaultsOf(FaultKind.LostInf));
    }

    [Fact]
    public async Task Faults_are_deterministic_for_a_seed()
    {
        async Task<string> Transcript(ulong seed)
        {
            using var sim = Sim.Create(Ascii("lost-reply=0.3,duplicate-reply=0.3,garbage=0.2,unsecured=0.3,lost-ack=0.2") with { Seed = seed, Meter = Meter628 });
            var probe = sim.Probe;
            probe.Write(SetupAndJoin);
            for (var i = 0; i < 30; i++)
            {
                probe.SendTo(Sim.MeterIp, Sim.Get(0xE7));
            }

            probe.Write("SKVER\r\n");
            return await probe.ReadUntilAsync("EVER 1.2.10");
        }

        var a = await Transcript(5);
        Assert.Equal(a, await Transcript(5));
        Assert.NotEqual(a, await Transcript(6));
    }

    [Theory]
    [InlineData("lost-reply=2", "between 0 and 1")]
    [InlineData("nonsense=0.1", "unknown fault 'nonsense'")]
    [InlineData("tx-limit=100/200", "shorter than the period")]
    [InlineData("lost-reply", "needs a value")]
    [InlineData("auth-fail-first=x", "join count")]
    [InlineData("unanswered-ns=-1", "count of solicitations")]
    [InlineData("forget-neighbour=0", "simulated seconds")]
    [InlineData("vanish=-5", "simulated seconds")]
    public void Bad_fault_lists_are_rejected_with_a_clear_message(string text, string message)
    {
        var ex = Assert.Throws<FormatException>(() => FaultOptions.Parse(text));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lost-reply=0.01", true)]
    [InlineData("tx-limit=3600", true)]
    [InlineData("unanswered-ns=1", true)]
    [InlineData("auth-fail-first=1", true)]
    [InlineData("early-expiry=600", true)]
    [InlineData("field", true)]
    [InlineData("lost-reply=0,auth-fail-first=0", false)]
    [InlineData("none", false)]
    public void Any_tells_whether_a_fault_can_fire(string text, bool any) => Assert.Equal(any, FaultOptions.Parse(text).Any);

    [Fact]
    public void Fault_list_parses_every_form()
    {
        var f = FaultOptions.Parse("lost-reply=0.05, auth-fail-first=2,early-expiry=600,tx-limit=3600/120,vanish=300,field");
        Assert.Equal(0.005, f.P(FaultKind.LostReply)); // the preset given later wins
        Assert.Equal(2, f.AuthFailFirst);
        Assert.Equal(0.5, f.P(FaultKind.JoinAfterTerm)); // timing.md: 50 % if SKJOIN comes < 10 s after SKTERM
        Assert.Equal(TimeSpan.FromSeconds(10), f.TermQuietPeriod);
        Assert.Equal(TimeSpan.FromSeconds(600), f.EarlyExpiry);
        Assert.Equal(new FaultSpell(TimeSpan.FromSeconds(3600), TimeSpan.FromSeconds(120)), f.Spells[FaultKind.TxLimit]);
        Assert.Equal(TimeSpan.FromSeconds(10), f.Spells[FaultKind.Vanish].Duration);
        var ns = FaultOptions.Parse("forget-neighbour=90,unanswered-ns=4");
        Assert.Equal(new FaultSpell(TimeSpan.FromSeconds(90), TimeSpan.Zero), ns.Spells[FaultKind.ForgetNeighbour]);
        Assert.Equal(4, ns.UnansweredSolicitations);
        Assert.Same(FaultOptions.None, FaultOptions.Parse(null));
    }
}

/// <summary>Session endings that depend on the meter being there.</summary>
public sealed class SessionEndTests
{
    [Fact]
    public async Task Skterm_while_the_meter_reboots_times_out_with_event_28()
    {
        using var sim = await Sim.CreateJoinedAsync(Sim.Options(faults: "meter-reboot=100/60") with { DataMode = ErxudpDataMode.AsciiHex });
        var (_, time, probe) = sim;
        Sim.Run(time, TimeSpan.FromSeconds(101), TimeSpan.FromSeconds(1));
        probe.Write("SKTERM\r\n");
        await probe.ExpectAsync($"OK\r\nEVENT 21 {Sim.MeterIp} 01\r\nEVENT 28 {Sim.MeterIp}\r\n");
    }

    [Fact]
    public async Task Infc_mode_sends_the_half_hour_value_as_0x74()
    {
        var start = new DateTimeOffset(2026, 1, 15, 10, 29, 0, TimeSpan.FromHours(9));
        using var sim = await Sim.CreateJoinedAsync(Sim.Options() with { DataMode = ErxudpDataMode.AsciiHex, Start = start, Meter = new MeterOptions { UseInfc = true, ReverseMetering = false } });
        var (host, time, probe) = sim;
        Sim.RunUntil(time, probe, "\r\n", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(7));
        var line = probe.TakePending();
        Assert.Contains(" 0019 1081000102880105FF017401EA0B07EA010F0A1E00", line, StringComparison.Ordinal);

        // The client's INFC_Res (0x7A, PDC 0) is taken without any answer.
        var ack = Convert.FromHexString("1081000105FF010288017A01EA00");
        probe.SendTo(Sim.MeterIp, ack);
        await probe.ExpectAsync($"\r\nEVENT 21 {Sim.MeterIp} 00\r\nOK\r\n");
        await probe.ExpectQuietAsync("SKVER\r\n", "EVER 1.2.10\r\nOK\r\n");
        Assert.Equal(0, host.Stats.EchonetDropped);
    }
}
