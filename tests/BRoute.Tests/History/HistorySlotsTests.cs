using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.History;
using BRoute.Tests.TestSupport;

namespace BRoute.Tests.History;

public sealed class HistorySlotsTests
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    // EC/EE are read by MeterSession.ReadRecentHalfHoursAsync / ReadRecentMinutesAsync through the catalog decoder; these
    // tests pin the slot timing the session relies on.
    private static DecodedProperty Recent(byte epc, string edtHex) =>
        MeterPropertyDecoder.Decode(PropertyCatalog.SmartMeterClass, new EchonetProperty(epc, Convert.FromHexString(edtHex)), EnergyScale.Unknown);

    [Fact]
    public void Seed_ec_default_value_is_unset_not_a_date()
    {
        var ec = Golden.Frame("1081000102880105FF017201EC0FFFFFFFFFFFFF01FFFFFFFEFFFFFFFE").Properties[0];
        var value = Assert.IsType<PairHistoryValue>(MeterPropertyDecoder.Decode(PropertyCatalog.SmartMeterClass, ec, EnergyScale.Unknown).Value);
        Assert.Null(value.Timestamp);
    }

    [Fact]
    public void Ec_slots_go_back_in_time_from_the_ed_date_time()
    {
        // 2020-03-14 08:30, two slots: (86534, 10) then (86530, no data).
        var slots = Assert.IsType<PairHistoryValue>(Recent(0xEC, "07E4030E081E02" + "000152060000000A" + "00015202FFFFFFFE").Value).Slots;
        Assert.Equal(2, slots.Count);
        Assert.Equal(new DateTime(2020, 3, 14, 8, 30, 0), slots[0].Timestamp);
        Assert.Equal(86534u, slots[0].Normal.Raw);
        Assert.Equal(10u, slots[0].Reverse.Raw);
        Assert.Equal(new DateTime(2020, 3, 14, 8, 0, 0), slots[1].Timestamp);
        Assert.Equal(86530u, slots[1].Normal.Raw);
        Assert.Null(slots[1].Reverse.Raw);
    }

    [Fact]
    public void Ee_slots_step_by_one_minute()
    {
        var value = Assert.IsType<PairHistoryValue>(Recent(0xEE, "07EA030E0C05" + "03" + string.Concat(Enumerable.Repeat("0000000100000002", 3))).Value);
        Assert.Equal([new DateTime(2026, 3, 14, 12, 5, 0), new DateTime(2026, 3, 14, 12, 4, 0), new DateTime(2026, 3, 14, 12, 3, 0)], value.Slots.Select(s => s.Timestamp));
    }

    [Theory]
    [InlineData("07E4030E081E")]
    [InlineData("07E4030E081E02" + "0000000100000002")]
    public void Recent_history_with_a_wrong_length_is_a_format_error(string hex) =>
        Assert.True(Recent(0xEC, hex).IsError);

    [Fact]
    public void Ed_and_ef_set_requests_have_the_meter_layout()
    {
        var ed = HistoryRequests.SetRecentHalfHours(new DateTimeOffset(2026, 3, 14, 8, 30, 0, Jst), 2);
        Assert.Equal(0xED, ed.Epc);
        Assert.Equal("07EA030E081E02", Convert.ToHexString(ed.Edt.Span));

        // UTC input is converted to JST.
        var ef = HistoryRequests.SetRecentMinutes(new DateTimeOffset(2026, 3, 14, 3, 5, 0, TimeSpan.Zero), 10);
        Assert.Equal("07EA030E0C050A", Convert.ToHexString(ef.Edt.Span));

        Assert.Throws<ArgumentException>(() => HistoryRequests.SetRecentHalfHours(new DateTimeOffset(2026, 3, 14, 8, 15, 0, Jst), 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => HistoryRequests.SetRecentHalfHours(new DateTimeOffset(2026, 3, 14, 8, 0, 0, Jst), 13));
        Assert.Throws<ArgumentOutOfRangeException>(() => HistoryRequests.SetRecentMinutes(new DateTimeOffset(2026, 3, 14, 8, 0, 0, Jst), 11));
        Assert.Throws<ArgumentOutOfRangeException>(() => HistoryRequests.SetDay(100));
    }

    [Fact]
    public void Reverse_history_is_read_when_the_map_lists_e3_or_e4()
    {
        Assert.True(HistoryRequests.MetersReverse(new HashSet<byte> { 0xE2, 0xE4 }));
        Assert.True(HistoryRequests.MetersReverse(new HashSet<byte> { 0xE3 }));
        Assert.False(HistoryRequests.MetersReverse(new HashSet<byte> { 0xE2 }));
        Assert.False(HistoryRequests.MetersReverse(null));
    }

    [Fact]
    public void Meter_clock_is_utc_plus_9_without_dst()
    {
        Assert.Equal(new DateOnly(2026, 7, 1), MeterClock.Today(new DateTimeOffset(2026, 6, 30, 15, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 6, 30), MeterClock.Today(new DateTimeOffset(2026, 6, 30, 14, 59, 59, TimeSpan.Zero)));
        Assert.Null(MeterClock.TryCreate(0xFFFF, 0xFF, 0xFF, 0xFF, 0xFF, 0));
        Assert.Null(MeterClock.TryCreate(2026, 2, 29, 0, 0, 0));
    }
}
