using System.Buffers.Binary;
using BRoute.EchonetLite.Frames;
using BRoute.Simulator.Meter;
using BRoute.Simulator.Tests.Support;
using BRoute.SkStack.Grammar;

namespace BRoute.Simulator.Tests;

/// <summary>The meter's ECHONET Lite service through the serial line (meter-0288.md, echonet-lite.md §5, §7).</summary>
public sealed class MeterServiceTests
{
    private static Task<SimRun> JoinedAsync(MeterOptions meter, DateTimeOffset? start = null) =>
        Sim.CreateJoinedAsync(Sim.Options() with { DataMode = ErxudpDataMode.AsciiHex, Meter = meter, Start = start ?? Sim.Start, TimeScale = 0 });

    [Fact]
    public async Task Get_property_map_uses_the_bitmap_form_for_16_or_more_and_the_list_form_below()
    {
        using var sim = await JoinedAsync(new MeterOptions());
        var probe = sim.Probe;
        var reply = await Sim.RequestAsync(probe, Sim.Get(0x9F, 0x9E, 0x9D));
        Assert.Equal(Esv.GetRes, reply.Esv);
        var map = reply.Properties[0].Edt.ToArray();
        Assert.Equal(17, map.Length);
        Assert.Equal(30, map[0]); // 12 super-class + 18 class properties (Release R)
        // Bitmap: byte 1 + (EPC & 0x0F), bit (EPC >> 4) - 8. E7 → byte 8, bit 6.
        Assert.Equal(1 << 6, map[1 + 0x7] & (1 << 6));
        Assert.Equal(0, map[1 + 0x6] & (1 << 6)); // E6 absent
        Assert.Equal(Convert.FromHexString("0481E5EDEF"), reply.Properties[1].Edt.ToArray());
        Assert.Equal(Convert.FromHexString("0580818" + "8EAEB"), reply.Properties[2].Edt.ToArray());

        var node = await Sim.RequestAsync(probe, Sim.Frame(Esv.Get, Eoj.NodeProfile, new EchonetProperty(0x9F), new EchonetProperty(0xD6)));
        Assert.Equal(Convert.FromHexString("0C80828" + "38A9D9E9FD3D4D5D6D7"), node.Properties[0].Edt.ToArray());
        Assert.Equal(Convert.FromHexString("01028801"), node.Properties[1].Edt.ToArray());
    }

    [Fact]
    public async Task Older_meter_lacks_release_r_properties_and_answers_get_sna_with_pdc_0_for_them()
    {
        using var sim = await JoinedAsync(new MeterOptions { Generation = MeterGeneration.Older });
        var probe = sim.Probe;
        var reply = await Sim.RequestAsync(probe, Sim.Get(0xD7, 0xD3, 0xE1, 0xEE));
        Assert.Equal(Esv.GetSna, reply.Esv);
        Assert.Equal([0xD7, 0xD3, 0xE1, 0xEE], reply.Properties.Select(p => p.Epc));
        Assert.Equal([1, 0, 1, 0], reply.Properties.Select(p => p.Pdc));
        var map = (await Sim.RequestAsync(probe, Sim.Get(0x9F))).Properties[0].Edt.ToArray();
        Assert.Equal(25, map[0]);
        Assert.Equal(Convert.FromHexString("00004600"), (await Sim.RequestAsync(probe, Sim.Get(0x82))).Properties[0].Edt.ToArray());
    }

    [Fact]
    public async Task More_epcs_than_the_largest_opc_get_sna_beyond_the_limit()
    {
        using var sim = await JoinedAsync(new MeterOptions { MaxGetOpc = 6 });
        var (host, _, probe) = sim;
        var six = await Sim.RequestAsync(probe, Sim.Get(0x80, 0xD3, 0xD7, 0xE0, 0xE1, 0xE7));
        Assert.Equal(Esv.GetRes, six.Esv);
        Assert.All(six.Properties, p => Assert.True(p.Pdc > 0));
        var seven = await Sim.RequestAsync(probe, Sim.Get(0x80, 0xD3, 0xD7, 0xE0, 0xE1, 0xE7, 0xE8));
        Assert.Equal(Esv.GetSna, seven.Esv);
        Assert.Equal([1, 4, 1, 4, 1, 4, 0], seven.Properties.Select(p => p.Pdc));
        Assert.Equal(2, host.Stats.GetsOf(0xE7));
    }

