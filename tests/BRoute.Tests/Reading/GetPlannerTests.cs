using BRoute.EchonetLite.Frames;
using BRoute.Reading;

namespace BRoute.Tests.Reading;

public sealed class GetPlannerTests
{
    private static EchonetFrame Reply(Esv esv, params (byte Epc, byte[] Edt)[] props) =>
        new(1, Eoj.SmartMeter, Eoj.Controller, esv, props.Select(p => new EchonetProperty(p.Epc, p.Edt)).ToArray());

    private static (byte, byte[]) V(byte epc) => (epc, [epc]);

    private static (byte, byte[]) Refused(byte epc) => (epc, []);

    private static GetBatch Next(GetPlanner p)
    {
        Assert.True(p.TryNextBatch(out var b));
        return b;
    }

    [Fact]
    public void Epcs_outside_the_map_are_never_asked_and_duplicates_are_asked_once()
    {
        var caps = new MeterCapabilities { GetPropertyMap = new HashSet<byte> { 0x80, 0xE7, 0xE8 } };
        var p = new GetPlanner([0xE7, 0xD3, 0xE8, 0xE7], caps);
        Assert.Equal([0xE7, 0xD3, 0xE8], p.Requested);
        var b = Next(p);
        Assert.Equal([0xE7, 0xE8], b.Epcs);
        Assert.False(p.TryNextBatch(out _));
        p.OnReply(b, Reply(Esv.GetRes, V(0xE7), V(0xE8)));
        Assert.True(p.IsComplete);
        Assert.Equal(UnsupportedReason.NotInPropertyMap, p.Result.Unsupported[0xD3]);
        Assert.Equal(new byte[] { 0xE7, 0xE8 }, p.Result.Values.Keys.Order());
    }

    [Fact]
    public void Everything_outside_the_map_needs_no_request()
    {
        var p = new GetPlanner([0xD3], new MeterCapabilities { GetPropertyMap = new HashSet<byte> { 0x80 } });
        Assert.True(p.IsComplete);
        Assert.False(p.TryNextBatch(out _));
    }

    [Fact]
    public void Batches_hold_at_most_max_opc()
    {
        var epcs = Enumerable.Range(0xD0, 14).Select(i => (byte)i).ToArray();
        var p = new GetPlanner(epcs, new MeterCapabilities());
        var sizes = new List<int>();
        while (p.TryNextBatch(out var b))
        {
            sizes.Add(b.Epcs.Count);
            p.OnReply(b, Reply(Esv.GetRes, b.Epcs.Select(V).ToArray()));
        }

        Assert.Equal([6, 6, 2], sizes);
        Assert.Equal(14, p.Result.Values.Count);
    }

    [Fact]
    public void Full_reply_records_the_accepted_opc_and_keeps_the_values()
    {
        var caps = new MeterCapabilities();
        var p = new GetPlanner([0xE7, 0xE8, 0xE0], caps);
        var b = Next(p);
        p.OnReply(b, Reply(Esv.GetRes, (0xE7, [0, 0, 2, 0x74]), (0xE8, [0, 0x32, 0, 0x14]), (0xE0, [0, 1, 0x52, 8])));
        Assert.Equal(3, caps.LargestAcceptedOpc);
        Assert.Equal(new EchonetProperty(0xE7, new byte[] { 0, 0, 2, 0x74 }), p.Result.Values[0xE7]);
        Assert.Empty(p.Result.Unsupported);
        Assert.Empty(p.Result.NoReply);
    }

    [Fact]
    public void Refused_epc_is_retried_alone_once_then_confirmed_unsupported_and_remembered()
    {
        var caps = new MeterCapabilities();
        var p = new GetPlanner([0xD3, 0xE7, 0xE1], caps);
        var b = Next(p);
        p.OnReply(b, Reply(Esv.GetSna, Refused(0xD3), V(0xE7), V(0xE1)));
        Assert.Equal(0, caps.LargestAcceptedOpc); // a refusal may also be a size problem: not known yet

        var retry = Next(p);
        Assert.Equal([0xD3], retry.Epcs);
        Assert.Equal(GetBatchKind.RefusedRetryAlone, retry.Kind);
        p.OnReply(retry, Reply(Esv.GetSna, Refused(0xD3)));
        Assert.True(p.IsComplete);
        Assert.Equal(3, caps.LargestAcceptedOpc); // refused alone too: the batch of 3 was handled in full
        Assert.Equal(UnsupportedReason.RefusedByMeter, p.Result.Unsupported[0xD3]);
        Assert.Equal(2, p.Result.Values.Count);
        Assert.Contains((byte)0xD3, caps.ConfirmedUnsupported);
        Assert.Equal(6, caps.MaxOpc);

        // The next read does not ask for D3 again.
        var again = new GetPlanner([0xD3, 0xE7], caps);
        Assert.Equal([0xE7], Next(again).Epcs);
        Assert.Equal(UnsupportedReason.RefusedByMeter, again.Result.Unsupported[0xD3]);
    }

