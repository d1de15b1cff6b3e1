using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.Session;

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
/// <param name="Status">Complete, repeat, unavailable or failed.</param>
/// <param name="Normal">E2's 48 slots (00:00 … 23:30 JST) as the meter model decoded them; empty unless complete.</param>
/// <param name="Reverse">E4's 48 slots when asked and answered; null otherwise.</param>
/// <param name="Problem">Why the attempt is not complete.</param>
public sealed record DayReadOutcome(DayReadStatus Status, IReadOnlyList<HistorySlot> Normal, IReadOnlyList<HistorySlot>? Reverse, string? Problem)
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
/// the guard around midnight are postponed. Pure: the session passes the times in. E2/E4 are decoded once, by the
/// meter model (<see cref="MeterPropertyDecoder"/> → <see cref="DayHistoryValue"/>): a slot count above 99,999,999
/// that is not the no-data code fails the day with the decoder's reason, and "no data" stays a state.
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
    /// <param name="scale">Coefficient and unit the slots are decoded with (unknown: raw counts only, no kWh).</param>
    public HistoryDayRead(DateOnly day, bool includeReverse, TimeSpan? midnightGuard = null, int maxAttempts = 3, EnergyScale scale = default)
    {
        Scale = scale;
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

    /// <summary>The scale the slots are decoded with.</summary>
    public EnergyScale Scale { get; }

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

        if (e2.Epc != MeterEpc.CumulativeEnergyHistory1Normal)
        {
            return DayReadOutcome.Not(DayReadStatus.Failed, $"expected E2, got {e2.Epc:X2}");
        }

        if (!TryDecode(e2, out var normal, out var problem))
        {
            return DayReadOutcome.Not(DayReadStatus.Failed, problem);
        }

        if (normal.Day != daysBack)
        {
            return RepeatOrFail($"E2 is for {DayText(normal)} but E5 was set to {daysBack} (another client changed E5, or the SetC was not applied)");
        }

        DayHistoryValue? reverse = null;
        if (IncludeReverse && e4 is { Pdc: > 0 } r)
        {
            if (r.Epc != MeterEpc.CumulativeEnergyHistory1Reverse)
            {
                return DayReadOutcome.Not(DayReadStatus.Failed, $"expected E4, got {r.Epc:X2}");
            }

            if (!TryDecode(r, out var reverseDay, out var reverseProblem))
            {
                return DayReadOutcome.Not(DayReadStatus.Failed, reverseProblem);
            }

            if (reverseDay.Day != daysBack)
            {
                return RepeatOrFail($"E4 is for {DayText(reverseDay)} but E5 was set to {daysBack}");
            }

            reverse = reverseDay;
        }

        return new DayReadOutcome(DayReadStatus.Complete, Slots(normal), reverse is null ? null : Slots(reverse), null);
    }

    private static string DayText(DayHistoryValue value) => value.Day is int d ? $"day {d}" : "no day (its day field is the unset code 0x00FF)";

    /// <summary>The meter model's decoding of E2/E4, or its reason for refusing the bytes (wrong length, a count out of range).</summary>
    private bool TryDecode(EchonetProperty history, out DayHistoryValue value, out string problem)
    {
        var decoded = MeterPropertyDecoder.Decode(PropertyCatalog.SmartMeterClass, history, Scale);
        if (decoded.Value is DayHistoryValue day)
        {
            value = day;
            problem = string.Empty;
            return true;
        }

        value = null!;
        problem = $"{history.Epc:X2} of day {Day:yyyy-MM-dd}: {decoded.Error ?? $"the meter answered {decoded.Status}"}";
        return false;
    }

    /// <summary>E2/E4 slot k is the reading at the day's 00:00 JST + 30 min × k (meter-0288.md §3 slot timing).</summary>
    private HistorySlot[] Slots(DayHistoryValue value)
    {
        var start = MeterClock.StartOf(Day);
        return [.. value.Slots.Select(s => new HistorySlot(start + s.Time.ToTimeSpan(), s.Energy))];
    }

    private DayReadOutcome RepeatOrFail(string problem) =>
        Attempts >= _maxAttempts
            ? DayReadOutcome.Not(DayReadStatus.Failed, $"{problem}; gave up after {Attempts} attempts")
            : DayReadOutcome.Not(DayReadStatus.Repeat, problem);
}
