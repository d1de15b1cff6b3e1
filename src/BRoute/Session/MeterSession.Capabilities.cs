using System.Globalization;
using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.Reading;

namespace BRoute.Session;

/// <summary>
/// The meter's capabilities remembered with its PAN cache entry: restored on a cache hit for the PAN joined (no Get of
/// 9F/D3/D7/E1 after the join), checked against the meter's answers (D3, D7 and E1 ride along with the first read, 9F
/// and EPCs remembered as refused wherever a batch has room), dropped when an answer disagrees, saved on close.
/// </summary>
public sealed partial class MeterSession
{
    private readonly Dictionary<byte, EchonetProperty> _meterInfoValues = []; // 9F D3 D7 E1 as answered: what Meter was built from
    private readonly HashSet<byte> _unchecked = []; // remembered meter-info EPCs this session has not asked yet
    private bool _checkEveryRemembered; // after a disagreement: 9F too is asked in the next read, room or not
    private volatile bool _scaleUnchecked; // D3 or E1 remembered and not yet confirmed: energies get no kWh
    private int _capabilitiesDropped;

    /// <summary>True while the session uses capabilities remembered from an earlier session (not contradicted); for tests.</summary>
    internal bool UsesRememberedCapabilities => _capabilities.IsRemembered;

    /// <summary>How many times remembered capabilities were dropped because the meter disagreed; for tests.</summary>
    internal int CapabilitiesDropped => Volatile.Read(ref _capabilitiesDropped);

    /// <summary>
    /// On a PAN cache hit whose PAN is the one joined and whose entry remembers the meter's capabilities: starts from
    /// them and returns the meter info built from the remembered 9F/D3/D7/E1 answers; null when there is nothing to use.
    /// </summary>
    private MeterInfo? RestoreCapabilitiesFromCache()
    {
        if (!_options.UseRememberedCapabilities || _connection.Cache?.Entry is not { Capabilities: { } remembered } entry || entry.Pan != _connection.State.Pan)
        {
            return null;
        }

        _capabilities.Contradicted = OnCapabilitiesContradicted;
        _capabilities.Restore(remembered.MaxOpc, remembered.LargestAcceptedOpc, remembered.Refused);
        foreach (var (epc, edt) in remembered.MeterInfo)
        {
            _meterInfoValues[epc] = new EchonetProperty(epc, edt);
        }

        var map = DecodeMap(_meterInfoValues);
        _capabilities.GetPropertyMap = map;
        _unchecked.UnionWith(MeterInfoEpcs);
        _scaleUnchecked = true;
        SessionLog.CapabilitiesRemembered(_logger, remembered.ToString());
        return BuildMeterInfo(_meterInfoValues, map);
    }

    /// <summary>
    /// The remembered meter-info EPCs a read must ask (D3, D7, E1: the values depend on them; 9F too when asked for or
    /// after a disagreement) and those it asks only where a batch has room (9F).
    /// </summary>
    private (List<byte> Check, List<byte> IfRoom) RememberedToCheck(IReadOnlyCollection<byte> requested)
    {
        var check = MeterInfoEpcs.Where(e => _unchecked.Contains(e) && (e != MeterEpc.GetPropertyMap || _checkEveryRemembered || requested.Contains(e))).ToList();
        var ifRoom = _unchecked.Contains(MeterEpc.GetPropertyMap) && !check.Contains(MeterEpc.GetPropertyMap) ? new List<byte> { MeterEpc.GetPropertyMap } : [];
        return (check, ifRoom);
    }