    [Fact]
    public void A_single_epc_refused_alone_is_unsupported_without_retry()
    {
        var caps = new MeterCapabilities();
        var p = new GetPlanner([0xD3], caps);
        p.OnReply(Next(p), Reply(Esv.GetSna, Refused(0xD3)));
        Assert.True(p.IsComplete);
        Assert.Equal(UnsupportedReason.RefusedByMeter, p.Result.Unsupported[0xD3]);
    }

    [Fact]
    public void Get_res_with_pdc_0_counts_as_refused()
    {
        var p = new GetPlanner([0xE7, 0xE8], new MeterCapabilities());
        p.OnReply(Next(p), Reply(Esv.GetRes, V(0xE7), Refused(0xE8)));
        Assert.Equal([0xE8], Next(p).Epcs);
    }

    [Fact]
    public void Sna_that_drops_epcs_beyond_the_meters_limit_teaches_max_opc()
    {
        // A meter that processes 6 EPCs and leaves the rest out of the Get_SNA (the Toshiba case in timing.md §8).
        var caps = new MeterCapabilities(initialMaxOpc: 10);
        var epcs = Enumerable.Range(0xE0, 10).Select(i => (byte)i).ToArray();
        var p = new GetPlanner(epcs, caps);
        var b = Next(p);
        Assert.Equal(10, b.Epcs.Count);
        p.OnReply(b, Reply(Esv.GetSna, epcs[..6].Select(V).ToArray()));
        Assert.Equal(0, caps.LargestAcceptedOpc);
        for (var i = 0; i < 4; i++)
        {
            var single = Next(p);
            Assert.Equal(GetBatchKind.RefusedRetryAlone, single.Kind);
            Assert.Equal(10, caps.MaxOpc);
            p.OnReply(single, Reply(Esv.GetRes, V(single.Epcs[0])));
        }

        Assert.True(p.IsComplete);
        Assert.Equal(10, p.Result.Values.Count);
        Assert.Equal(6, caps.MaxOpc);
        Assert.Equal(1, caps.MaxOpcReductions);
    }

    [Fact]
    public void Pdc_0_beyond_the_meters_limit_answered_alone_teaches_max_opc()
    {
        // A meter that answers 3 EPCs per Get and the rest of a bigger Get with PDC 0 (the simulator's "sna" mode).
        var caps = new MeterCapabilities();
        var epcs = new byte[] { 0x80, 0xE0, 0xE3, 0xE7, 0xE8, 0xEA };
        var p = new GetPlanner(epcs, caps);
        var b = Next(p);
        p.OnReply(b, Reply(Esv.GetSna, V(0x80), V(0xE0), V(0xE3), Refused(0xE7), Refused(0xE8), Refused(0xEA)));
        Assert.Equal(0, caps.LargestAcceptedOpc);
        for (var i = 0; i < 3; i++)
        {
            var single = Next(p);
            Assert.Equal(GetBatchKind.RefusedRetryAlone, single.Kind);
            p.OnReply(single, Reply(Esv.GetRes, V(single.Epcs[0])));
        }

        Assert.True(p.IsComplete);
        Assert.Equal(6, p.Result.Values.Count);
        Assert.Equal(3, caps.MaxOpc);
        Assert.Equal(3, Next(new GetPlanner(epcs, caps)).Epcs.Count);
    }

    [Fact]
    public void Refused_retries_that_stay_refused_do_not_lower_max_opc()
    {
        var caps = new MeterCapabilities();
        var p = new GetPlanner([0xD3, 0xE7], caps);
        p.OnReply(Next(p), Reply(Esv.GetSna, Refused(0xD3), V(0xE7)));
        p.OnNoReply(Next(p));
        Assert.True(p.IsComplete);
        Assert.Contains((byte)0xD3, p.Result.NoReply);
        Assert.DoesNotContain((byte)0xD3, caps.ConfirmedUnsupported);
        Assert.Equal(6, caps.MaxOpc);
    }

