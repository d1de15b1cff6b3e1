namespace BRoute.Radio;

/// <summary>Why the budget holds a send back.</summary>
internal enum HoldReason
{
    /// <summary>Not held.</summary>
    None,

    /// <summary>Sending now would take the sliding hour over the budget.</summary>
    BudgetExhausted,
}

/// <summary>Answer of <see cref="TransmitBudget.TryReserve"/>: allowed now, or the wait before asking again.</summary>
internal readonly record struct TransmitPermission(bool Allowed, TimeSpan Delay, HoldReason Reason);

/// <summary>
/// Accounts the air time of everything the dongle transmits in a sliding window and holds sends back
/// before the radio's hourly limit. The module's own pause (EVENT 32 until EVENT 33) is not kept here:
/// <see cref="Connection.ConnectionMachine"/> owns it (it closes the send gate). Thread-safe; time comes
/// from the <see cref="TimeProvider"/>.
/// </summary>
internal sealed class TransmitBudget
{
    private readonly TimeProvider _time;
    private readonly TransmitBudgetOptions _options;
    private readonly Lock _lock = new();
    private readonly Queue<(DateTimeOffset At, long Ticks)> _sent = new();
    private long _usedTicks;

    public TransmitBudget(TimeProvider time, TransmitBudgetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _options = options ?? new TransmitBudgetOptions();
        _options.Validate();
    }

    /// <summary>Options in force.</summary>
    public TransmitBudgetOptions Options => _options;

    /// <summary>Air time accounted in the current window.</summary>
    public TimeSpan Used
    {
        get
        {
            lock (_lock)
            {
                Prune(_time.GetUtcNow());
                return TimeSpan.FromTicks(_usedTicks);
            }
        }
    }

    /// <summary>Budget left in the current window.</summary>
    public TimeSpan Remaining => _options.Limit - Used;

    /// <summary>Times a send was held back because the budget was used up.</summary>
    public long HeldForBudget { get; private set; }

    /// <summary>Air time of one frame carrying <paramref name="payloadBytes"/> of UDP payload.</summary>
    public TimeSpan AirTime(int payloadBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadBytes);
        return BytesToAir(payloadBytes + _options.FrameOverheadBytes);
    }

    /// <summary>
    /// Reserves the air time of a frame with <paramref name="payloadBytes"/> of payload if the budget
    /// allows it now (and records it as sent); otherwise returns how long to wait before asking again.
    /// </summary>
    public TransmitPermission TryReserve(int payloadBytes)
    {
        var air = AirTime(payloadBytes).Ticks;
        if (air > _options.Limit.Ticks)
        {
            throw new ArgumentOutOfRangeException(nameof(payloadBytes), payloadBytes, "one frame of this size exceeds the whole budget");
        }

        lock (_lock)
        {
            var now = _time.GetUtcNow();
            Prune(now);
            if (_usedTicks + air <= _options.Limit.Ticks)
            {
                Add(now, air);
                return new TransmitPermission(true, TimeSpan.Zero, HoldReason.None);
            }

            HeldForBudget++;
            return new TransmitPermission(false, WaitFor(now, air), HoldReason.BudgetExhausted);
        }
    }

    /// <summary>
    /// Records the MAC acknowledgement the dongle sends for a unicast frame it received. ACKs are
    /// not optional, so this never holds anything back; it only uses up budget.
    /// </summary>
    public void RecordAckSent()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            Prune(now);
            Add(now, BytesToAir(_options.AckBytes).Ticks);
        }
    }

    private TimeSpan BytesToAir(int bytes) => TimeSpan.FromTicks(bytes * 8L * TimeSpan.TicksPerSecond / _options.BitsPerSecond);

    private void Add(DateTimeOffset at, long ticks)
    {
        _sent.Enqueue((at, ticks));
        _usedTicks += ticks;
    }

    private void Prune(DateTimeOffset now)
    {
        while (_sent.TryPeek(out var oldest) && oldest.At + _options.Window <= now)
        {
            _sent.Dequeue();
            _usedTicks -= oldest.Ticks;
        }
    }

    /// <summary>Time until enough old frames leave the window for <paramref name="air"/> more to fit.</summary>
    private TimeSpan WaitFor(DateTimeOffset now, long air)
    {
        var excess = _usedTicks + air - _options.Limit.Ticks;
        foreach (var (at, ticks) in _sent)
        {
            excess -= ticks;
            if (excess <= 0)
            {
                return at + _options.Window - now;
            }
        }

        // Unreachable: air ≤ Limit, so dropping every entry always makes room.
        return _options.Window;
    }
}
