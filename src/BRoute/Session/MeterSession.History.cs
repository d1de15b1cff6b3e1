using System.Globalization;
using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.History;

namespace BRoute.Session;

/// <summary>30-minute day history (E5 → E2/E4), recent half hours (ED → EC) and minutes (EF → EE).</summary>
public sealed partial class MeterSession
{
    /// <summary>The session's clock (for the gap logic's waits).</summary>
    internal TimeProvider Clock => _time;

    /// <summary>Where the session's transmit budget stops sending in any hour (<see cref="MeterSessionOptions.TransmitBudget"/>).</summary>
    internal TimeSpan AirTimeLimit => _options.TransmitBudget.Limit;

    /// <summary>
    /// Reads the 48 half-hour readings of the day <paramref name="daysBack"/> days before the meter's today (JST):
    /// SetC E5, then Get E2 (and E4 when the meter measures reverse flow). See <see cref="ReadDayHistoryAsync(DateOnly, CancellationToken)"/>.
    /// </summary>
    public Task<DayHistory> ReadDayHistoryAsync(int daysBack, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(daysBack);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(daysBack, HistoryRequests.MaxDaysBack);
        return ReadDayHistoryAsync(MeterClock.Today(_time.GetUtcNow()).AddDays(-daysBack), cancellationToken);
    }

    /// <summary>
    /// Reads the 48 half-hour readings of <paramref name="day"/> (a JST date): SetC E5 = days back, then Get E2
    /// (and E4). A read that crosses midnight — or ends too close to it, or returns another day than E5 asked —
    /// is repeated; a start too close to midnight waits. Slots carry kWh with the session's scale and a status each.
    /// </summary>
    /// <exception cref="MeterUnreachableException">The meter answered neither the SetC nor the Get after every retry.</exception>
    public async Task<DayHistory> ReadDayHistoryAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var meter = await CheckedMeterAsync(cancellationToken).ConfigureAwait(false); // scaled with the D3/E1 the meter gives now
        if (meter.GetPropertyMap is { } map && !map.Contains(MeterEpc.CumulativeEnergyHistory1Normal))
        {
            return DayHistory.NotRead(day, DayHistoryStatus.Unavailable, 0, "the meter does not offer 30-minute history (E2 is not in its Get property map)");
        }

        var read = new HistoryDayRead(day, HistoryRequests.MetersReverse(meter.GetPropertyMap), _options.HistoryMidnightGuard, _options.HistoryMaxAttempts, meter.Scale);
        while (true)
        {
            var step = read.Begin(_time.GetUtcNow());
            switch (step.Kind)
            {
                case DayReadStepKind.Wait:
                    await Task.Delay(step.Wait, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                case DayReadStepKind.Unavailable:
                    return DayHistory.NotRead(day, DayHistoryStatus.Unavailable, read.Attempts, step.Problem!);
            }

            DayReadOutcome outcome;
            await _operationLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!await SetCoreAsync(step.SetDay!.Value, cancellationToken).ConfigureAwait(false))
                {
                    return DayHistory.NotRead(day, DayHistoryStatus.Unavailable, read.Attempts, string.Create(CultureInfo.InvariantCulture, $"the meter refused E5 = {step.DaysBack} (SetC_SNA)"));
                }

                var got = await GetAsync(step.GetEpcs, cancellationToken).ConfigureAwait(false);
                if (!got.Values.TryGetValue(MeterEpc.CumulativeEnergyHistory1Normal, out var e2))
                {
                    if (got.Unsupported.ContainsKey(MeterEpc.CumulativeEnergyHistory1Normal))
                    {
                        return DayHistory.NotRead(day, DayHistoryStatus.Unavailable, read.Attempts, "the meter refused E2 (Get_SNA)");
                    }

                    throw new MeterUnreachableException(string.Create(CultureInfo.InvariantCulture, $"the meter did not answer the Get of E2 after {_options.Retry.Attempts} attempt(s); try again"));
                }

                EchonetProperty? e4 = got.Values.TryGetValue(MeterEpc.CumulativeEnergyHistory1Reverse, out var r) ? r : null;
                outcome = read.Complete(_time.GetUtcNow(), e2, e4);
            }
            finally
            {
                _operationLock.Release();
            }

            switch (outcome.Status)
            {
                case DayReadStatus.Complete:
                    return new DayHistory(day, DayHistoryStatus.Complete, outcome.Normal, outcome.Reverse, read.Attempts, null);
                case DayReadStatus.Repeat:
                    _counters.HistoryRepeat();
                    SessionLog.HistoryRepeat(_logger, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), outcome.Problem!);
                    continue;
                default:
                    return DayHistory.NotRead(day, outcome.Status == DayReadStatus.Unavailable ? DayHistoryStatus.Unavailable : DayHistoryStatus.Failed, read.Attempts, outcome.Problem!);
            }
        }
    }

    /// <summary>
    /// Reads up to 12 half-hour slots (EC) going back from <paramref name="newest"/> (a JST :00/:30 boundary;
    /// default the latest one): SetC ED, then Get EC. Returns the decoded EC (normal and reverse per slot), or
    /// <see cref="ValueStatus.NotSupported"/> when the meter refuses either.
    /// </summary>
    public Task<DecodedProperty> ReadRecentHalfHoursAsync(int count = 12, DateTimeOffset? newest = null, CancellationToken cancellationToken = default)
    {
        var now = MeterClock.ToMeterTime(_time.GetUtcNow());
        var slot = newest ?? new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute < 30 ? 0 : 30, 0, now.Offset);
        return SetThenGetAsync(HistoryRequests.SetRecentHalfHours(slot, count), MeterEpc.CumulativeEnergyHistory2, cancellationToken);
    }

    /// <summary>
    /// Reads up to 10 one-minute slots (EE) going back from <paramref name="newest"/> (a whole JST minute; default the
    /// last completed minute): SetC EF, then Get EE. Release R meters only; older ones answer not supported.
    /// </summary>
    public Task<DecodedProperty> ReadRecentMinutesAsync(int count = 10, DateTimeOffset? newest = null, CancellationToken cancellationToken = default)
    {
        var now = MeterClock.ToMeterTime(_time.GetUtcNow()).AddMinutes(-1);
        var minute = newest ?? new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, now.Offset);
        return SetThenGetAsync(HistoryRequests.SetRecentMinutes(minute, count), MeterEpc.CumulativeEnergyHistory3, cancellationToken);
    }

    private async Task<DecodedProperty> SetThenGetAsync(EchonetProperty set, byte get, CancellationToken cancellationToken)
    {
        var meter = await CheckedMeterAsync(cancellationToken).ConfigureAwait(false);
        if (meter.GetPropertyMap is { } map && !map.Contains(get))
        {
            return DecodedProperty.NotSupported(PropertyCatalog.SmartMeterClass, get);
        }

        await _operationLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!await SetCoreAsync(set, cancellationToken).ConfigureAwait(false))
            {
                return DecodedProperty.NotSupported(PropertyCatalog.SmartMeterClass, get);
            }

            var result = await GetAsync([get], cancellationToken).ConfigureAwait(false);
            ThrowIfNothingAnswered([get], result);
            return result.Values.TryGetValue(get, out var value)
                ? MeterPropertyDecoder.Decode(PropertyCatalog.SmartMeterClass, value, meter.Scale, MeterClock.Today(_time.GetUtcNow()))
                : DecodedProperty.NotSupported(PropertyCatalog.SmartMeterClass, get);
        }
        finally
        {
            _operationLock.Release();
        }
    }
}