    [Fact]
    public void A_silent_batch_larger_than_any_answered_is_a_probe_halved_and_max_opc_lowered_to_the_answered_half()
    {
        var caps = new MeterCapabilities();
        caps.RecordAccepted(2); // the meter answered 2 in full before
        var epcs = new byte[] { 0x80, 0xD3, 0xD7, 0xE0, 0xE1, 0xE7, 0xE8 };
        var p = new GetPlanner(epcs, caps);
        var big = Next(p);
        Assert.Equal(6, big.Epcs.Count);
        Assert.True(big.Probe); // 6 > 2: a silence may mean "too big"
        p.OnNoReply(big);

        var firstHalf = Next(p);
        Assert.Equal(GetBatchKind.SilentBatchSplit, firstHalf.Kind);
        Assert.Equal([0x80, 0xD3, 0xD7], firstHalf.Epcs);
        Assert.True(firstHalf.Probe); // 3 > 2
        p.OnReply(firstHalf, Reply(Esv.GetRes, firstHalf.Epcs.Select(V).ToArray()));
        Assert.Equal(3, caps.MaxOpc);
        Assert.Equal(3, caps.LargestAcceptedOpc);

        var secondHalf = Next(p);
        Assert.Equal([0xE0, 0xE1, 0xE7], secondHalf.Epcs);
        Assert.False(secondHalf.Probe);
        p.OnReply(secondHalf, Reply(Esv.GetRes, secondHalf.Epcs.Select(V).ToArray()));
        Assert.Equal(3, caps.MaxOpc); // lowered once per silent batch

        var rest = Next(p);
        Assert.Equal([0xE8], rest.Epcs);
        p.OnReply(rest, Reply(Esv.GetRes, V(0xE8)));
        Assert.Equal(7, p.Result.Values.Count);

        // The next read batches by 3, and a batch of 3 is no probe any more.
        var next = Next(new GetPlanner(epcs, caps));
        Assert.Equal(3, next.Epcs.Count);
        Assert.False(next.Probe);
    }

    [Fact]
    public void A_half_that_had_every_attempt_and_is_silent_too_means_no_link_and_stops_asking()
    {
        var caps = new MeterCapabilities();
        caps.RecordAccepted(4);
        var p = new GetPlanner([0x80, 0xD3, 0xD7, 0xE7, 0xE8, 0xE0], caps);
        var big = Next(p);
        Assert.True(big.Probe);
        p.OnNoReply(big);
        var half = Next(p);
        Assert.False(half.Probe); // 3 ≤ 4: a size the meter answered, so its silence is the link's
        p.OnNoReply(half);
        Assert.True(p.IsComplete);
        Assert.Equal(new byte[] { 0x80, 0xD3, 0xD7, 0xE0, 0xE7, 0xE8 }, p.Result.NoReply.Order());
        Assert.Equal(6, caps.MaxOpc);
        Assert.Empty(p.Result.Unsupported);
    }

    [Fact]
    public void Silent_batch_with_a_silent_first_single_means_no_link_and_stops_asking()
    {
        var caps = new MeterCapabilities();
        var p = new GetPlanner([0x80, 0xD3], caps);
        p.OnNoReply(Next(p));
        var single = Next(p);
        Assert.Equal([0x80], single.Epcs);
        Assert.False(single.Probe); // a single is never a probe
        p.OnNoReply(single);
        Assert.True(p.IsComplete);
        Assert.Equal(new byte[] { 0x80, 0xD3 }, p.Result.NoReply.Order());
        Assert.Equal(6, caps.MaxOpc);
    }

    [Fact]
    public void A_silent_single_after_answered_ones_is_only_that_epcs_loss()
    {
        var caps = new MeterCapabilities();
        var p = new GetPlanner([0x80, 0xD3, 0xD7, 0xE0], caps);
        p.OnNoReply(Next(p)); // 4 silent → 80 D3 | D7 E0
        var first = Next(p);
        p.OnReply(first, Reply(Esv.GetRes, V(0x80), V(0xD3)));
        Assert.Equal(2, caps.MaxOpc);
        var second = Next(p);
        Assert.Equal([0xD7, 0xE0], second.Epcs);
        Assert.False(second.Probe); // 2 was just answered in full
        p.OnNoReply(second); // every attempt, silent: halved again (a part was answered, so the link works)
        p.OnNoReply(Next(p)); // D7 alone: silent
        var last = Next(p);
        Assert.Equal([0xE0], last.Epcs);
        p.OnReply(last, Reply(Esv.GetRes, V(0xE0)));
        Assert.Equal(new byte[] { 0xD7 }, p.Result.NoReply);
        Assert.Equal(2, caps.MaxOpc);
    }