    [Fact]
    public async Task Setc_e5_selects_the_day_and_e2_agrees_with_ea_and_e0()
    {
        var start = new DateTimeOffset(2026, 1, 15, 10, 40, 0, TimeSpan.FromHours(9));
        using var sim = await JoinedAsync(new MeterOptions { Digits = 8 }, start);
        var probe = sim.Probe;
        var set = await Sim.RequestAsync(probe, Sim.Frame(Esv.SetC, Eoj.SmartMeter, new EchonetProperty(0xE5, new byte[] { 0 })));
        Assert.Equal(Esv.SetRes, set.Esv);
        Assert.Equal(0, set.Properties[0].Pdc);
        var reply = await Sim.RequestAsync(probe, Sim.Get(0xE2, 0xEA, 0xE0, 0xE5));
        var e2 = reply.Properties[0].Edt.ToArray();
        Assert.Equal(194, e2.Length);
        Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(e2));
        uint Slot(int k) => BinaryPrimitives.ReadUInt32BigEndian(e2.AsSpan(2 + (4 * k)));
        var ea = reply.Properties[1].Edt.ToArray();
        Assert.Equal(Convert.FromHexString("07EA010F0A1E00"), ea[..7]); // 2026-01-15 10:30:00
        Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(ea.AsSpan(7)), Slot(21)); // 10:30 = slot 21
        for (var k = 1; k <= 21; k++)
        {
            Assert.True(Slot(k) >= Slot(k - 1), $"slot {k} decreases");
        }

        Assert.Equal(0xFFFFFFFEu, Slot(22)); // 11:00 is in the future
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(reply.Properties[2].Edt.Span) >= Slot(21));
        Assert.Equal(8000_0, (int)BinaryPrimitives.ReadUInt32BigEndian(reply.Properties[2].Edt.Span)); // anchored at start: 8000.0 kWh
        Assert.Equal([0], reply.Properties[3].Edt.ToArray());

        // 99 days back is still history; 100 is refused.
        Assert.Equal(Esv.SetRes, (await Sim.RequestAsync(probe, Sim.Frame(Esv.SetC, Eoj.SmartMeter, new EchonetProperty(0xE5, new byte[] { 99 })))).Esv);
        var old = (await Sim.RequestAsync(probe, Sim.Get(0xE2))).Properties[0].Edt.ToArray();
        Assert.Equal(99, BinaryPrimitives.ReadUInt16BigEndian(old));
        Assert.NotEqual(0xFFFFFFFEu, BinaryPrimitives.ReadUInt32BigEndian(old.AsSpan(2)));
        var refused = await Sim.RequestAsync(probe, Sim.Frame(Esv.SetC, Eoj.SmartMeter, new EchonetProperty(0xE5, new byte[] { 100 })));
        Assert.Equal(Esv.SetCSna, refused.Esv);
        Assert.Equal([100], refused.Properties[0].Edt.ToArray());
    }

    [Fact]
    public async Task Non_settable_property_is_echoed_back_in_setc_sna()
    {
        using var sim = await JoinedAsync(new MeterOptions());
        var probe = sim.Probe;
        var reply = await Sim.RequestAsync(probe, Sim.Frame(Esv.SetC, Eoj.SmartMeter,
            new EchonetProperty(0xE7, new byte[] { 0, 0, 0, 1 }), new EchonetProperty(0xE5, new byte[] { 1 })));
        Assert.Equal(Esv.SetCSna, reply.Esv);
        Assert.Equal(4, reply.Properties[0].Pdc);
        Assert.Equal(0, reply.Properties[1].Pdc);
    }

    [Fact]
    public async Task Ed_and_ef_select_the_ec_and_ee_history_windows()
    {
        var start = new DateTimeOffset(2026, 1, 15, 10, 40, 0, TimeSpan.FromHours(9));
        using var sim = await JoinedAsync(new MeterOptions { SolarPeakW = 3000 }, start);
        var probe = sim.Probe;
        var unset = await Sim.RequestAsync(probe, Sim.Get(0xEC, 0xED, 0xEE, 0xEF));
        Assert.Equal("FFFFFFFFFFFF01FFFFFFFEFFFFFFFE", Convert.ToHexString(unset.Properties[0].Edt.Span));
        Assert.Equal("FFFFFFFFFFFF01", Convert.ToHexString(unset.Properties[1].Edt.Span));
        Assert.Equal("FFFFFFFFFFFF01FFFFFFFEFFFFFFFE", Convert.ToHexString(unset.Properties[2].Edt.Span));

        var ed = Convert.FromHexString("07EA010F0A0003"); // 2026-01-15 10:00, 3 slots
        Assert.Equal(Esv.SetRes, (await Sim.RequestAsync(probe, Sim.Frame(Esv.SetC, Eoj.SmartMeter, new EchonetProperty(0xED, ed)))).Esv);
        var badEd = Convert.FromHexString("07EA010F0A0F03"); // minute 15 is not a half hour
        Assert.Equal(Esv.SetCSna, (await Sim.RequestAsync(probe, Sim.Frame(Esv.SetC, Eoj.SmartMeter, new EchonetProperty(0xED, badEd)))).Esv);
        var ef = Convert.FromHexString("07EA010F0A2502"); // 10:37, 2 slots
        Assert.Equal(Esv.SetRes, (await Sim.RequestAsync(probe, Sim.Frame(Esv.SetC, Eoj.SmartMeter, new EchonetProperty(0xEF, ef)))).Esv);

        var reply = await Sim.RequestAsync(probe, Sim.Get(0xEC, 0xEE, 0xE5));
        var ec = reply.Properties[0].Edt.ToArray();
        Assert.Equal(7 + (3 * 8), ec.Length);
        Assert.Equal(ed, ec[..7]);
        var ee = reply.Properties[1].Edt.ToArray();
        Assert.Equal(7 + (2 * 8), ee.Length);

        // EC slot 0 (10:00) equals E2 slot 20 of today, normal and reverse.
        await Sim.RequestAsync(probe, Sim.Frame(Esv.SetC, Eoj.SmartMeter, new EchonetProperty(0xE5, new byte[] { 0 })));
        var days = await Sim.RequestAsync(probe, Sim.Get(0xE2, 0xE4));
        Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(days.Properties[0].Edt.Span[(2 + (4 * 20))..]), BinaryPrimitives.ReadUInt32BigEndian(ec.AsSpan(7)));
        Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(days.Properties[1].Edt.Span[(2 + (4 * 20))..]), BinaryPrimitives.ReadUInt32BigEndian(ec.AsSpan(11)));
        // EC slot 1 is 09:30 (going back in time).
        Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(days.Properties[0].Edt.Span[(2 + (4 * 19))..]), BinaryPrimitives.ReadUInt32BigEndian(ec.AsSpan(15)));
    }

    [Fact]
    public async Task History_settings_whose_slots_reach_before_year_1_are_refused_and_the_meter_keeps_answering()
    {
        using var sim = await JoinedAsync(new MeterOptions());
        var probe = sim.Probe;
        var ed = Convert.FromHexString("00010101000001"); // 0001-01-01 00:00 JST: before the first representable instant
        Assert.Equal(Esv.SetCSna, (await Sim.RequestAsync(probe, Sim.Frame(Esv.SetC, Eoj.SmartMeter, new EchonetProperty(0xED, ed)))).Esv);
        var ef = Convert.FromHexString("0001010109030A"); // 09:03 JST, 10 slots: the oldest (08:54 JST) is 6 min before year 1 in UTC
        Assert.Equal(Esv.SetCSna, (await Sim.RequestAsync(probe, Sim.Frame(Esv.SetC, Eoj.SmartMeter, new EchonetProperty(0xEF, ef)))).Esv);
        var earliest = Convert.FromHexString("00010101090901"); // 09:09 JST, 1 slot: representable, all no data
        Assert.Equal(Esv.SetRes, (await Sim.RequestAsync(probe, Sim.Frame(Esv.SetC, Eoj.SmartMeter, new EchonetProperty(0xEF, earliest)))).Esv);

        var reply = await Sim.RequestAsync(probe, Sim.Get(0xEC, 0xED, 0xEE));
        Assert.Equal("FFFFFFFFFFFF01FFFFFFFEFFFFFFFE", Convert.ToHexString(reply.Properties[0].Edt.Span));
        Assert.Equal("FFFFFFFFFFFF01", Convert.ToHexString(reply.Properties[1].Edt.Span));
        Assert.Equal("00010101090901FFFFFFFEFFFFFFFE", Convert.ToHexString(reply.Properties[2].Edt.Span));
    }

    [Fact]
    public async Task Solar_export_makes_e7_negative_and_feeds_the_reverse_register()
    {
        var noon = new DateTimeOffset(2026, 5, 15, 12, 10, 0, TimeSpan.FromHours(9));
        using var sim = await JoinedAsync(new MeterOptions { SolarPeakW = 20000, DailyKwh = 5 }, noon);
        var probe = sim.Probe;
        var reply = await Sim.RequestAsync(probe, Sim.Get(0xE7, 0xE8, 0xE3, 0xEB, 0xD0));
        Assert.True(BinaryPrimitives.ReadInt32BigEndian(reply.Properties[0].Edt.Span) < 0);
        Assert.True(BinaryPrimitives.ReadInt16BigEndian(reply.Properties[1].Edt.Span) < 0);
        var e3 = BinaryPrimitives.ReadUInt32BigEndian(reply.Properties[2].Edt.Span);
        var eb = BinaryPrimitives.ReadUInt32BigEndian(reply.Properties[3].Edt.Span[7..]);
        Assert.True(e3 > eb && eb > 0, $"E3 {e3} EB {eb}");
        var d0 = reply.Properties[4].Edt.ToArray();
        Assert.Equal(Convert.FromHexString("07EA050F0C0A00"), d0[..7]);
        Assert.Equal(e3, BinaryPrimitives.ReadUInt32BigEndian(d0.AsSpan(11)));
    }

    [Fact]
    public async Task Registers_wrap_at_ten_to_the_effective_digits()
    {
        using var sim = await JoinedAsync(new MeterOptions { Digits = 4, Unit = 0x01, AnchorNormalKwh = 1234.5m, Load = LoadModel.Constant, ConstantLoadW = 100 });
        var probe = sim.Probe;
        var reply = await Sim.RequestAsync(probe, Sim.Get(0xE0, 0xD7, 0xE1));
        Assert.Equal(2345u, BinaryPrimitives.ReadUInt32BigEndian(reply.Properties[0].Edt.Span)); // 12345 mod 10^4
        Assert.Equal([4], reply.Properties[1].Edt.ToArray());
    }

    [Fact]
    public async Task Unknown_object_and_malformed_frames_get_no_reply_and_are_counted()
    {
        using var sim = await JoinedAsync(new MeterOptions());
        var (host, _, probe) = sim;
        probe.SendTo(Sim.MeterIp, Sim.Frame(Esv.Get, new Eoj(0x01, 0x30, 0x01), new EchonetProperty(0x80)));
        await probe.ExpectAsync($"\r\nEVENT 21 {Sim.MeterIp} 00\r\nOK\r\n");
        probe.SendTo(Sim.MeterIp, [0x10, 0x81, 0x00, 0x01, 0x05]);
        await probe.ExpectAsync($"\r\nEVENT 21 {Sim.MeterIp} 00\r\nOK\r\n");
        await probe.ExpectQuietAsync("SKVER\r\n", "EVER 1.2.10\r\nOK\r\n");
        Assert.Equal(2, host.Stats.EchonetDropped);
    }

    [Fact]
    public async Task Inf_req_for_the_instance_list_is_answered_with_an_inf()
    {
        using var sim = await JoinedAsync(new MeterOptions());
        var probe = sim.Probe;
        var reply = await Sim.RequestAsync(probe, Sim.Frame(Esv.InfReq, Eoj.NodeProfile, new EchonetProperty(0xD5)));
        Assert.Equal(Esv.Inf, reply.Esv);
        Assert.Equal(Eoj.NodeProfile, reply.Seoj);
        Assert.Equal("01028801", Convert.ToHexString(reply.Properties[0].Edt.Span));
    }

    [Fact]
    public async Task Multicast_inf_req_goes_out_without_neighbour_discovery_and_is_answered()
    {
        using var sim = await JoinedAsync(new MeterOptions());
        var probe = sim.Probe;
        const string allNodes = "FF02:0000:0000:0000:0000:0000:0000:0001";
        probe.SendTo(allNodes, Sim.Frame(Esv.InfReq, Eoj.NodeProfile, new EchonetProperty(0xD5)));
        await probe.ExpectAsync($"\r\nEVENT 21 {allNodes} 00\r\nOK\r\n");
        var line = await probe.ReadLineAsync();
        Assert.EndsWith(" 1 0012 10810001" + "0EF001" + "05FF01" + "7301D50401028801\r\n", line);
    }

    [Fact]
    public void Household_model_is_a_deterministic_daily_curve_with_noise()
    {
        var options = new MeterOptions { DailyKwh = 10 };
        var a = new Household(options, 42);
        var b = new Household(options, 42);
        var c = new Household(options, 43);
        var day = new DateTimeOffset(2026, 1, 14, 0, 0, 0, TimeSpan.FromHours(9)).ToUnixTimeSeconds() / 60;
        var powers = Enumerable.Range(0, 1440).Select(m => a.PowerW(day + m)).ToArray();
        Assert.Equal(powers, Enumerable.Range(0, 1440).Select(m => b.PowerW(day + m)));
        Assert.NotEqual(powers, Enumerable.Range(0, 1440).Select(m => c.PowerW(day + m)));
        var kwh = powers.Sum(p => p / 60.0) / 1000;
        Assert.InRange(kwh, 6, 15);
        Assert.True(powers[19 * 60 + 30] > powers[3 * 60], "evening peak above the night");
        Assert.True(powers.Distinct().Count() > 500, "noise");
    }
}