    /// <summary>
    /// Compares the meter-info EPCs a read answered with what was remembered: the same → checked; different → the
    /// remembered capabilities are dropped and the meter info is rebuilt from the new answers (so this read's energies
    /// are scaled with the coefficient and unit the meter gives now).
    /// </summary>
    private void CheckRemembered(GetReadResult result)
    {
        if (_unchecked.Count == 0)
        {
            return;
        }

        var changes = new List<string>();
        foreach (var epc in MeterInfoEpcs.Where(_unchecked.Contains))
        {
            if (result.Values.TryGetValue(epc, out var now))
            {
                if (!_meterInfoValues.TryGetValue(epc, out var before))
                {
                    changes.Add(string.Create(CultureInfo.InvariantCulture, $"0x{epc:X2} was not answered before, now {Convert.ToHexString(now.Edt.Span)}"));
                }
                else if (!before.Edt.Span.SequenceEqual(now.Edt.Span))
                {
                    changes.Add(string.Create(CultureInfo.InvariantCulture, $"0x{epc:X2} was {Convert.ToHexString(before.Edt.Span)}, now {Convert.ToHexString(now.Edt.Span)}"));
                }

                _meterInfoValues[epc] = now;
                _unchecked.Remove(epc);
            }
            else if (result.Unsupported.TryGetValue(epc, out var reason))
            {
                if (reason == UnsupportedReason.RefusedByMeter && _meterInfoValues.Remove(epc))
                {
                    changes.Add(string.Create(CultureInfo.InvariantCulture, $"0x{epc:X2} is refused now"));
                }

                _unchecked.Remove(epc);
            }
        }

        if (!_unchecked.Contains(MeterEpc.Coefficient) && !_unchecked.Contains(MeterEpc.Unit))
        {
            _scaleUnchecked = false;
        }

        if (changes.Count == 0)
        {
            return;
        }

        _capabilities.Forget(string.Join("; ", changes));
        var map = _unchecked.Contains(MeterEpc.GetPropertyMap) ? null : DecodeMap(_meterInfoValues);
        _capabilities.GetPropertyMap = map;
        var meter = BuildMeterInfo(_meterInfoValues, map);
        Volatile.Write(ref _meter, meter);
        SessionLog.MeterInfo(_logger, meter.ToString());
    }

    /// <summary>
    /// The meter info for a read that decodes energies outside <see cref="ReadAsync(IEnumerable{byte}, CancellationToken)"/>
    /// (history): when D3/D7/E1 are still the remembered ones, one Get checks them first. The caller does not hold the lock.
    /// </summary>
    private async Task<MeterInfo> CheckedMeterAsync(CancellationToken cancellationToken)
    {
        var meter = RequireConnected();
        if (!_scaleUnchecked)
        {
            return meter;
        }

        await _operationLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (check, ifRoom) = RememberedToCheck([]);
            if (check.Count > 0)
            {
                var result = await GetAsync(new GetPlanner(check, _capabilities, ifRoom), cancellationToken).ConfigureAwait(false);
                ThrowIfNothingAnswered(check, result);
                CheckRemembered(result);
            }

            return Meter;
        }
        finally
        {
            _operationLock.Release();
        }
    }

    private void OnCapabilitiesContradicted(string reason)
    {
        Interlocked.Increment(ref _capabilitiesDropped);
        SessionLog.CapabilitiesDropped(_logger, reason);
        _checkEveryRemembered = true;
        if (_unchecked.Contains(MeterEpc.GetPropertyMap))
        {
            _capabilities.GetPropertyMap = null; // until 9F is read again, nothing is filtered by the remembered map
        }
    }

    /// <summary>
    /// What to remember with the PAN: null before the meter info was known, or when remembered facts were dropped and
    /// some meter-info EPC was not asked again since (the next session then relearns all of it after the join).
    /// </summary>
    private MeterCapabilitySnapshot? CapabilitySnapshot()
    {
        if (Volatile.Read(ref _meter) is null || (_capabilitiesDropped > 0 && _unchecked.Count > 0))
        {
            return null;
        }

        var info = _meterInfoValues.ToDictionary(p => p.Key, p => p.Value.Edt);
        var refused = _capabilities.ConfirmedUnsupported.Concat(_capabilities.RememberedRefused).Distinct().Order().ToList();
        return new MeterCapabilitySnapshot(_capabilities.MaxOpc, _capabilities.ProvenOpc, refused, info);
    }

    /// <summary>
    /// Remembers the short-request estimate and the meter's capabilities with the PAN cache entry (closing), in one
    /// atomic write. Skipped when a read still holds the session (the capabilities are not thread-safe). A failed write
    /// is logged, never fatal.
    /// </summary>
    private async Task SaveLearnedAsync(CancellationToken cancellationToken)
    {
        if (_connection.Cache is not { } cache || _connection.State.Pan is not { } pan)
        {
            return;
        }

        var estimate = _shortReplyTimes?.Snapshot();
        MeterCapabilitySnapshot? capabilities = null;
        var learned = false;
        if (await _operationLock.WaitAsync(TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                capabilities = CapabilitySnapshot();
                learned = Volatile.Read(ref _meter) is not null;
            }
            finally
            {
                _operationLock.Release();
            }
        }

        if (estimate is null && !learned)
        {
            return;
        }

        await cache.UpdateAsync(
            pan,
            e => e with { ReplyTimes = estimate ?? e.ReplyTimes, Capabilities = learned ? capabilities : e.Capabilities },
            "save reply times and meter capabilities",
            cancellationToken).ConfigureAwait(false);
    }
}