    [Fact]
    public void A_batch_size_the_meter_answered_before_is_not_blamed_for_silence()
    {
        var caps = new MeterCapabilities();
        var epcs = new byte[] { 0x80, 0xD3, 0xD7, 0xE0, 0xE1, 0xE7 };
        var first = new GetPlanner(epcs, caps);
        var b = Next(first);
        first.OnReply(b, Reply(Esv.GetRes, epcs.Select(V).ToArray()));
        Assert.Equal(6, caps.LargestAcceptedOpc);

        var second = new GetPlanner(epcs, caps);
        second.OnNoReply(Next(second));
        second.OnReply(Next(second), Reply(Esv.GetRes, V(0x80)));
        Assert.Equal(6, caps.MaxOpc);
    }

    [Fact]
    public void Single_epc_without_reply_is_no_reply_not_unsupported()
    {
        var p = new GetPlanner([0xE7], new MeterCapabilities());
        p.OnNoReply(Next(p));
        Assert.Equal(new byte[] { 0xE7 }, p.Result.NoReply);
        Assert.Empty(p.Result.Unsupported);
    }

    [Fact]
    public void Misuse_is_reported()
    {
        var p = new GetPlanner([0xE7], new MeterCapabilities());
        var b = Next(p);
        Assert.Throws<ArgumentException>(() => p.OnReply(b, Reply(Esv.SetRes, V(0xE7))));
        p.OnReply(b, Reply(Esv.GetRes, V(0xE7)));
        Assert.Throws<InvalidOperationException>(() => p.OnReply(b, Reply(Esv.GetRes, V(0xE7))));
        Assert.Throws<InvalidOperationException>(() => p.OnNoReply(b));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MeterCapabilities(0));
    }

    [Fact]
    public void Two_batches_can_be_awaited_at_once_and_answered_in_any_order()
    {
        var p = new GetPlanner([0x80, 0xE0, 0xE7, 0xE8], new MeterCapabilities(initialMaxOpc: 2));
        var first = Next(p);
        Assert.Equal(GetBatchKind.First, p.NextKind);
        var second = Next(p);
        Assert.Equal(2, p.InFlight);
        Assert.Null(p.NextKind);

        p.OnReply(second, Reply(Esv.GetRes, V(0xE7), V(0xE8)));
        Assert.False(p.IsComplete);
        p.OnReply(first, Reply(Esv.GetRes, V(0x80), V(0xE0)));

        Assert.True(p.IsComplete);
        Assert.Equal(0, p.InFlight);
        Assert.Equal(new byte[] { 0x80, 0xE0, 0xE7, 0xE8 }, p.Result.Values.Keys.Order().ToArray());
    }

    [Fact]
    public void A_refusal_queues_a_retry_alone_ahead_of_first_batches_and_says_so()
    {
        // A driver with several Gets in flight sends a retry alone only when nothing else is awaited: NextKind tells it.
        var p = new GetPlanner([0x80, 0xE0, 0xE7, 0xE8, 0xEA, 0xEB], new MeterCapabilities(initialMaxOpc: 2));
        var first = Next(p);
        var second = Next(p);
        p.OnReply(first, Reply(Esv.GetSna, V(0x80), Refused(0xE0)));

        Assert.Equal(GetBatchKind.RefusedRetryAlone, p.NextKind);
        Assert.Equal(1, p.InFlight);
        var retry = Next(p);
        Assert.Equal([0xE0], retry.Epcs);
        Assert.Equal(GetBatchKind.First, p.NextKind);
        p.OnReply(second, Reply(Esv.GetRes, V(0xE7), V(0xE8)));
        p.OnReply(retry, Reply(Esv.GetRes, V(0xE0)));
        p.OnReply(Next(p), Reply(Esv.GetRes, V(0xEA), V(0xEB)));

        Assert.True(p.IsComplete);
        Assert.Equal(6, p.Result.Values.Count);
    }
}
