using System.Net;
using BRoute.EchonetLite.Frames;
using BRoute.Tests.TestSupport;
using BRoute.Transactions;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace BRoute.Tests.Transactions;

public sealed class ReplyMatcherPropertyTests
{
    private static readonly IPAddress[] Sources = [Golden.Meter, Golden.Dongle, IPAddress.Parse("FE80::1"), IPAddress.Parse("FF02::1")];
    private static readonly ushort[] Ports = [3610, 716, 0, 3611];
    private static readonly Eoj[] Objects = [Eoj.SmartMeter, Eoj.NodeProfile, Eoj.Controller, new Eoj(0x02, 0x88, 0x02), new Eoj(0x05, 0xFF, 0x00)];
    private static readonly byte[] Epcs = [0x80, 0xD3, 0xE0, 0xE7, 0xE8];

    private sealed record Incoming(ushort Tid, int Source, int Port, int Seoj, int Deoj, byte Esv, byte Epc);

    private static readonly Gen<Incoming> IncomingGen =
        Gen.Select(Gen.UShort[0, 12], Gen.Int[0, Sources.Length - 1], Gen.Int[0, Ports.Length - 1], Gen.Int[0, Objects.Length - 1], Gen.Int[0, Objects.Length - 1], Gen.Byte[0x50, 0x7F], Gen.Int[0, Epcs.Length - 1])
            .Select((tid, s, p, se, de, esv, e) => new Incoming(tid, s, p, se, de, esv, Epcs[e]));

    [Fact]
    public void A_reply_is_only_ever_accepted_from_the_meter_for_an_outstanding_tid_with_matching_fields()
    {
        Gen.Select(Gen.Int[1, 6], IncomingGen.Array[1, 40]).Sample((requests, incoming) =>
        {
            var m = new ReplyMatcher(new FakeTimeProvider(), transactionIds: new TransactionIds(1)) { MeterAddress = Golden.Meter };
            var outstanding = new Dictionary<ushort, PendingRequest>();
            for (var i = 0; i < requests; i++)
            {
                var target = i % 2 == 0 ? Eoj.SmartMeter : Eoj.NodeProfile;
                var r = m.BeginGet(target, Epcs[i % Epcs.Length]);
                outstanding[r.Tid] = r;
            }

            var accepted = new HashSet<ushort>();
            foreach (var x in incoming)
            {
                var frame = new EchonetFrame(x.Tid, Objects[x.Seoj], Objects[x.Deoj], (Esv)x.Esv, [new EchonetProperty(x.Epc, new byte[] { 1 })]);
                var result = m.Match(Sources[x.Source], Ports[x.Port], frame);
                if (result.Kind == MatchKind.Reply)
                {
                    Assert.True(outstanding.TryGetValue(x.Tid, out var request));
                    Assert.Same(request, result.Request);
                    Assert.Equal(Golden.Meter, Sources[x.Source]);
                    Assert.Equal(3610, Ports[x.Port]);
                    Assert.Equal(request!.Frame.Deoj, frame.Seoj);
                    Assert.Equal(Eoj.Controller, frame.Deoj);
                    Assert.True(ReplyMatcher.Answers(Esv.Get, frame.Esv));
                    Assert.Equal(request.Frame.Properties[0].Epc, x.Epc);
                    Assert.True(accepted.Add(x.Tid), "a TID was accepted twice");
                }
                else if (result.Kind == MatchKind.Notification)
                {
                    Assert.True(frame.Esv.IsNotification());
                    Assert.Equal(Golden.Meter, Sources[x.Source]);
                    Assert.Equal(3610, Ports[x.Port]);
                }
            }

            Assert.Equal(incoming.Length, m.Counters.Accepted + m.Counters.Notifications + m.Counters.Dropped);
        }, iter: 1000);
    }

    [Fact]
    public void Redelivering_an_accepted_reply_is_never_accepted_again()
    {
        Gen.Int[1, 20].Sample(copies =>
        {
            var m = new ReplyMatcher(new FakeTimeProvider(), transactionIds: new TransactionIds(1)) { MeterAddress = Golden.Meter };
            var r = m.BeginGet(Eoj.SmartMeter, 0xE7);
            var reply = Golden.Frame(Golden.GetResE7, r.Tid);
            Assert.Equal(MatchKind.Reply, m.Match(Golden.Meter, Golden.Port, reply).Kind);
            for (var i = 0; i < copies; i++)
            {
                Assert.Equal(DropReason.Duplicate, m.Match(Golden.Meter, Golden.Port, reply).Reason);
            }
        });
    }
}
