using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.Session;
using BRoute.Simulator.Meter;
using BRoute.Tests.Session.Support;

namespace BRoute.Tests.Session;

/// <summary>Day history (E5 → E2/E4) with the midnight repeat, resumable backfill, EC/ED and EE/EF.</summary>
public sealed class HistoryTests
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    /// <summary>The constant 628 W household: kWh at any instant, from the 8000 kWh anchor at the start.</summary>
    private static decimal ExpectedKwh(DateTimeOffset anchor, DateTimeOffset at) =>
        Math.Floor((8000m + (0.628m * (decimal)(at - anchor).TotalHours)) * 10m) / 10m;

    private static bool IsGetOfE2(byte[] written)
    {
        // … ESV 62, OPC, E2 00 … in the raw SKSENDTO payload
        for (var i = 0; i + 3 < written.Length; i++)
        {
            if (written[i] == 0x62 && written[i + 2] == 0xE2 && written[i + 3] == 0x00)
            {
                return true;
            }
        }

        return false;
    }

    [Fact]
    public async Task A_day_of_history_has_48_timestamped_slots_in_kwh_with_a_status_each()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator());
        var session = await h.ConnectAsync();
        var sent = session.Statistics.FramesSent;

        var day = await h.RunAsync(() => session.ReadDayHistoryAsync(1));

        Assert.Equal(DayHistoryStatus.Complete, day.Status);
        Assert.Equal(new DateOnly(2026, 1, 14), day.Day);
        Assert.Equal(1, day.Attempts);
        Assert.Equal(48, day.Normal.Count);
        for (var k = 0; k < 48; k++)
        {
            var slot = day.Normal[k];
            Assert.Equal(new DateTimeOffset(2026, 1, 14, 0, 0, 0, Jst).AddMinutes(30 * k), slot.At);
            Assert.Equal(ValueStatus.Ok, slot.Energy.Status);
            Assert.InRange(slot.Energy.Kwh!.Value, ExpectedKwh(SessionHarness.DefaultStart, slot.At) - 0.1m, ExpectedKwh(SessionHarness.DefaultStart, slot.At) + 0.1m);
        }

        Assert.Equal(48, day.Reverse!.Count); // the meter measures reverse flow: E4 came in the same Get
        Assert.All(day.Reverse, s => Assert.Equal(0m, s.Energy.Kwh));
        Assert.Equal(sent + 2, session.Statistics.FramesSent); // SetC E5, Get E2+E4
        var frames = SentFrames.Of(h.WrittenText);
        Assert.Equal(new EchonetProperty(0xE5, new byte[] { 1 }), frames[^2].Properties.Single());
        Assert.Equal(Esv.SetC, frames[^2].Esv);
        Assert.Equal([0xE2, 0xE4], frames[^1].Properties.Select(p => p.Epc));
    }

    [Fact]
    public async Task Todays_slots_after_now_have_no_data()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator());
        var session = await h.ConnectAsync();

        var today = await h.RunAsync(() => session.ReadDayHistoryAsync(0));

        Assert.Equal(new DateOnly(2026, 1, 15), today.Day);
        Assert.Equal(ValueStatus.Ok, today.Normal[20].Energy.Status); // 10:00
        Assert.Equal(ValueStatus.NoData, today.Normal[21].Energy.Status); // 10:30: not yet
        Assert.Null(today.Normal[47].Energy.Kwh);
    }

    [Fact]
    public async Task A_read_that_crosses_midnight_is_detected_and_repeated_for_the_right_day()
    {
        var start = new DateTimeOffset(2026, 1, 15, 23, 50, 0, Jst);
        await using var h = new SessionHarness(SessionHarness.Simulator(start: start));
        var session = await h.ConnectAsync(o => o with { HistoryMidnightGuard = TimeSpan.FromSeconds(1) });
        await h.AdvanceAsync(new DateTimeOffset(2026, 1, 15, 23, 59, 57, Jst) - h.Time.GetUtcNow());

        // The Get of E2 reaches the meter 4 s after it was sent: at 00:00:01, when "1 day back" is another day.
        h.JumpOnHold = TimeSpan.FromSeconds(4);
        h.CurrentStream.HoldWhen = IsGetOfE2;
        var day = await h.RunAsync(() => session.ReadDayHistoryAsync(1));

        Assert.Equal(DayHistoryStatus.Complete, day.Status);
        Assert.Equal(new DateOnly(2026, 1, 14), day.Day);
        Assert.Equal(2, day.Attempts);
        Assert.Equal(1, session.Statistics.HistoryRepeats);
        Assert.Contains(h.Log.Entries, e => e.Text.StartsWith("history 2026-01-14: the read crossed", StringComparison.Ordinal));
        var setDays = SentFrames.Of(h.WrittenText).Where(f => f.Esv == Esv.SetC).Select(f => f.Properties[0].Edt.Span[0]).ToList();
        Assert.Equal([1, 2], setDays); // E5 = 1 on the 15th, then E5 = 2 on the 16th

        // The slots are the 14th's: the same as a read well after midnight, and not the 15th's.
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        var again = await h.RunAsync(() => session.ReadDayHistoryAsync(new DateOnly(2026, 1, 14)));
        var fifteenth = await h.RunAsync(() => session.ReadDayHistoryAsync(new DateOnly(2026, 1, 15)));
        Assert.Equal(again.Normal, day.Normal);
        Assert.NotEqual(fifteenth.Normal[0].Energy, day.Normal[0].Energy);
        Assert.Equal(new DateTimeOffset(2026, 1, 14, 23, 30, 0, Jst), day.Normal[47].At);
    }

    [Fact]
    public async Task Recent_half_hours_come_from_ed_then_ec()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator());
        var session = await h.ConnectAsync();

        var ec = await h.RunAsync(() => session.ReadRecentHalfHoursAsync(4));

        var value = Assert.IsType<PairHistoryValue>(ec.Value);
        Assert.Equal(new DateTime(2026, 1, 15, 10, 0, 0), value.Timestamp);
        Assert.Equal(4, value.Slots.Count);
        Assert.Equal(new DateTime(2026, 1, 15, 8, 30, 0), value.Slots[3].Timestamp);
        var dayRead = await h.RunAsync(() => session.ReadDayHistoryAsync(0));
        Assert.Equal(dayRead.Normal[20].Energy, value.Slots[0].Normal); // 10:00 in both
        var set = SentFrames.Of(h.WrittenText).First(f => f.Esv == Esv.SetC);
        Assert.Equal("07EA010F0A0004", Convert.ToHexString(set.Properties[0].Edt.Span));
    }

    [Fact]
    public async Task Recent_minutes_come_from_ef_then_ee_and_an_older_meter_has_none()
    {
        await using var h = new SessionHarness(SessionHarness.Simulator());
        var session = await h.ConnectAsync();
        var ee = await h.RunAsync(() => session.ReadRecentMinutesAsync(3));
        var value = Assert.IsType<PairHistoryValue>(ee.Value);
        Assert.Equal(new DateTime(2026, 1, 15, 10, 9, 0), value.Timestamp);
        Assert.Equal(TimeSpan.FromMinutes(1), value.Interval);
        Assert.Equal(3, value.Slots.Count);

        await using var old = new SessionHarness(SessionHarness.Simulator(meter: new MeterOptions { Generation = MeterGeneration.Older }));
        var older = await old.ConnectAsync();
        var sent = older.Statistics.FramesSent;
        var none = await old.RunAsync(() => older.ReadRecentMinutesAsync(3));
        Assert.Equal(ValueStatus.NotSupported, none.Status);
        Assert.Equal(sent, older.Statistics.FramesSent);
    }
}
