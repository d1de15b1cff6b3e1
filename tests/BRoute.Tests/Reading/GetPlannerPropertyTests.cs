using BRoute.EchonetLite.Frames;
using BRoute.Reading;
using CsCheck;

namespace BRoute.Tests.Reading;

public sealed class GetPlannerPropertyTests
{
    private static readonly byte[] Universe = [0x80, 0x81, 0x82, 0x88, 0x8A, 0x9D, 0x9E, 0x9F, 0xD3, 0xD7, 0xE0, 0xE1, 0xE3, 0xE5, 0xE7, 0xE8, 0xEA, 0xEB];

    /// <summary>A lossless meter with a set of supported EPCs and a batch limit, beyond which it stays silent or truncates.</summary>
    private sealed record FakeMeter(HashSet<byte> Supported, int Limit, bool SilentBeyondLimit)
    {
        public EchonetFrame? Answer(IReadOnlyList<byte> epcs)
        {
            if (epcs.Count > Limit && SilentBeyondLimit)
            {
                return null;
            }

            var processed = epcs.Take(Limit).ToList();
            var props = processed.Select(e => Supported.Contains(e) ? new EchonetProperty(e, new[] { e }) : new EchonetProperty(e)).ToArray();
            var complete = processed.Count == epcs.Count && processed.All(Supported.Contains);
            return new EchonetFrame(1, Eoj.SmartMeter, Eoj.Controller, complete ? Esv.GetRes : Esv.GetSna, props);
        }
    }

    [Fact]
    public void Every_epc_ends_in_exactly_one_outcome_and_batches_respect_max_opc()
    {
        var gen = Gen.Select(Gen.Byte[0, 255].Array[1, 24], Gen.Int[0, (1 << 18) - 1], Gen.Int[1, 8], Gen.Bool);
        gen.Sample((picks, supportedMask, limit, silent) =>
        {
            var requested = picks.Select(b => Universe[b % Universe.Length]).ToArray();
            var supported = Universe.Where((_, i) => (supportedMask & (1 << i)) != 0).ToHashSet();
            var meter = new FakeMeter(supported, limit, silent);
            var caps = new MeterCapabilities();
            var p = new GetPlanner(requested, caps);
            var sends = 0;
            while (p.TryNextBatch(out var b))
            {
                Assert.InRange(b.Epcs.Count, 1, caps.MaxOpc);
                Assert.True(++sends < 200, "planner does not terminate");
                var reply = meter.Answer(b.Epcs);
                if (reply is null)
                {
                    p.OnNoReply(b);
                }
                else
                {
                    p.OnReply(b, reply);
                }
            }

            Assert.True(p.IsComplete);
            var r = p.Result;
            foreach (var epc in requested.Distinct())
            {
                var outcomes = (r.Values.ContainsKey(epc) ? 1 : 0) + (r.Unsupported.ContainsKey(epc) ? 1 : 0) + (r.NoReply.Contains(epc) ? 1 : 0);
                Assert.Equal(1, outcomes);

                // A lossless meter: supported EPCs always get their value, unsupported ones are never reported as values.
                Assert.Equal(supported.Contains(epc), r.Values.ContainsKey(epc));
                if (r.Values.TryGetValue(epc, out var v))
                {
                    Assert.Equal([epc], v.Edt.ToArray());
                }
            }

            Assert.True(caps.MaxOpc >= 1);
        });
    }

    [Fact]
    public void Repeated_reads_converge_to_the_meters_batch_limit()
    {
        Gen.Select(Gen.Int[1, 5], Gen.Bool).Sample((limit, silent) =>
        {
            var meter = new FakeMeter([.. Universe], limit, silent);
            var caps = new MeterCapabilities();
            for (var read = 0; read < 8; read++)
            {
                var p = new GetPlanner(Universe, caps);
                while (p.TryNextBatch(out var b))
                {
                    var reply = meter.Answer(b.Epcs);
                    if (reply is null)
                    {
                        p.OnNoReply(b);
                    }
                    else
                    {
                        p.OnReply(b, reply);
                    }
                }

                Assert.Equal(Universe.Length, p.Result.Values.Count);
            }

            Assert.True(caps.MaxOpc <= limit, $"MaxOpc {caps.MaxOpc} still above the meter's limit {limit}");
            Assert.True(caps.MaxOpc >= 1);
        });
    }
}
