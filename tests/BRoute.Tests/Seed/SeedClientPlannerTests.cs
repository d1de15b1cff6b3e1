using System.Text.RegularExpressions;
using BRoute.EchonetLite.Frames;
using BRoute.Seed;
using BRoute.Tests.TestSupport;
using BRoute.Transactions;
using Microsoft.Extensions.Time.Testing;

namespace BRoute.Tests.Seed;

public sealed partial class SeedClientPlannerTests
{
    /// <summary>One SKSENDTO of the log and the ERXUDP payloads read before the next one.</summary>
    private sealed record Attempt(byte? NewEpc, List<ReadOnlyMemory<byte>> Payloads);

    [GeneratedRegex("^(?<epc>[0-9A-F]{2}) \\k<epc> .*SKSENDTO 1 ")]
    private static partial Regex LabelledSend();

    private static List<Attempt> ReadTrace()
    {
        var attempts = new List<Attempt>();
        foreach (var line in ReferenceFiles.ReadLines("seed-trace.log"))
        {
            if (line.Contains("SKSENDTO 1 ", StringComparison.Ordinal))
            {
                var m = LabelledSend().Match(line);
                attempts.Add(new Attempt(m.Success ? Convert.ToByte(m.Groups["epc"].Value, 16) : null, []));
            }
            else if (line.StartsWith("ERXUDP ", StringComparison.Ordinal))
            {
                attempts[^1].Payloads.Add(Convert.FromHexString(line.Split(' ')[^1]));
            }
        }

        return attempts;
    }

    [Fact]
    public void Replaying_the_seed_trace_reproduces_every_send_and_resend_in_it()
    {
        var attempts = ReadTrace();
        Assert.Equal(22, attempts.Count);
        var planner = new SeedClientPlanner(SeedClientPlanner.SeedOrder);
        var expectNew = true;
        var decisions = new List<SeedDecision>();
        foreach (var attempt in attempts)
        {
            // The log labels a send with its EPC exactly when it is the first send of that EPC.
            Assert.Equal(expectNew, attempt.NewEpc is not null);
            if (attempt.NewEpc is { } epc)
            {
                Assert.Equal(epc, planner.CurrentEpc);
            }

            planner.Send();
            var decision = planner.Resolve(attempt.Payloads);
            decisions.Add(decision);
            expectNew = decision == SeedDecision.Accepted;
        }

        Assert.True(planner.IsComplete);
        Assert.Equal(22, planner.Sends);
        Assert.Equal(7, decisions.Count(d => d == SeedDecision.Resend));
        Assert.Equal(SeedClientPlanner.SeedOrder, planner.Accepted.Select(a => a.Epc));
        Assert.Equal(new EchonetProperty(0xE7, new byte[] { 0, 0, 2, 0x74 }), planner.Accepted.Single(a => a.Epc == 0xE7).Value);
    }

    [Fact]
    public void The_seed_sends_the_14_byte_get_with_tid_0001()
    {
        var planner = new SeedClientPlanner([0xE7]);
        Assert.Equal(Golden.GetReqE7, Golden.Hex(planner.Send()));
    }

    [Fact]
    public void The_instance_list_inf_makes_the_seed_resend()
    {
        var planner = new SeedClientPlanner([0x80]);
        planner.Send();
        Assert.Equal(SeedDecision.Resend, planner.Resolve([Golden.Bytes(Golden.InstanceListInf), Golden.Bytes(Golden.GetRes80)]));
    }

    [Fact]
    public void The_seed_takes_a_late_answer_to_the_previous_poll_as_the_new_value_where_the_matcher_does_not()
    {
        // Poll E7 twice. The first poll's answer (628 W) arrives late, during the second poll,
        // before the second answer (900 W).
        var old = Golden.Bytes(Golden.GetResE7);
        var fresh = Golden.Bytes("1081000102880105FF017201E70400000384");

        var seed = new SeedClientPlanner([0xE7, 0xE7]);
        seed.Send();
        Assert.Equal(SeedDecision.Resend, seed.Resolve([]));
        seed.Send();
        Assert.Equal(SeedDecision.Accepted, seed.Resolve([old]));
        seed.Send();
        Assert.Equal(SeedDecision.Accepted, seed.Resolve([old, fresh])); // the duplicate of the first answer wins
        Assert.Equal([0, 0, 2, 0x74], seed.Accepted[1].Value.Edt.ToArray());

        // The matcher, with a TID per request, rejects the stale frame and takes the fresh one.
        var matcher = new ReplyMatcher(new FakeTimeProvider(), transactionIds: new TransactionIds(1)) { MeterAddress = Golden.Meter };
        var first = matcher.BeginGet(Eoj.SmartMeter, 0xE7);
        Assert.Equal(MatchKind.Reply, matcher.Match(Golden.Meter, Golden.Port, Golden.Frame(Golden.GetResE7, first.Tid)).Kind);
        var second = matcher.BeginGet(Eoj.SmartMeter, 0xE7);
        Assert.Equal(DropReason.Duplicate, matcher.Match(Golden.Meter, Golden.Port, Golden.Frame(Golden.GetResE7, first.Tid)).Reason);
        var accepted = matcher.Match(Golden.Meter, Golden.Port, Golden.Frame("1081000102880105FF017201E70400000384", second.Tid));
        Assert.Equal([0, 0, 3, 0x84], accepted.Frame!.Properties[0].Edt.ToArray());
    }

    [Fact]
    public void Garbage_and_silence_mean_resend_until_the_cap()
    {
        var planner = new SeedClientPlanner([0xE7, 0x80], maxSendsPerEpc: 3);
        planner.Send();
        Assert.Equal(SeedDecision.Resend, planner.Resolve([new byte[] { 1, 2, 3 }]));
        planner.Send();
        Assert.Equal(SeedDecision.Resend, planner.Resolve([]));
        planner.Send();
        Assert.Equal(SeedDecision.GaveUp, planner.Resolve([]));
        Assert.Equal([0xE7], planner.GaveUp);
        Assert.Equal((byte)0x80, planner.CurrentEpc);
    }

    [Fact]
    public void Using_a_finished_planner_is_misuse()
    {
        var planner = new SeedClientPlanner([]);
        Assert.True(planner.IsComplete);
        Assert.Throws<InvalidOperationException>(() => planner.Send());
        Assert.Throws<InvalidOperationException>(() => planner.Resolve([]));
    }
}
