using BRoute.Transactions;

namespace BRoute.Tests.Transactions;

public sealed class TransactionIdsTests
{
    [Fact]
    public void Counts_up_from_the_first()
    {
        var ids = new TransactionIds(7);
        Assert.Equal([7, 8, 9], new[] { ids.Next(), ids.Next(), ids.Next() }.Select(x => (int)x));
    }

    [Fact]
    public void Wraps_from_ffff_to_1_and_never_yields_0()
    {
        var ids = new TransactionIds(0xFFFE);
        Assert.Equal([0xFFFE, 0xFFFF, 1, 2], new[] { ids.Next(), ids.Next(), ids.Next(), ids.Next() }.Select(x => (int)x));
        Assert.Equal(1, new TransactionIds(0).Next());
    }

    [Fact]
    public void A_full_cycle_hands_out_every_nonzero_tid_once()
    {
        var ids = new TransactionIds(1234);
        var seen = new HashSet<ushort>();
        for (var i = 0; i < 65535; i++)
        {
            Assert.True(seen.Add(ids.Next()));
        }

        Assert.DoesNotContain((ushort)0, seen);
        Assert.Equal(1234, ids.Next());
    }

    [Fact]
    public void Skips_tids_in_use()
    {
        var ids = new TransactionIds(1);
        Assert.Equal(4, ids.Next(t => t < 4));
        Assert.Equal(5, ids.Next(t => t < 4));
    }

    [Fact]
    public void All_in_use_is_an_error_not_a_hang()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new TransactionIds().Next(_ => true));
        Assert.Contains("in use", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Seeded_random_start_is_reproducible_and_nonzero()
    {
        var a = TransactionIds.StartingAt(new Random(42)).Next();
        var b = TransactionIds.StartingAt(new Random(42)).Next();
        Assert.Equal(a, b);
        Assert.NotEqual(0, a);
    }
}
