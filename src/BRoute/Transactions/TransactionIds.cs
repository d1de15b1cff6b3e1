namespace BRoute.Transactions;

/// <summary>
/// Hands out ECHONET Lite transaction IDs: a new one per request, never 0 (the meter's own
/// instance-list INF uses TID 0), wrapping from 0xFFFF to 1, skipping any the caller says are
/// still in use. Start at a random value so TIDs differ from a previous process's, whose late
/// replies may still be in the air. Thread-safe.
/// </summary>
internal sealed class TransactionIds
{
    private readonly Lock _lock = new();
    private ushort _next;

    /// <summary>Starts at <paramref name="first"/> (0 is taken as 1).</summary>
    public TransactionIds(ushort first = 1)
    {
        _next = first == 0 ? (ushort)1 : first;
    }

    /// <summary>Starts at a random TID drawn from <paramref name="random"/> (seed it for reproducible tests).</summary>
    public static TransactionIds StartingAt(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new TransactionIds((ushort)random.Next(1, 0x10000));
    }

    /// <summary>The next TID.</summary>
    public ushort Next() => Next(static _ => false);

    /// <summary>The next TID for which <paramref name="inUse"/> is false.</summary>
    /// <exception cref="InvalidOperationException">All 65 535 TIDs are in use.</exception>
    public ushort Next(Func<ushort, bool> inUse)
    {
        ArgumentNullException.ThrowIfNull(inUse);
        lock (_lock)
        {
            for (var i = 0; i < ushort.MaxValue; i++)
            {
                var tid = _next;
                _next = tid == ushort.MaxValue ? (ushort)1 : (ushort)(tid + 1);
                if (!inUse(tid))
                {
                    return tid;
                }
            }
        }

        throw new InvalidOperationException("all 65 535 transaction IDs are in use; requests are not being completed");
    }
}
