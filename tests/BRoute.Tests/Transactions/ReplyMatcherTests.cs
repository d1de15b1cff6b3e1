using System.Net;
using BRoute.EchonetLite.Frames;
using BRoute.Tests.TestSupport;
using BRoute.Transactions;
using Microsoft.Extensions.Time.Testing;

namespace BRoute.Tests.Transactions;

public sealed class ReplyMatcherTests
{
    private static readonly IPAddress Stranger = IPAddress.Parse("FE80::1234:5678:9ABC:DEF0");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 14, 0, 0, 0, TimeSpan.Zero));

    private ReplyMatcher NewMatcher(ushort firstTid = 1) =>
        new(_time, transactionIds: new TransactionIds(firstTid)) { MeterAddress = Golden.Meter };

    [Fact]
    public void Get_request_bytes_are_the_seed_trace_request()
    {
        var request = NewMatcher().BeginGet(Eoj.SmartMeter, 0xE7);
        Assert.Equal(Golden.GetReqE7, Golden.Hex(request.Frame));
    }

    [Fact]
    public void Golden_reply_is_accepted_once()
    {
        var m = NewMatcher();
        var request = m.BeginGet(Eoj.SmartMeter, 0xE7);
        var result = m.Match(Golden.Meter, Golden.Port, Golden.Bytes(Golden.GetResE7));
        Assert.Equal(MatchKind.Reply, result.Kind);
        Assert.Same(request, result.Request);
        Assert.Equal(0, m.OutstandingCount);

        var again = m.Match(Golden.Meter, Golden.Port, Golden.Bytes(Golden.GetResE7));
        Assert.Equal(MatchKind.Dropped, again.Kind);
        Assert.Equal(DropReason.Duplicate, again.Reason);
        Assert.Equal(1, m.Counters.Accepted);
        Assert.Equal(1, m.Counters[DropReason.Duplicate]);
    }

    [Fact]
    public void Seed_scenario_reply_to_the_previous_request_is_rejected_while_the_next_is_outstanding()
    {
        // Seed trace: Get 80 was sent three times; the meter answered more than once, and the extra
        // Get_Res 80 arrived after Get D3 had been sent. The seed client took it for D3's answer
        // (same TID 0x0001 for everything). With a TID per request it must be dropped.
        var m = NewMatcher();
        var get80 = m.BeginGet(Eoj.SmartMeter, 0x80);
        Assert.Equal(MatchKind.Notification, m.Match(Golden.Meter, Golden.Port, Golden.Frame(Golden.InstanceListInf)).Kind);
        Assert.Equal(MatchKind.Reply, m.Match(Golden.Meter, Golden.Port, Golden.Frame(Golden.GetRes80, get80.Tid)).Kind);

        var getD3 = m.BeginGet(Eoj.SmartMeter, 0xD3);
        Assert.NotEqual(get80.Tid, getD3.Tid);
        var late80 = m.Match(Golden.Meter, Golden.Port, Golden.Frame(Golden.GetRes80, get80.Tid));
        Assert.Equal(DropReason.Duplicate, late80.Reason);
        Assert.Equal(1, m.OutstandingCount);

        var d3 = m.Match(Golden.Meter, Golden.Port, Golden.Frame(Golden.GetResD3, getD3.Tid));
        Assert.Equal(MatchKind.Reply, d3.Kind);
        Assert.Same(getD3, d3.Request);
        Assert.True(d3.Frame!.TryGetProperty(0xD3, out var coefficient));
        Assert.Equal([0, 0, 0, 1], coefficient.Edt.ToArray());
    }

    [Fact]
    public void Even_a_reply_with_the_current_requests_epc_but_the_previous_tid_is_rejected()
    {
        // Polling E7 twice: a late answer to the first poll carries E7 too, so an EPC check alone
        // (the seed's rule) would accept an old value. The TID tells them apart.
        var m = NewMatcher();
        var first = m.BeginGet(Eoj.SmartMeter, 0xE7);
        _time.Advance(TimeSpan.FromSeconds(30));
        m.Abandon(first);
        var second = m.BeginGet(Eoj.SmartMeter, 0xE7);
        var late = m.Match(Golden.Meter, Golden.Port, Golden.Frame(Golden.GetResE7, first.Tid));
        Assert.Equal(DropReason.Stale, late.Reason);
        Assert.Equal(MatchKind.Reply, m.Match(Golden.Meter, Golden.Port, Golden.Frame(Golden.GetResE7, second.Tid)).Kind);
    }

    [Fact]
    public void Reply_to_any_attempt_of_a_resent_request_is_accepted_because_attempts_share_the_tid()
    {
        var m = NewMatcher();
        var request = m.BeginGet(Eoj.SmartMeter, 0xE0);

        // Three sends of request.Frame (same TID); the answer to the first arrives after the third.
        _time.Advance(TimeSpan.FromSeconds(25));
        var result = m.Match(Golden.Meter, Golden.Port, Golden.Frame(Golden.GetResE0, request.Tid));
        Assert.Equal(MatchKind.Reply, result.Kind);
    }

    [Fact]
    public void Stale_within_the_window_then_unknown_after_it()
    {
        var m = NewMatcher();
        var request = m.BeginGet(Eoj.SmartMeter, 0xE7);
        m.Abandon(request);
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(DropReason.Stale, m.Match(Golden.Meter, Golden.Port, Golden.Frame(Golden.GetResE7, request.Tid)).Reason);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(DropReason.UnknownTid, m.Match(Golden.Meter, Golden.Port, Golden.Frame(Golden.GetResE7, request.Tid)).Reason);
    }

    [Fact]
    public void Remembered_tids_are_not_reissued_even_after_a_wrap()
    {
        var m = new ReplyMatcher(_time, transactionIds: new TransactionIds(0xFFFF)) { MeterAddress = Golden.Meter };
        var a = m.BeginGet(Eoj.SmartMeter, 0x80);
        m.Abandon(a);
        var b = m.BeginGet(Eoj.SmartMeter, 0x80);
        Assert.Equal(1, b.Tid);

        // A matcher whose next TID is one still remembered skips it.
        var ids = new TransactionIds(5);
        var m2 = new ReplyMatcher(_time, transactionIds: ids) { MeterAddress = Golden.Meter };
        var five = m2.BeginGet(Eoj.SmartMeter, 0x80);
        m2.Abandon(five);
        for (var i = 0; i < 65534; i++)
        {
            ids.Next();
        }

        Assert.NotEqual(five.Tid, m2.BeginGet(Eoj.SmartMeter, 0x80).Tid);
    }

    [Fact]
    public void Unknown_tid_like_the_seeds_fixed_0001_is_dropped()
    {
        var m = NewMatcher(firstTid: 100);
        m.BeginGet(Eoj.SmartMeter, 0x80);
        Assert.Equal(DropReason.UnknownTid, m.Match(Golden.Meter, Golden.Port, Golden.Bytes(Golden.GetRes80)).Reason);
    }

    [Fact]
    public void Foreign_address_and_port_are_dropped()
    {
        var m = NewMatcher();
        var request = m.BeginGet(Eoj.SmartMeter, 0xE7);
        Assert.Equal(DropReason.ForeignAddress, m.Match(Stranger, Golden.Port, Golden.Frame(Golden.GetResE7, request.Tid)).Reason);
        Assert.Equal(DropReason.ForeignAddress, m.Match(Golden.Dongle, Golden.Port, Golden.Frame(Golden.GetResE7, request.Tid)).Reason);
        Assert.Equal(DropReason.ForeignAddress, m.Match(IPAddress.Loopback, Golden.Port, Golden.Frame(Golden.GetResE7, request.Tid)).Reason);
        Assert.Equal(DropReason.ForeignPort, m.Match(Golden.Meter, 716, Golden.Frame(Golden.GetResE7, request.Tid)).Reason);
        Assert.Equal(1, m.OutstandingCount);
        Assert.Equal(MatchKind.Reply, m.Match(Golden.Meter, Golden.Port, Golden.Frame(Golden.GetResE7, request.Tid)).Kind);
    }

    [Fact]
    public void Address_comparison_ignores_text_form_and_scope()
    {
        var m = new ReplyMatcher(_time, transactionIds: new TransactionIds(1)) { MeterAddress = IPAddress.Parse("fe80::2ff:eedd:ccbb:aa99%3") };
        var request = m.BeginGet(Eoj.SmartMeter, 0xE7);
        Assert.Equal(MatchKind.Reply, m.Match(Golden.Meter, Golden.Port, Golden.Frame(Golden.GetResE7, request.Tid)).Kind);
    }

    [Fact]
    public void Without_a_meter_address_everything_is_foreign()
    {
        var m = new ReplyMatcher(_time, transactionIds: new TransactionIds(1));
        m.BeginGet(Eoj.SmartMeter, 0xE7);
        Assert.Equal(DropReason.ForeignAddress, m.Match(Golden.Meter, Golden.Port, Golden.Bytes(Golden.GetResE7)).Reason);
        Assert.Equal(DropReason.ForeignAddress, m.Match(Golden.Meter, Golden.Port, Golden.Bytes(Golden.InstanceListInf)).Reason);
        Assert.Throws<ArgumentException>(() => m.MeterAddress = IPAddress.Loopback);
    }

    [Theory]
    [InlineData("1081000102880205FF017201E70400000274", DropReason.WrongObject)] // SEOJ 028802: another meter instance
    [InlineData("10810001028801FFFF017201E70400000274", DropReason.WrongObject)] // DEOJ not our controller
    [InlineData("1081000102880105FF017101E700", DropReason.UnexpectedEsv)] // Set_Res to a Get
    [InlineData("1081000102880105FF015101E700", DropReason.UnexpectedEsv)] // SetC_SNA to a Get
    [InlineData("1081000102880105FF016201E700", DropReason.UnexpectedEsv)] // a request, not a reply
    [InlineData("1081000102880105FF017A01E700", DropReason.UnexpectedEsv)] // INFC_Res
    [InlineData("1081000102880105FF017F01E700", DropReason.Malformed)] // undefined ESV 0x7F: the codec rejects it
    [InlineData("1081000102880105FF017201E80400320014", DropReason.EpcMismatch)] // E8 for an E7 request
    [InlineData("108100010288", DropReason.Malformed)]
    [InlineData("1081000102880105FF017201E704000002", DropReason.Malformed)] // PDC runs past the end
    [InlineData("1082000102880105FF017201E70400000274", DropReason.Malformed)] // EHD2 0x82
    public void Bad_replies_are_dropped_by_reason(string hex, DropReason reason)
    {
        var m = NewMatcher();
        m.BeginGet(Eoj.SmartMeter, 0xE7);
        var result = m.Match(Golden.Meter, Golden.Port, Golden.Bytes(hex));
        Assert.Equal(MatchKind.Dropped, result.Kind);
        Assert.Equal(reason, result.Reason);
        Assert.Equal(1, m.Counters[reason]);
        Assert.Equal(1, m.OutstandingCount);
    }

    [Fact]
    public void Get_sna_with_refused_or_missing_epcs_is_a_reply()
    {
        var m = NewMatcher();
        var request = m.BeginGet(Eoj.SmartMeter, 0xD3, 0xE7, 0xE1);

        // Get_SNA: D3 refused (PDC 0), E7 answered, E1 left out entirely (seen on one Toshiba meter).
        var sna = new EchonetFrame(request.Tid, Eoj.SmartMeter, Eoj.Controller, Esv.GetSna, [new EchonetProperty(0xD3), new EchonetProperty(0xE7, new byte[] { 0, 0, 2, 0x74 })]);
        Assert.Equal(MatchKind.Reply, m.Match(Golden.Meter, Golden.Port, sna).Kind);
    }

    [Fact]
    public void Setc_and_inf_req_are_answered_by_their_own_esvs()
    {
        var m = NewMatcher();
        var set = m.Begin(Eoj.SmartMeter, Esv.SetC, [new EchonetProperty(0xE5, new byte[] { 1 })]);
        var infReq = m.Begin(Eoj.NodeProfile, Esv.InfReq, [new EchonetProperty(0xD5)]);

        // INF with the INF_REQ's TID is its reply; the same INF with TID 0 is a notification.
        var inf = Golden.Frame(Golden.InstanceListInf, infReq.Tid);
        Assert.Equal(DropReason.WrongObject, m.Match(Golden.Meter, Golden.Port, inf).Reason); // DEOJ 0EF001 is not our controller
        var properInf = new EchonetFrame(infReq.Tid, Eoj.NodeProfile, Eoj.Controller, Esv.Inf, inf.Properties);
        Assert.Equal(MatchKind.Reply, m.Match(Golden.Meter, Golden.Port, properInf).Kind);
        Assert.Equal(MatchKind.Notification, m.Match(Golden.Meter, Golden.Port, Golden.Frame(Golden.InstanceListInf)).Kind);

        var getRes = new EchonetFrame(set.Tid, Eoj.SmartMeter, Eoj.Controller, Esv.GetRes, [new EchonetProperty(0xE5, new byte[] { 1 })]);
        Assert.Equal(DropReason.UnexpectedEsv, m.Match(Golden.Meter, Golden.Port, getRes).Reason);
        var setRes = new EchonetFrame(set.Tid, Eoj.SmartMeter, Eoj.Controller, Esv.SetRes, [new EchonetProperty(0xE5)]);
        Assert.Equal(MatchKind.Reply, m.Match(Golden.Meter, Golden.Port, setRes).Kind);
    }

    [Theory]
    [InlineData(Esv.Get, Esv.GetRes, true)]
    [InlineData(Esv.Get, Esv.GetSna, true)]
    [InlineData(Esv.Get, Esv.SetRes, false)]
    [InlineData(Esv.SetC, Esv.SetRes, true)]
    [InlineData(Esv.SetC, Esv.SetCSna, true)]
    [InlineData(Esv.SetI, Esv.SetRes, false)]
    [InlineData(Esv.SetI, Esv.SetISna, true)]
    [InlineData(Esv.InfReq, Esv.Inf, true)]
    [InlineData(Esv.InfReq, Esv.InfSna, true)]
    [InlineData(Esv.InfReq, Esv.InfC, false)]
    [InlineData(Esv.SetGet, Esv.SetGetRes, true)]
    [InlineData(Esv.SetGet, Esv.SetGetSna, true)]
    [InlineData(Esv.SetGet, Esv.GetRes, false)]
    public void Esv_answer_table(Esv request, Esv reply, bool answers) => Assert.Equal(answers, ReplyMatcher.Answers(request, reply));

    [Fact]
    public void Notifications_from_the_meter_pass_and_others_are_wrong_objects()
    {
        var m = NewMatcher();
        Assert.Equal(MatchKind.Notification, m.Match(Golden.Meter, Golden.Port, Golden.Bytes(Golden.InfEaEb)).Kind);
        var infc = new EchonetFrame(9, Eoj.SmartMeter, Eoj.Controller, Esv.InfC, [new EchonetProperty(0xEA, new byte[11])]);
        Assert.Equal(MatchKind.Notification, m.Match(Golden.Meter, Golden.Port, infc).Kind);
        var aircon = new EchonetFrame(9, new Eoj(0x01, 0x30, 0x01), Eoj.Controller, Esv.Inf, [new EchonetProperty(0x80, new byte[] { 0x30 })]);
        Assert.Equal(DropReason.WrongObject, m.Match(Golden.Meter, Golden.Port, aircon).Reason);
        Assert.Equal(DropReason.ForeignAddress, m.Match(Stranger, Golden.Port, Golden.Bytes(Golden.InfEaEb)).Reason);
        Assert.Equal(2, m.Counters.Notifications);
    }

    [Fact]
    public void Counters_use_metric_names()
    {
        var m = NewMatcher();
        m.Match(Stranger, Golden.Port, Golden.Bytes(Golden.GetResE7));
        var d = m.Counters.ToDictionary();
        Assert.Equal(
            ["accepted", "notification", "stale", "duplicate", "foreign_address", "foreign_port", "wrong_object", "unexpected_esv", "unknown_tid", "epc_mismatch", "malformed"],
            d.Keys);
        Assert.Equal(1, d["foreign_address"]);
        Assert.Equal(1, m.Counters.Dropped);
        Assert.Equal("foreign_address 1", m.Counters.ToString());
    }

    [Fact]
    public void Remembered_tids_are_bounded()
    {
        var m = new ReplyMatcher(_time, new ReplyMatcherOptions { MaxRemembered = 2 }, new TransactionIds(1)) { MeterAddress = Golden.Meter };
        var first = m.BeginGet(Eoj.SmartMeter, 0xE7);
        m.Abandon(first);
        m.Abandon(m.BeginGet(Eoj.SmartMeter, 0xE7));
        m.Abandon(m.BeginGet(Eoj.SmartMeter, 0xE7));
        Assert.Equal(DropReason.UnknownTid, m.Match(Golden.Meter, Golden.Port, Golden.Frame(Golden.GetResE7, first.Tid)).Reason);
        Assert.Equal(DropReason.Stale, m.Match(Golden.Meter, Golden.Port, Golden.Frame(Golden.GetResE7, 3)).Reason);
    }

    [Fact]
    public void Only_requests_can_be_begun()
    {
        Assert.Throws<ArgumentException>(() => NewMatcher().Begin(Eoj.SmartMeter, Esv.GetRes, []));
    }
}
