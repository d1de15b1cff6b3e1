using BRoute.EchonetLite.Frames;

namespace BRoute.History;

/// <summary>What <see cref="HistoryDayRead"/> decided about a finished read.</summary>
public enum DayReadStatus
{
    /// <summary>The slots are those of the wanted day.</summary>
    Complete,

    /// <summary>The read must be repeated (see <see cref="DayReadOutcome.Problem"/>).</summary>
    Repeat,

    /// <summary>The day is outside what the meter keeps (more than 99 days back, or in the future).</summary>
    Unavailable,

    /// <summary>Repeated too often, or the meter's data is malformed.</summary>
    Failed,
}

/// <summary>Outcome of one attempt at a day: slots on <see cref="DayReadStatus.Complete"/>, else a reason.</summary>
public sealed record DayReadOutcome(DayReadStatus Status, IReadOnlyList<SlotReading> Normal, IReadOnlyList<SlotReading>? Reverse, string? Problem)
{
    internal static DayReadOutcome Not(DayReadStatus status, string problem) => new(status, [], null, problem);
}

/// <summary>What to do to start an attempt.</summary>
public enum DayReadStepKind
{
    /// <summary>Send SetC <see cref="DayReadStep.SetDay"/>, then Get <see cref="DayReadStep.GetEpcs"/>, then call <see cref="HistoryDayRead.Complete"/>.</summary>
    Read,

    /// <summary>Too close to midnight: wait <see cref="DayReadStep.Wait"/>, then call <see cref="HistoryDayRead.Begin"/> again.</summary>
    Wait,

    /// <summary>The meter does not hold the day (<see cref="DayReadStep.Problem"/> says why).</summary>
    Unavailable,
}

/// <summary>Start of one attempt: the two requests (SetC E5, then Get E2/E4), a wait, or why not.</summary>
/// <param name="Kind">Read, wait, or unavailable.</param>
/// <param name="DaysBack">The E5 value for the wanted day as of the meter's today at the start (Read only).</param>
/// <param name="SetDay">The SetC E5 property (Read only).</param>
/// <param name="GetEpcs">E2 (and E4) (Read only).</param>
/// <param name="Wait">How long to wait (Wait only).</param>
/// <param name="Problem">Why the day is unavailable (Unavailable only).</param>
public sealed record DayReadStep(DayReadStepKind Kind, int DaysBack, EchonetProperty? SetDay, IReadOnlyList<byte> GetEpcs, TimeSpan Wait, string? Problem);

/// <summary>
/// Reads the 48 half-hour values of one meter day: SetC E5 = n (days back), then Get E2 (and E4).
/// E5 counts back from the meter's <em>today</em>, so a read that straddles midnight may return the
/// neighbouring day while E2's day field still says n. The read is therefore repeated when the JST
/// date at completion differs from the date at start, when it ends within the guard before
/// midnight (the meter's clock may be a little ahead), or when E2's day field is not n. Starts within
/// the guard around midnight are postponed. Pure: the session passes the times in.
/// </summary>
public sealed class HistoryDayRead
{
    private readonly int _maxAttempts;
    private DateOnly _startDate;
    private int _daysBack = -1;

    /// <param name="day">The JST day wanted.</param>
    /// <param name="includeReverse">Also read E4 (reverse direction).</param>
    /// <param name="midnightGuard">No read starts or ends this close to midnight (default 2 min).</param>
    /// <param name="maxAttempts">Attempts before <see cref="DayReadStatus.Failed"/> (default 3).</param>
    public HistoryDayRead(DateOnly day, bool includeReverse, TimeSpan? midnightGuard = null, int maxAttempts = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        Day = day;
        IncludeReverse = includeReverse;
        MidnightGuard = midnightGuard ?? TimeSpan.FromMinutes(2);
        if (MidnightGuard < TimeSpan.Zero || MidnightGuard >= TimeSpan.FromHours(12))
        {
            throw new ArgumentOutOfRangeException(nameof(midnightGuard), midnightGuard, "the midnight guard must be between 0 and 12 h");
        }

        _maxAttempts = maxAttempts;
    }

    /// <summary>The wanted day.</summary>
    public DateOnly Day { get; }

    /// <summary>Whether E4 is read too.</summary>
    public bool IncludeReverse { get; }

    /// <summary>Safety margin around midnight.</summary>
    public TimeSpan MidnightGuard { get; }

    /// <summary>Attempts begun.</summary>
    public int Attempts { get; private set; }

