using System.Buffers.Binary;
using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.History;
using BRoute.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace BRoute.Tests.History;

public sealed class HistoryDayReadTests
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);
    private static readonly DateOnly Day = new(2026, 3, 10);

    private static DateTimeOffset At(int day, int hour, int minute, int second = 0) => new(2026, 3, day, hour, minute, second, Jst);

    /// <summary>An E2/E4 EDT with the given day field; slot k holds 1000 + k, except slot 47 = no data (and <paramref name="slot10"/> in slot 10 when given).</summary>
    private static EchonetProperty History(byte epc, ushort dayField, uint? slot10 = null)
    {
        var edt = new byte[194];
        BinaryPrimitives.WriteUInt16BigEndian(edt, dayField);
        for (var k = 0; k < 48; k++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(edt.AsSpan(2 + (4 * k)), k == 47 ? 0xFFFFFFFE : k == 10 && slot10 is { } v ? v : (uint)(1000 + k));
        }

        return new EchonetProperty(epc, edt);
    }

    [Fact]
    public void A_read_sets_e5_to_the_days_back_then_gets_e2_and_maps_the_slots()
    {
        var time = new FakeTimeProvider(At(14, 12, 0));
        var read = new HistoryDayRead(Day, includeReverse: false);
        var step = read.Begin(time.GetUtcNow());
        Assert.Equal(DayReadStepKind.Read, step.Kind);
        Assert.Equal(4, step.DaysBack);
        Assert.Equal([0xE2], step.GetEpcs);

        // SetC E5 = 4 on the wire (TID 0x0005).
        var setc = new EchonetFrame(5, Eoj.Controller, Eoj.SmartMeter, Esv.SetC, [step.SetDay!.Value]);
        Assert.Equal("1081000505FF0102880161" + "01E50104", Golden.Hex(setc));

        time.Advance(TimeSpan.FromSeconds(20));
        var outcome = read.Complete(time.GetUtcNow(), History(0xE2, 4), null);
        Assert.Equal(DayReadStatus.Complete, outcome.Status);
        Assert.Equal(48, outcome.Normal.Count);
        Assert.Equal((new DateTimeOffset(2026, 3, 10, 0, 0, 0, Jst), 1000u), (outcome.Normal[0].At, outcome.Normal[0].Energy.Raw));
        Assert.Equal((new DateTimeOffset(2026, 3, 10, 12, 30, 0, Jst), 1025u), (outcome.Normal[25].At, outcome.Normal[25].Energy.Raw));
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 23, 30, 0, Jst), outcome.Normal[47].At);
        Assert.Equal(ValueStatus.NoData, outcome.Normal[47].Energy.Status); // the no-data code stays a state
        Assert.Null(outcome.Normal[47].Energy.Kwh);
        Assert.Null(outcome.Reverse);
    }

    [Fact]
    public void Days_back_follow_the_meters_jst_date_not_utc()
    {
        // 2026-03-13 20:00 UTC is already 2026-03-14 05:00 in Japan.
        var read = new HistoryDayRead(Day, false);
        Assert.Equal(4, read.Begin(new DateTimeOffset(2026, 3, 13, 20, 0, 0, TimeSpan.Zero)).DaysBack);
    }

    [Fact]
    public void A_read_that_crosses_midnight_is_repeated_with_the_new_days_back()
    {
        var time = new FakeTimeProvider(At(14, 23, 50));
        var read = new HistoryDayRead(Day, false);
        Assert.Equal(4, read.Begin(time.GetUtcNow()).DaysBack);
        time.Advance(TimeSpan.FromMinutes(10.5)); // 00:00:30 on the 15th
        var outcome = read.Complete(time.GetUtcNow(), History(0xE2, 4), null);
        Assert.Equal(DayReadStatus.Repeat, outcome.Status);
        Assert.Contains("midnight", outcome.Problem, StringComparison.Ordinal);

        var wait = read.Begin(time.GetUtcNow());
        Assert.Equal(DayReadStepKind.Wait, wait.Kind);
        Assert.Equal(TimeSpan.FromSeconds(90), wait.Wait);
        time.Advance(wait.Wait);
        var again = read.Begin(time.GetUtcNow());
        Assert.Equal(5, again.DaysBack);
        Assert.Equal(DayReadStatus.Complete, read.Complete(time.GetUtcNow(), History(0xE2, 5), null).Status);
    }

    [Fact]
    public void A_read_ending_inside_the_guard_before_midnight_is_repeated()
    {
        var read = new HistoryDayRead(Day, false);
        read.Begin(At(14, 23, 57));
        Assert.Equal(DayReadStatus.Repeat, read.Complete(At(14, 23, 58, 30), History(0xE2, 4), null).Status);
    }

    [Theory]
    [InlineData(23, 59, 180)]
    [InlineData(0, 0, 120)]
    [InlineData(0, 1, 60)]
    public void No_read_starts_near_midnight(int hour, int minute, int waitSeconds)
    {
        var step = new HistoryDayRead(Day, false).Begin(At(14, hour, minute));
        Assert.Equal(DayReadStepKind.Wait, step.Kind);
        Assert.Equal(TimeSpan.FromSeconds(waitSeconds), step.Wait);
    }

    [Fact]
    public void The_seed_traces_unset_e2_day_field_means_e5_was_not_applied()
    {
        var read = new HistoryDayRead(new DateOnly(2026, 3, 14), false);
        read.Begin(At(14, 12, 0));
        var e2 = Golden.Frame("1081000102880105FF017201E2C200FF" + string.Concat(Enumerable.Repeat("FFFFFFFE", 48))).Properties[0];
        var outcome = read.Complete(At(14, 12, 0, 5), e2, null);
        Assert.Equal(DayReadStatus.Repeat, outcome.Status);
        Assert.Equal("E2 is for no day (its day field is the unset code 0x00FF) but E5 was set to 0 (another client changed E5, or the SetC was not applied)", outcome.Problem);
    }

    [Fact]
    public void Repeated_mismatches_end_in_failure()
    {
        var read = new HistoryDayRead(Day, false, maxAttempts: 2);
        read.Begin(At(14, 12, 0));
        Assert.Equal(DayReadStatus.Repeat, read.Complete(At(14, 12, 1), History(0xE2, 3), null).Status);
        read.Begin(At(14, 12, 2));
        var outcome = read.Complete(At(14, 12, 3), History(0xE2, 3), null);
        Assert.Equal(DayReadStatus.Failed, outcome.Status);
        Assert.EndsWith("gave up after 2 attempts", outcome.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Reverse_history_is_mapped_when_asked_and_tolerated_when_refused()
    {
        var read = new HistoryDayRead(Day, includeReverse: true);
        Assert.Equal([0xE2, 0xE4], read.Begin(At(14, 12, 0)).GetEpcs);
        var both = read.Complete(At(14, 12, 1), History(0xE2, 4), History(0xE4, 4));
        Assert.Equal(48, both.Reverse!.Count);

        var second = new HistoryDayRead(Day, includeReverse: true);
        second.Begin(At(14, 12, 2));
        var refused = second.Complete(At(14, 12, 3), History(0xE2, 4), new EchonetProperty(0xE4));
        Assert.Equal(DayReadStatus.Complete, refused.Status);
        Assert.Null(refused.Reverse);

        var third = new HistoryDayRead(Day, includeReverse: true);
        third.Begin(At(14, 12, 4));
        Assert.Equal(DayReadStatus.Repeat, third.Complete(At(14, 12, 5), History(0xE2, 4), History(0xE4, 2)).Status);
    }

    [Fact]
    public void Malformed_history_fails_without_guessing()
    {
        var read = new HistoryDayRead(Day, false);
        read.Begin(At(14, 12, 0));
        var outcome = read.Complete(At(14, 12, 1), new EchonetProperty(0xE2, new byte[100]), null);
        Assert.Equal(DayReadStatus.Failed, outcome.Status);
        Assert.Contains("EDT is 100 byte(s), expected 194", outcome.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0xE2, 0x05F5E100u)] // 100,000,000: one above the 8-digit maximum
    [InlineData(0xE2, 0xFFFFFFFFu)]
    [InlineData(0xE4, 0xFFFFFFFFu)]
    public void A_count_out_of_range_fails_the_day_instead_of_becoming_kwh(byte epc, uint count)
    {
        var corrupt = History(epc, 4, slot10: count);
        var read = new HistoryDayRead(Day, includeReverse: true);
        read.Begin(At(14, 12, 0));

        var outcome = epc == 0xE2 ? read.Complete(At(14, 12, 1), corrupt, History(0xE4, 4)) : read.Complete(At(14, 12, 1), History(0xE2, 4), corrupt);

        Assert.Equal(DayReadStatus.Failed, outcome.Status);
        Assert.Empty(outcome.Normal);
        Assert.StartsWith($"{epc:X2} of day 2026-03-10: ", outcome.Problem, StringComparison.Ordinal);
        Assert.Contains($"slot 10 0x{count:X8} is outside 0–99,999,999", outcome.Problem, StringComparison.Ordinal); // the meter model's rule

        // The largest valid count is still a value.
        var edge = History(epc, 4, slot10: 99_999_999);
        var again = new HistoryDayRead(Day, includeReverse: true);
        again.Begin(At(14, 12, 2));
        var ok = epc == 0xE2 ? again.Complete(At(14, 12, 3), edge, History(0xE4, 4)) : again.Complete(At(14, 12, 3), History(0xE2, 4), edge);
        Assert.Equal(DayReadStatus.Complete, ok.Status);
        Assert.Equal(99_999_999u, (epc == 0xE2 ? ok.Normal : ok.Reverse!)[10].Energy.Raw);
    }

    [Fact]
    public void Days_the_meter_does_not_hold_are_unavailable()
    {
        Assert.Equal(DayReadStepKind.Unavailable, new HistoryDayRead(new DateOnly(2025, 12, 4), false).Begin(At(14, 12, 0)).Kind);
        Assert.Equal(DayReadStepKind.Read, new HistoryDayRead(new DateOnly(2025, 12, 5), false).Begin(At(14, 12, 0)).Kind); // 99 back
        var future = new HistoryDayRead(new DateOnly(2026, 3, 15), false).Begin(At(14, 12, 0));
        Assert.Equal(DayReadStepKind.Unavailable, future.Kind);
        Assert.Contains("future", future.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_without_begin_is_misuse()
    {
        var read = new HistoryDayRead(Day, false);
        Assert.Throws<InvalidOperationException>(() => read.Complete(At(14, 12, 0), History(0xE2, 4), null));
        read.Begin(At(14, 12, 0));
        read.Complete(At(14, 12, 1), History(0xE2, 4), null);
        Assert.Throws<InvalidOperationException>(() => read.Complete(At(14, 12, 1), History(0xE2, 4), null));
    }
}
