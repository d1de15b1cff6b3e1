using BRoute.EchonetLite.Frames;
using BRoute.Reading;

namespace BRoute.Tests.Reading;

/// <summary>The planner with capabilities remembered from an earlier session: used, checked, and dropped on a contradiction.</summary>
public sealed class RememberedCapabilitiesPlannerTests
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

    private static (MeterCapabilities Caps, List<string> Contradictions) Remembered(int maxOpc, int largest, params byte[] refused)
    {
        var caps = new MeterCapabilities();
        var contradictions = new List<string>();
        caps.Contradicted = contradictions.Add;
        caps.Restore(maxOpc, largest, refused);
        return (caps, contradictions);
    }

    [Fact]
    public void A_remembered_limit_is_used_at_once_and_its_batches_are_no_probes()
    {
        var (caps, contradictions) = Remembered(4, 4);
        var p = new GetPlanner([0x80, 0xD3, 0xD7, 0xE0, 0xE1, 0xE7, 0xE8, 0xEA], caps);
        var a = Next(p);
        var b = Next(p);
        Assert.Equal(4, a.Epcs.Count);
        Assert.Equal(4, b.Epcs.Count);
        Assert.False(a.Probe);
        p.OnReply(a, Reply(Esv.GetRes, a.Epcs.Select(V).ToArray()));
        p.OnReply(b, Reply(Esv.GetRes, b.Epcs.Select(V).ToArray()));
        Assert.Equal(8, p.Result.Values.Count);
        Assert.True(caps.IsRemembered);
        Assert.Empty(contradictions);
    }

    [Fact]
    public void A_remembered_refusal_is_asked_only_where_a_batch_has_room_and_confirmed_without_a_retry_alone()
    {
        var (caps, contradictions) = Remembered(4, 4, 0x84);

        // 4 EPCs fill the batch: 0x84 is reported as remembered, not asked.
        var full = new GetPlanner([0x84, 0xE7, 0xE8, 0xE0, 0xE3], caps);
        var only = Next(full);
        Assert.Equal([0xE7, 0xE8, 0xE0, 0xE3], only.Epcs);
        Assert.Equal(UnsupportedReason.RefusedByMeter, full.Result.Unsupported[0x84]);
        full.OnReply(only, Reply(Esv.GetRes, only.Epcs.Select(V).ToArray()));
        Assert.False(full.TryNextBatch(out _));

        // With room it rides along; refused again in a batch of a proven size: confirmed, no retry alone.
        var roomy = new GetPlanner([0x84, 0xE7], caps);
        var batch = Next(roomy);
        Assert.Equal([0xE7, 0x84], batch.Epcs);
        roomy.OnReply(batch, Reply(Esv.GetSna, V(0xE7), Refused(0x84)));
        Assert.True(roomy.IsComplete);
        Assert.Equal(UnsupportedReason.RefusedByMeter, roomy.Result.Unsupported[0x84]);
        Assert.Contains((byte)0x84, caps.ConfirmedUnsupported);
        Assert.Empty(caps.RememberedRefused);
        Assert.Empty(contradictions);
    }

    [Fact]
    public void A_remembered_refusal_the_meter_now_answers_drops_every_remembered_fact()
    {
        var (caps, contradictions) = Remembered(4, 4, 0x84, 0x85);
        var p = new GetPlanner([0x84, 0xE7], caps);
        var batch = Next(p);
        p.OnReply(batch, Reply(Esv.GetRes, V(0xE7), V(0x84)));

        Assert.Equal([0x84], p.Result.Values[0x84].Edt.ToArray()); // the value, not "not supported"
        var reason = Assert.Single(contradictions);
        Assert.Contains("0x84, remembered as refused, was answered", reason, StringComparison.Ordinal);
        Assert.False(caps.IsRemembered);
        Assert.Empty(caps.RememberedRefused); // 0x85 is asked again too
        Assert.Equal(MeterCapabilities.AifMaxOpc, caps.MaxOpc); // back to the start: relearned
        Assert.Equal(0, caps.RememberedLargestAcceptedOpc);
    }

    [Fact]
    public void A_lower_limit_than_remembered_is_learned_after_every_attempt_and_drops_the_memory()
    {
        var (caps, contradictions) = Remembered(4, 4);
        var p = new GetPlanner([0x80, 0xE0, 0xE7, 0xE8], caps);
        var batch = Next(p);
        Assert.False(batch.Probe); // 4 was answered in an earlier session: every attempt first
        p.OnNoReply(batch);
        var half = Next(p);
        Assert.Equal([0x80, 0xE0], half.Epcs);
        p.OnReply(half, Reply(Esv.GetRes, V(0x80), V(0xE0)));

        Assert.Equal(2, caps.MaxOpc);
        Assert.Contains("no longer answers Gets of 4 EPCs", Assert.Single(contradictions), StringComparison.Ordinal);
        var rest = Next(p);
        p.OnReply(rest, Reply(Esv.GetRes, V(0xE7), V(0xE8)));
        Assert.Equal(4, p.Result.Values.Count);
    }

    [Fact]
    public void If_room_epcs_fill_the_last_batch_only()
    {
        var caps = new MeterCapabilities(initialMaxOpc: 4);
        Assert.Equal([0xE7, 0xE8, 0x9F], Next(new GetPlanner([0xE7, 0xE8], caps, [0x9F])).Epcs);
        var full = new GetPlanner([0xE7, 0xE8, 0xE0, 0xE3], caps, [0x9F]);
        Assert.Equal([0xE7, 0xE8, 0xE0, 0xE3], Next(full).Epcs);
        Assert.False(full.TryNextBatch(out _));
        Assert.DoesNotContain((byte)0x9F, full.Requested);
    }
}