    /// <summary>
    /// Starts an attempt at <paramref name="now"/>: the E5 value and the Get, or a wait when too close
    /// to midnight, or why the day is unavailable.
    /// </summary>
    public DayReadStep Begin(DateTimeOffset now)
    {
        var local = MeterClock.ToMeterTime(now);
        var sinceMidnight = local.TimeOfDay;
        if (sinceMidnight < MidnightGuard || sinceMidnight > TimeSpan.FromDays(1) - MidnightGuard)
        {
            var safe = sinceMidnight < MidnightGuard ? MidnightGuard - sinceMidnight : TimeSpan.FromDays(1) - sinceMidnight + MidnightGuard;
            return new DayReadStep(DayReadStepKind.Wait, -1, null, [], safe, null);
        }

        var today = DateOnly.FromDateTime(local.DateTime);
        var back = today.DayNumber - Day.DayNumber;
        if (back < 0 || back > HistoryRequests.MaxDaysBack)
        {
            var problem = back < 0
                ? $"{Day:yyyy-MM-dd} is in the future for the meter (today is {today:yyyy-MM-dd})"
                : $"{Day:yyyy-MM-dd} is {back} days back; the meter keeps {HistoryRequests.MaxDaysBack}";
            return new DayReadStep(DayReadStepKind.Unavailable, -1, null, [], TimeSpan.Zero, problem);
        }

        Attempts++;
        _startDate = today;
        _daysBack = back;
        return new DayReadStep(DayReadStepKind.Read, back, HistoryRequests.SetDay(back), HistoryRequests.DayGetEpcs(IncludeReverse), TimeSpan.Zero, null);
    }

    /// <summary>
    /// Judges the Get's reply at <paramref name="now"/>: <paramref name="e2"/> (and <paramref name="e4"/>
    /// when <see cref="IncludeReverse"/>; a missing or refused E4 gives slots without reverse values).
    /// </summary>
    public DayReadOutcome Complete(DateTimeOffset now, EchonetProperty e2, EchonetProperty? e4)
    {
        if (_daysBack < 0)
        {
            throw new InvalidOperationException("Complete without a started attempt (call Begin first)");
        }

        var daysBack = _daysBack;
        _daysBack = -1;
        var local = MeterClock.ToMeterTime(now);
        if (DateOnly.FromDateTime(local.DateTime) != _startDate || local.TimeOfDay > TimeSpan.FromDays(1) - MidnightGuard)
        {
            return RepeatOrFail($"the read crossed (or came within {MidnightGuard.TotalMinutes:0} min of) midnight, so the meter's day {daysBack} may have moved");
        }

        if (e2.Epc != 0xE2 || !HistorySlots.TryReadDayField(e2.Edt.Span, out var day))
        {
            return DayReadOutcome.Not(DayReadStatus.Failed, $"E2 data is {e2.Pdc} bytes; expected {HistorySlots.DayHistoryLength}");
        }

        if (day != daysBack)
        {
            return RepeatOrFail($"E2 is for day {day} but E5 was set to {daysBack} (another client changed E5, or the SetC was not applied)");
        }

        IReadOnlyList<SlotReading>? reverse = null;
        if (IncludeReverse && e4 is { Pdc: > 0 } r)
        {
            if (r.Epc != 0xE4 || !HistorySlots.TryReadDayField(r.Edt.Span, out var reverseDay))
            {
                return DayReadOutcome.Not(DayReadStatus.Failed, $"E4 data is {r.Pdc} bytes; expected {HistorySlots.DayHistoryLength}");
            }

            if (reverseDay != daysBack)
            {
                return RepeatOrFail($"E4 is for day {reverseDay} but E5 was set to {daysBack}");
            }

            if (!TryMap(r, out var reverseSlots, out var reverseProblem))
            {
                return DayReadOutcome.Not(DayReadStatus.Failed, reverseProblem);
            }

            reverse = reverseSlots;
        }

        return TryMap(e2, out var normal, out var problem)
            ? new DayReadOutcome(DayReadStatus.Complete, normal, reverse, null)
            : DayReadOutcome.Not(DayReadStatus.Failed, problem);
    }

    /// <summary>The day's slots, or why the meter's data cannot be used (a count out of range: never turned into kWh).</summary>
    private bool TryMap(EchonetProperty history, out SlotReading[] slots, out string problem)
    {
        try
        {
            slots = HistorySlots.MapDay(Day, history.Edt.Span);
            problem = string.Empty;
            return true;
        }
        catch (FormatException ex)
        {
            slots = [];
            problem = $"{history.Epc:X2} of day {Day:yyyy-MM-dd}: {ex.Message}";
            return false;
        }
    }

    private DayReadOutcome RepeatOrFail(string problem) =>
        Attempts >= _maxAttempts
            ? DayReadOutcome.Not(DayReadStatus.Failed, $"{problem}; gave up after {Attempts} attempts")
            : DayReadOutcome.Not(DayReadStatus.Repeat, problem);
}
