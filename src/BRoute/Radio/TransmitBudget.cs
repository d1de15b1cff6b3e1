namespace BRoute.Radio;

/// <summary>Why the budget holds a send back.</summary>
public enum HoldReason
{
    /// <summary>Not held.</summary>
    None,

    /// <summary>Sending now would take the sliding hour over the budget.</summary>
    BudgetExhausted,

    /// <summary>The module reported EVENT 32 and has not reported EVENT 33 yet.</summary>
    ModulePaused,
}

/// <summary>Answer of <see cref="TransmitBudget.TryReserve"/>: allowed now, or the wait before asking again.</summary>
public readonly record struct TransmitPermission(bool Allowed, TimeSpan Delay, HoldReason Reason);

/// <summary>
/// Accounts the air time of everything the dongle transmits in a sliding window and holds sends back
/// before the radio's hourly limit; also the pause between EVENT 32 (budget exhausted in the module)
/// and EVENT 33 (released), with a guard that resumes if EVENT 33 never comes. Thread-safe; time comes
/// from the <see cref="TimeProvider"/>.
/// </summary>
public sealed class TransmitBudget
{
    private readonly TimeProvider _time;
    private readonly TransmitBudgetOptions _options;
    private readonly Lock _lock = new();
    private readonly Queue<(DateTimeOffset At, long Ticks)> _sent = new();
    private long _usedTicks;
    private DateTimeOffset? _pausedAt;

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

    /// <summary>True between EVENT 32 and EVENT 33 (or the guard's expiry).</summary>
    public bool IsPaused
    {
        get
        {
            lock (_lock)
            {
                return PausedUntil(_time.GetUtcNow()) is not null;
            }
        }
    }

    /// <summary>Times a send was held back because the budget was used up.</summary>
    public long HeldForBudget { get; private set; }

    /// <summary>Times a send was held back because the module was paused.</summary>
    public long HeldForPause { get; private set; }

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
            if (PausedUntil(now) is { } until)
            {
                HeldForPause++;
                return new TransmitPermission(false, until - now, HoldReason.ModulePaused);
            }

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

    /// <summary>EVENT 32: the module stopped transmitting. Sends are held until EVENT 33 or the guard.</summary>
    public void OnLimitExceeded()
    {
        lock (_lock)
        {
            _pausedAt = _time.GetUtcNow();
        }
    }

    /// <summary>EVENT 33: the module transmits again.</summary>
    public void OnLimitReleased()
    {
        lock (_lock)
        {
            _pausedAt = null;
        }
    }

    private TimeSpan BytesToAir(int bytes) => TimeSpan.FromTicks(bytes * 8L * TimeSpan.TicksPerSecond / _options.BitsPerSecond);

    private DateTimeOffset? PausedUntil(DateTimeOffset now)
    {
        if (_pausedAt is not { } at)
        {
            return null;
        }

        var until = at + _options.PauseGuard;
        if (now >= until)
        {
            _pausedAt = null;
            return null;
        }

        return until;
    }

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
