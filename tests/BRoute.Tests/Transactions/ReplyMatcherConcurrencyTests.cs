using BRoute.EchonetLite.Frames;
using BRoute.Tests.TestSupport;
using BRoute.Transactions;
using Microsoft.Extensions.Time.Testing;

namespace BRoute.Tests.Transactions;

public sealed class ReplyMatcherConcurrencyTests
{
    [Fact]
    public async Task Concurrent_requests_and_replies_are_each_accepted_exactly_once()
    {
        // The session begins requests from callers' tasks while the reader loop matches replies.
        var m = new ReplyMatcher(new FakeTimeProvider(), transactionIds: new TransactionIds(1)) { MeterAddress = Golden.Meter };
        const int Requests = 2000;
        var requests = new PendingRequest[Requests];
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = w; i < Requests; i += 4)
            {
                requests[i] = m.BeginGet(Eoj.SmartMeter, 0xE7);
            }
        })));
        Assert.Equal(Requests, requests.Select(r => r.Tid).Distinct().Count());

        // Every reply delivered twice, from two "reader" tasks at once.
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            requests.Select(r => m.Match(Golden.Meter, Golden.Port, Golden.Frame(Golden.GetResE7, r.Tid))).ToArray())));

        var accepted = results.SelectMany(x => x).Where(r => r.Kind == MatchKind.Reply).Select(r => r.Request!.Tid).ToArray();
        Assert.Equal(Requests, accepted.Length);
        Assert.Equal(Requests, accepted.Distinct().Count());
        Assert.Equal(Requests, m.Counters[DropReason.Duplicate]);
        Assert.Equal(0, m.OutstandingCount);
    }
}
