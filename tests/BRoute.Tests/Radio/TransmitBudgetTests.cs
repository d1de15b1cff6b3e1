using BRoute.Radio;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace BRoute.Tests.Radio;

public sealed class TransmitBudgetTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 14, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Air_time_is_0_08_ms_per_byte_plus_the_frame_overhead()
    {
        var b = new TransmitBudget(_time);
        Assert.Equal(TimeSpan.FromMilliseconds(6), b.AirTime(14)); // (14 + 61) × 0.08 ms: the seed's 14-byte Get
        Assert.Equal(TimeSpan.FromTicks(48_800), b.AirTime(0));
        Assert.Equal(TimeSpan.FromTicks(1_034_400), b.AirTime(1232));
    }

    [Fact]
    public void Default_budget_stops_at_300_s_of_air_time_in_the_hour()
    {
        var b = new TransmitBudget(_time);
        var sent = 0;
        while (b.TryReserve(1232).Allowed)
        {
            sent++;
        }

        Assert.Equal(2900, sent); // 300 s / 103.44 ms
        Assert.True(b.Used <= TimeSpan.FromSeconds(300));
        Assert.True(b.Used > TimeSpan.FromSeconds(299.8));
        var held = b.TryReserve(1232);
        Assert.Equal(HoldReason.BudgetExhausted, held.Reason);
        Assert.Equal(TimeSpan.FromHours(1), held.Delay); // every frame was sent at the same instant
        _time.Advance(held.Delay);
        Assert.True(b.TryReserve(1232).Allowed);
        Assert.Equal(2, b.HeldForBudget); // the refusal that ended the loop, and the one above
    }

    [Fact]
    public void Ordinary_polling_never_comes_near_the_budget()
    {
        // One 6-EPC Get (24 bytes) every 10 s plus the ACK for its reply, for a day.
        var b = new TransmitBudget(_time);
        for (var i = 0; i < 8640; i++)
        {
            Assert.True(b.TryReserve(24).Allowed);
            b.RecordAckSent();
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.True(b.Used < TimeSpan.FromSeconds(3), $"used {b.Used}");
    }

    [Fact]
    public void Delay_is_until_the_oldest_frames_leave_the_window()
    {
        var b = new TransmitBudget(_time, new TransmitBudgetOptions { Window = TimeSpan.FromSeconds(60), Limit = TimeSpan.FromMilliseconds(20) });
        Assert.True(b.TryReserve(14).Allowed); // t = 0, 6 ms
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(b.TryReserve(14).Allowed); // t = 10, 12 ms
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(b.TryReserve(14).Allowed); // t = 20, 18 ms
        var held = b.TryReserve(14);
        Assert.False(held.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(40), held.Delay); // the t = 0 frame leaves at 60 s
        _time.Advance(held.Delay - TimeSpan.FromTicks(1));
        Assert.False(b.TryReserve(14).Allowed);
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.True(b.TryReserve(14).Allowed);
    }

    [Fact]
    public void Acks_use_budget_without_being_held()
    {
        var b = new TransmitBudget(_time, new TransmitBudgetOptions { Window = TimeSpan.FromSeconds(60), Limit = TimeSpan.FromMilliseconds(10) });
        for (var i = 0; i < 10; i++)
        {
            b.RecordAckSent();
        }

        Assert.Equal(TimeSpan.FromTicks(152_000), b.Used);
        Assert.Equal(HoldReason.BudgetExhausted, b.TryReserve(14).Reason);
    }

    [Fact]
    public void Invalid_settings_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransmitBudget(_time, new TransmitBudgetOptions { Limit = TimeSpan.FromSeconds(361) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransmitBudget(_time, new TransmitBudgetOptions { Window = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransmitBudget(_time, new TransmitBudgetOptions { BitsPerSecond = 0 }));
        var tiny = new TransmitBudget(_time, new TransmitBudgetOptions { Limit = TimeSpan.FromMilliseconds(5) });
        Assert.Throws<ArgumentOutOfRangeException>(() => tiny.TryReserve(14));
        Assert.Throws<ArgumentOutOfRangeException>(() => tiny.AirTime(-1));
    }

    private sealed record Op(int AdvanceMs, int Bytes, bool Ack);

    [Fact]
    public void Property_sends_never_exceed_the_cap_in_any_window_and_delays_are_exact()
    {
        var opGen = Gen.Select(Gen.Int[0, 4000], Gen.Int[0, 300], Gen.Int[0, 9])
            .Select((adv, bytes, ack) => new Op(adv, bytes, ack == 0));
        opGen.Array[1, 300].Sample(ops =>
        {
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
            var options = new TransmitBudgetOptions { Window = TimeSpan.FromSeconds(60), Limit = TimeSpan.FromMilliseconds(200) };
            var b = new TransmitBudget(time, options);
            var log = new List<(DateTimeOffset At, long Ticks)>();

            long InWindow(DateTimeOffset t) => log.Where(e => e.At + options.Window > t).Sum(e => e.Ticks);

            foreach (var op in ops)
            {
                time.Advance(TimeSpan.FromMilliseconds(op.AdvanceMs));
                if (op.Ack)
                {
                    b.RecordAckSent();
                    log.Add((time.GetUtcNow(), b.Options.AckBytes * 800L));
                    continue;
                }

                var air = b.AirTime(op.Bytes).Ticks;
                var now = time.GetUtcNow();
                var r = b.TryReserve(op.Bytes);
                if (r.Allowed)
                {
                    log.Add((now, air));
                    Assert.True(InWindow(now) <= options.Limit.Ticks, "a send took the window over the cap");
                }
                else
                {
                    Assert.Equal(HoldReason.BudgetExhausted, r.Reason);
                    Assert.True(InWindow(now) + air > options.Limit.Ticks, "held although it fitted");

                    // The delay is the earliest moment the frame fits: not before, and exactly then.
                    Assert.True(InWindow(now + r.Delay) + air <= options.Limit.Ticks);
                    Assert.True(InWindow(now + r.Delay - TimeSpan.FromTicks(1)) + air > options.Limit.Ticks);
                }
            }
        });
    }
}
