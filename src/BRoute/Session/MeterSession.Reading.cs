using System.Globalization;
using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.EchonetLite.Objects;
using BRoute.History;
using BRoute.Reading;

namespace BRoute.Session;

/// <summary>Get and SetC of meter properties.</summary>
public sealed partial class MeterSession
{
    private static readonly IReadOnlyList<byte> MeterInfoEpcs = MeterCapabilitySnapshot.MeterInfoEpcs;

    /// <summary>
    /// Reads properties of the meter (class 0x0288): batched by the Get map and the meter's batch limit, a new TID
    /// per request, retries with the same TID, refused EPCs asked alone once. Every requested EPC comes back in
    /// order: its value, or <see cref="ValueStatus.NotSupported"/> when the map lacks it or the meter refused it;
    /// EPCs without any reply are listed in <see cref="MeterReading.Unanswered"/>. 9F, D3, D7 and E1 are answered
    /// from the session's start-up read. Energies are scaled with <see cref="Scale"/>.
    /// </summary>
    /// <exception cref="MeterUnreachableException">Nothing that was asked got a reply, or the session could not be restored in time.</exception>
    /// <exception cref="AuthenticationFailedException">The session was lost and re-authentication failed for good.</exception>
    public async Task<MeterReading> ReadAsync(IEnumerable<byte> epcs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(epcs);
        var requested = epcs.Distinct().ToList();
        RequireConnected();
        await _operationLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // 9F/D3/D7/E1 come from the session's meter info, once the meter confirmed them in this session; D3, D7 and E1
            // still remembered from an earlier session are asked with this read (and 9F where a batch has room).
            var (check, ifRoom) = RememberedToCheck(requested);
            var ask = check.Concat(requested.Where(e => !IsAnsweredFromMeterInfo(e))).Distinct().ToList();
            var result = ask.Count > 0 ? await GetAsync(new GetPlanner(ask, _capabilities, ifRoom), cancellationToken).ConfigureAwait(false) : Empty;
            ThrowIfNothingAnswered(ask, result);
            CheckRemembered(result);
            var meter = Meter;
            var scale = Scale; // unknown while D3/E1 are unconfirmed (their Get went unanswered): no energy gets a wrong kWh
            var today = MeterClock.Today(_time.GetUtcNow());
            var properties = new List<DecodedProperty>(requested.Count);
            var unanswered = new List<byte>();
            foreach (var epc in requested)
            {
                if (IsAnsweredFromMeterInfo(epc))
                {
                    properties.Add(meter.Properties[epc]);
                }
                else if (result.Values.TryGetValue(epc, out var value))
                {
                    properties.Add(MeterPropertyDecoder.Decode(PropertyCatalog.SmartMeterClass, value, scale, today));
                }
                else if (result.Unsupported.ContainsKey(epc))
                {
                    properties.Add(DecodedProperty.NotSupported(PropertyCatalog.SmartMeterClass, epc));
                }
                else
                {
                    unanswered.Add(epc);
                }
            }

            return new MeterReading(requested, properties, unanswered, _time.GetUtcNow(), scale);
        }
        finally
        {
            _operationLock.Release();
        }
    }

    private bool IsAnsweredFromMeterInfo(byte epc) => !_unchecked.Contains(epc) && Meter.Properties.ContainsKey(epc);

    /// <summary>Reads one property (see <see cref="ReadAsync(IEnumerable{byte}, CancellationToken)"/>).</summary>
    /// <exception cref="MeterUnreachableException">No reply after every retry.</exception>
    public async Task<DecodedProperty> ReadPropertyAsync(byte epc, CancellationToken cancellationToken = default)
    {
        var reading = await ReadAsync([epc], cancellationToken).ConfigureAwait(false);
        return reading[epc];
    }

    /// <summary>
    /// SetC of one property (E5, ED, EF, 81 …) with a new TID and the usual retries. True when the meter accepted
    /// it (Set_Res), false when it refused (SetC_SNA).
    /// </summary>
    /// <exception cref="MeterUnreachableException">No reply after every retry.</exception>
    public async Task<bool> SetAsync(byte epc, ReadOnlyMemory<byte> edt, CancellationToken cancellationToken = default)
    {
        RequireConnected();
        await _operationLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SetCoreAsync(new EchonetProperty(epc, edt), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _operationLock.Release();
        }
    }

    private static GetReadResult Empty { get; } = new(new Dictionary<byte, EchonetProperty>(), new Dictionary<byte, UnsupportedReason>(), new HashSet<byte>());

    private void ThrowIfNothingAnswered(IReadOnlyCollection<byte> asked, GetReadResult result)
    {
        if (asked.Count > 0 && result.Values.Count == 0 && result.NoReply.Count > 0 && result.NoReply.Count + result.Unsupported.Count >= asked.Count)
        {
            throw new MeterUnreachableException(string.Create(
                CultureInfo.InvariantCulture,
                $"the meter did not answer: no reply to the Get after {_options.Retry.Attempts} attempt(s) of {_options.Retry.ReplyTimeout.TotalSeconds:0} s; the link may be poor (move the dongle closer or use a USB extension cable) or the meter busy; try again"));
        }
    }

    private async Task<bool> SetCoreAsync(EchonetProperty property, CancellationToken cancellationToken)
    {
        var reply = await TransactAsync(Esv.SetC, [property], cancellationToken).ConfigureAwait(false)
            ?? throw new MeterUnreachableException(string.Create(
                CultureInfo.InvariantCulture,
                $"the meter did not answer the SetC of 0x{property.Epc:X2} after {_options.Retry.Attempts} attempt(s); try again"));
        return reply.Esv == Esv.SetRes;
    }

    /// <summary>
    /// Runs a <see cref="GetPlanner"/> to completion with up to <see cref="MeterSessionOptions.MaxRequestsInFlight"/>
    /// Gets awaiting their replies at once; a retry alone is sent only when nothing else is awaited. When one
    /// request fails for good (session lost, cancelled) the others are cancelled with it. The caller holds the
    /// operation lock.
    /// </summary>
    private Task<GetReadResult> GetAsync(IEnumerable<byte> epcs, CancellationToken cancellationToken) =>
        GetAsync(new GetPlanner(epcs, _capabilities), cancellationToken);

    /// <inheritdoc cref="GetAsync(IEnumerable{byte}, CancellationToken)"/>
    private async Task<GetReadResult> GetAsync(GetPlanner planner, CancellationToken cancellationToken)
    {
        var inFlight = new Dictionary<Task<EchonetFrame?>, GetBatch>();
        using var siblings = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (true)
            {
                while (inFlight.Count < _options.MaxRequestsInFlight
                    && (inFlight.Count == 0 || planner.NextKind == GetBatchKind.First)
                    && planner.TryNextBatch(out var batch))
                {
                    var request = batch.Epcs.Select(e => new EchonetProperty(e)).ToArray();
                    inFlight.Add(TransactAsync(Esv.Get, request, siblings.Token, batch.Probe), batch);
                }

                if (inFlight.Count == 0)
                {
                    break;
                }

                var done = await Task.WhenAny(inFlight.Keys).ConfigureAwait(false);
                var answered = inFlight[done];
                inFlight.Remove(done);
                var reply = await done.ConfigureAwait(false);
                if (reply is null)
                {
                    planner.OnNoReply(answered);
                }
                else
                {
                    planner.OnReply(answered, reply);
                }
            }
        }
        catch when (inFlight.Count > 0)
        {
            // The failure that ends this read is rethrown as it is; the siblings only end because of it.
            await siblings.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(inFlight.Keys.Cast<Task>()).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        Volatile.Write(ref _unsupported, [.. _capabilities.ConfirmedUnsupported.Order()]);
        return planner.Result;
    }

    /// <summary>
    /// One Get of 9F, D3, D7, E1 (the SNA of a meter without D3 still carries the others; fewer when
    /// <see cref="MeterSessionOptions.InitialMaxOpc"/> is smaller); refused or unasked EPCs that the map lists are asked
    /// again. No D3 → coefficient 1 (assumed); no E1 → 0x00 = 1 kWh (assumed) or unknown.
    /// </summary>
    private async Task<MeterInfo> ReadMeterInfoAsync(CancellationToken cancellationToken)
    {
        await _operationLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var values = new Dictionary<byte, EchonetProperty>();
            var planner = new GetPlanner(MeterInfoEpcs, _capabilities);
            planner.TryNextBatch(out var first); // nothing is known yet: never empty
            // Every attempt, never a probe: the first contact's 4 EPCs are within the AIF floor, and a lost reply here must
            // not lower the batch limit this meter is remembered with.
            var reply = await TransactAsync(Esv.Get, first.Epcs.Select(e => new EchonetProperty(e)).ToArray(), cancellationToken).ConfigureAwait(false);
            IReadOnlySet<byte>? map = null;
            if (reply is null)
            {
                // Not even an SNA after every attempt: the planner goes on from this silent batch (in halves; a smaller batch
                // limit learned if one is answered) instead of asking the same batch again.
                planner.OnNoReply(first);
                var result = await GetAsync(planner, cancellationToken).ConfigureAwait(false);
                if (result.Values.Count == 0)
                {
                    throw new MeterUnreachableException(
                        "the PANA session is up but the meter answered no ECHONET Lite request (Get 9F, D3, D7, E1) after every retry; " +
                        "the link may be poor, or the meter may be serving another controller; try again");
                }

                foreach (var (epc, p) in result.Values)
                {
                    values[epc] = p;
                }

                map = DecodeMap(values);
            }
            else
            {
                var refused = new List<byte>(); // refused by the first Get, or not in it (a smaller initial batch limit)
                foreach (var epc in MeterInfoEpcs)
                {
                    if (reply.TryGetProperty(epc, out var p) && p.Pdc > 0)
                    {
                        values[epc] = p;
                    }
                    else
                    {
                        refused.Add(epc);
                    }
                }

                if (refused.Count == 0)
                {
                    _capabilities.RecordAccepted(MeterInfoEpcs.Count);
                }

                map = DecodeMap(values);
                _capabilities.GetPropertyMap = map;
                var again = refused.Where(e => e != MeterEpc.GetPropertyMap && (map is null || map.Contains(e))).ToList();
                if (again.Count > 0)
                {
                    var answeredInBatch = values.Count;
                    var result = await GetAsync(again, cancellationToken).ConfigureAwait(false);
                    foreach (var (epc, p) in result.Values)
                    {
                        values[epc] = p;
                    }

                    if (again.Count == refused.Count && result.Values.Count == again.Count && answeredInBatch > 0)
                    {
                        // Refused in the batch but answered alone: the meter takes fewer EPCs per Get (as GetPlanner learns it).
                        _capabilities.LowerMaxOpc(answeredInBatch);
                    }
                }
            }

            _capabilities.GetPropertyMap = map;
            foreach (var (epc, p) in values)
            {
                _meterInfoValues[epc] = p;
            }

            return BuildMeterInfo(values, map);
        }
        finally
        {
            _operationLock.Release();
        }
    }

    private IReadOnlySet<byte>? DecodeMap(Dictionary<byte, EchonetProperty> values)
    {
        if (!values.TryGetValue(MeterEpc.GetPropertyMap, out var p))
        {
            SessionLog.MeterWarning(_logger, "the meter gave no Get property map (9F): every EPC will be asked");
            return null;
        }

        if (!PropertyMap.TryDecode(p.Edt.Span, out var map, out var error))
        {
            SessionLog.MeterWarning(_logger, $"the meter's Get property map (9F) is malformed ({error.Message}): every EPC will be asked");
            return null;
        }

        return map.ToArray().ToHashSet();
    }

    private MeterInfo BuildMeterInfo(Dictionary<byte, EchonetProperty> values, IReadOnlySet<byte>? map)
    {
        // D3 and E1 are judged by the meter model's own rules (EnergyScale.With): what is missing or invalid stays null.
        var read = EnergyScale.Unknown.With(values.Values);
        var coefficient = (uint?)read.Coefficient;
        if (coefficient is null)
        {
            SessionLog.MeterWarning(_logger, "the meter has no coefficient (D3): 1 is assumed (meter-0288.md §5)");
        }

        var unit = read.UnitCode;
        var unitAssumed = false;
        if (unit is null && _options.AssumeUnitWhenMissing)
        {
            unit = 0x00;
            unitAssumed = true;
            SessionLog.MeterWarning(_logger, "the meter gave no valid unit (E1): 0x00 = 1 kWh per count is assumed");
        }
        else if (unit is null)
        {
            SessionLog.MeterWarning(_logger, "the meter gave no valid unit (E1): energies are reported as raw counts");
        }

        byte? digits = values.TryGetValue(MeterEpc.EffectiveDigits, out var d7) && d7.Pdc == 1
            && d7.Edt.Span[0] is >= MeterLimits.MinEffectiveDigits and <= MeterLimits.MaxEffectiveDigits ? d7.Edt.Span[0] : null;
        var scale = read with { UnitCode = unit };
        var properties = new Dictionary<byte, DecodedProperty>();
        foreach (var epc in MeterInfoEpcs)
        {
            properties[epc] = values.TryGetValue(epc, out var p)
                ? MeterPropertyDecoder.Decode(PropertyCatalog.SmartMeterClass, p, scale)
                : DecodedProperty.NotSupported(PropertyCatalog.SmartMeterClass, epc);
        }

        return new MeterInfo
        {
            GetPropertyMap = map,
            Coefficient = coefficient,
            UnitCode = unit,
            UnitAssumed = unitAssumed,
            EffectiveDigits = digits,
            Scale = scale,
            Properties = properties,
        };
    }
}
