using BRoute.History;

namespace BRoute.Tests.History;

public sealed class HistoryBackfillPlanTests
{
    private static readonly DateOnly Today = new(2026, 3, 14);

    [Fact]
    public void Pending_days_are_the_complete_days_not_stored_oldest_first()
    {
        var plan = new HistoryBackfillPlan(Today, 5, [new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 12), new DateOnly(2026, 2, 1)]);
        Assert.Equal([new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 11), new DateOnly(2026, 3, 13)], plan.Pending);
        Assert.True(plan.TryNext(Today, out var first));
        Assert.Equal(new DateOnly(2026, 3, 9), first);
    }

    [Fact]
    public void A_resumed_run_reads_only_what_is_missing()
    {
        var plan = new HistoryBackfillPlan(Today, 3, []);
        var read = new List<DateOnly>();
        while (plan.TryNext(Today, out var day))
        {
            read.Add(day);
            plan.MarkStored(day);
            if (read.Count == 2)
            {
                break; // interrupted
            }
        }

        var resumed = new HistoryBackfillPlan(Today, 3, read);
        Assert.Equal([new DateOnly(2026, 3, 13)], resumed.Pending);
    }

    [Fact]
    public void Days_beyond_99_back_are_unavailable_even_when_midnight_passes_during_the_backfill()
    {
        var plan = new HistoryBackfillPlan(Today, 101, []);
        Assert.True(plan.TryNext(Today, out var oldest));
        Assert.Equal(Today.AddDays(-99), oldest);
        Assert.Equal([Today.AddDays(-101), Today.AddDays(-100)], plan.Unavailable);

        // The next day the oldest pending one has fallen out too.
        Assert.True(plan.TryNext(Today.AddDays(1), out var next));
        Assert.Equal(Today.AddDays(-98), next);
        Assert.Equal(3, plan.Unavailable.Count);
    }

    [Fact]
    public void Failed_days_stop_being_asked_and_the_plan_finishes()
    {
        var plan = new HistoryBackfillPlan(Today, 2, []);
        plan.TryNext(Today, out var a);
        plan.MarkUnavailable(a);
        plan.TryNext(Today, out var b);
        plan.MarkStored(b);
        Assert.True(plan.IsDone);
        Assert.False(plan.TryNext(Today, out _));
        Assert.Equal([a], plan.Unavailable);
    }

    [Fact]
    public void Zero_days_is_an_empty_plan_and_negative_is_an_error()
    {
        Assert.True(new HistoryBackfillPlan(Today, 0, []).IsDone);
        Assert.Throws<ArgumentOutOfRangeException>(() => new HistoryBackfillPlan(Today, -1, []));
    }
}
