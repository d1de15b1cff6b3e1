using BRoute.EchonetLite.Frames;
using BRoute.EchonetLite.Meter;
using BRoute.EchonetLite.Objects;
using BRoute.Simulator.Timing;

namespace BRoute.Simulator.Meter;

/// <summary>
/// The low-voltage smart electric energy meter object 0x028801 (meter-0288.md): its property set, the values
/// read from the household model at the simulated instant, and the settable E5/ED/EF/81.
/// </summary>
internal sealed class SmartMeter
{
    private static readonly byte[] SuperClass = [0x80, 0x81, 0x82, 0x83, 0x88, 0x8A, 0x8D, 0x97, 0x98, 0x9D, 0x9E, 0x9F];
    private static readonly byte[] ReleaseRClass = [0xC0, 0xD0, 0xD3, 0xD7, 0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE7, 0xE8, 0xEA, 0xEB, 0xEC, 0xED, 0xEE, 0xEF];
    private static readonly byte[] OlderClass = [0xD7, 0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE7, 0xE8, 0xEA, 0xEB, 0xEC, 0xED];
    private static readonly byte[] Reverse = [0xE3, 0xE4, 0xEB];
    private static readonly byte[] Settable = [0x81, 0xE5, 0xED, 0xEF];
    private static readonly TimeSpan History2Step = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan History3Step = TimeSpan.FromMinutes(1);

    private readonly MeterOptions _options;
    private readonly SimClock _clock;
    private readonly EnergyLedger _ledger;
    private readonly HashSet<byte> _properties;
    private readonly ulong _seed;
    private readonly uint _wrap;
    private readonly byte[] _getMap;
    private readonly byte[] _setMap;
    private readonly byte[] _announceMap;
    private byte[] _location = [0x00];
    private int? _historyDay;
    private HistorySettingValue? _history2;
    private HistorySettingValue? _history3;

    public SmartMeter(MeterOptions options, SimClock clock, ulong seed)
    {
        _options = options;
        _clock = clock;
        _seed = seed;
        _wrap = EnergyCounter.Modulus(options.Digits);
        var classSet = options.Generation == MeterGeneration.ReleaseR ? ReleaseRClass : OlderClass;
        _properties = [.. SuperClass, .. classSet];
        if (!options.ReverseMetering)
        {
            _properties.ExceptWith(Reverse);
        }

        _properties.ExceptWith(options.Without);
        _getMap = PropertyMap.Create(_properties).Encode();
        _setMap = PropertyMap.Create(SetMap).Encode();
        _announceMap = PropertyMap.Create(AnnounceMap).Encode();
        var anchor = options.AnchorTime ?? clock.Start;
        var first = anchor < clock.Start ? anchor : clock.Start;
        var epochLocal = first.ToOffset(SimClock.Jst).Date.AddDays(-options.HistoryDays);
        var epoch = new DateTimeOffset(epochLocal, SimClock.Jst);
        _ledger = new EnergyLedger(new Household(options, seed), epoch, anchor, options.AnchorNormalKwh, options.AnchorReverseKwh);
    }

    /// <summary>EPCs this meter supports (Get map).</summary>
    public IReadOnlySet<byte> Properties => _properties;

    /// <summary>Whether the 30-minute notification carries EB (reverse metering with export).</summary>
    public bool AnnouncesReverse => _properties.Contains(0xEB) && (_options.SolarPeakW > 0 || (_options.Load == LoadModel.Constant && _options.ConstantLoadW < 0));

    /// <summary>Settable EPCs this meter has (Set map).</summary>
    public IEnumerable<byte> SetMap => Settable.Where(_properties.Contains);

    /// <summary>Status-change announcement map: 80, 81, 88 and the fixed-time values it announces (a modelling choice).</summary>
    public IEnumerable<byte> AnnounceMap => new byte[] { 0x80, 0x81, 0x88, 0xEA, 0xEB }.Where(_properties.Contains);

    /// <summary>The first instant the meter has data for (00:00 JST, <see cref="MeterOptions.HistoryDays"/> before the start).</summary>
    public DateTimeOffset HistoryStart => _ledger.Epoch;

    /// <summary>Whether the meter measures reverse flow (has E3).</summary>
    public bool MeasuresReverse => _properties.Contains(0xE3);

    /// <summary>The raw register at <paramref name="t"/> as the meter shows it (null before its history or in the future).</summary>
    public uint? RawAt(DateTimeOffset t, bool reverse) => ToRaw(t, reverse);

    /// <summary>Resets what a reboot loses: the history selectors.</summary>
    public void Reboot()
    {
        _historyDay = null;
        _history2 = null;
        _history3 = null;
    }

    /// <summary>Latest half-hour boundary at or before now.</summary>
    public DateTimeOffset LatestBoundary(DateTimeOffset now)
    {
        var t = now.ToOffset(SimClock.Jst);
        return new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, t.Minute >= 30 ? 30 : 0, 0, SimClock.Jst);
    }

    /// <summary>The value of a property now, or null if the meter does not have it.</summary>
    public byte[]? Read(byte epc)
    {
        if (!_properties.Contains(epc))
        {
            return null;
        }

        if (_options.Pinned.TryGetValue(epc, out var pinned))
        {
            return (byte[])pinned.Clone();
        }

        var now = _clock.Now;
        return epc switch
        {
            0x80 => MeterValueEncoder.OperationStatus(on: true),
            0x81 => (byte[])_location.Clone(),
            0x82 => _options.Generation == MeterGeneration.ReleaseR ? MeterValueEncoder.StandardVersion('R', 2) : MeterValueEncoder.StandardVersion('F', 0),
            0x83 => SimulatorEdt.SeededIdentifier(0xFE, _options.ManufacturerCode, 17, _seed, salt: 0),
            0x88 => MeterValueEncoder.FaultStatus(fault: false),
            0x8A => MeterValueEncoder.ManufacturerCode(_options.ManufacturerCode),
            0x8D => MeterValueEncoder.Ascii12($"SIM{_seed % 1_000_000_000UL:D9}"),
            0x97 => MeterValueEncoder.Time(TimeOnly.FromDateTime(now.DateTime)),
            0x98 => MeterValueEncoder.Date(DateOnly.FromDateTime(now.DateTime)),
            0x9D => (byte[])_announceMap.Clone(),
            0x9E => (byte[])_setMap.Clone(),
            0x9F => (byte[])_getMap.Clone(),
            0xC0 => SimulatorEdt.SeededIdentifier(0x00, _options.ManufacturerCode, 16, _seed, salt: 100),
            0xD0 => OneMinute(now),
            0xD3 => MeterValueEncoder.Coefficient(_options.Coefficient),
            0xD7 => MeterValueEncoder.EffectiveDigits(_options.Digits),
            0xE0 => MeterValueEncoder.CumulativeEnergy(Normal(now)),
            0xE1 => MeterValueEncoder.Unit(_options.Unit),
            0xE2 => DayHistory(reverse: false, now),
            0xE3 => MeterValueEncoder.CumulativeEnergy(Reversed(now)),
            0xE4 => DayHistory(reverse: true, now),
            0xE5 => MeterValueEncoder.HistoryDay(_historyDay),
            0xE7 => MeterValueEncoder.InstantaneousPower(_ledger.PowerAt(now)),
            0xE8 => Currents(_ledger.PowerAt(now)),
            0xEA => FixedTime(now, reverse: false),
            0xEB => FixedTime(now, reverse: true),
            0xEC => PairHistory(_history2, History2Step, MeterValueEncoder.History2),
            0xED => MeterValueEncoder.History2Time(_history2?.Timestamp, _history2?.Count ?? 1),
            0xEE => PairHistory(_history3, History3Step, MeterValueEncoder.History3),
            0xEF => MeterValueEncoder.History3Time(_history3?.Timestamp, _history3?.Count ?? 1),
            _ => null,
        };
    }

    /// <summary>
    /// Writes a settable property; false (value unchanged) if the EPC is not settable or the value invalid. Values
    /// are checked by the shared decoder (length, ranges, real date-times); on top of it ED's minute must be 0 or 30
    /// (Appendix), an ED/EF whose slots reach before year 1 is refused, and E5/ED/EF cannot be written back to their
    /// unset codes.
    /// </summary>
    public bool Write(byte epc, ReadOnlySpan<byte> edt)
    {
        if (!_properties.Contains(epc) || !Settable.Contains(epc))
        {
            return false;
        }

        var decoded = MeterPropertyDecoder.Decode(PropertyCatalog.SmartMeterClass, new EchonetProperty(epc, edt.ToArray()), EnergyScale.Unknown);
        if (decoded.IsError || decoded.Status == ValueStatus.NotSupported)
        {
            return false;
        }

        switch (epc, decoded.Value)
        {
            case (0x81, _): // a location code (0x00 = not set) or 0x01 + position
                _location = decoded.Raw.ToArray();
                return true;
            case (0xE5, NumberValue):
                _historyDay = edt[0];
                return true;
            case (0xED, HistorySettingValue { Timestamp.Minute: 0 or 30 } setting) when Representable(setting, History2Step):
                _history2 = setting;
                return true;
            case (0xEF, HistorySettingValue setting) when Representable(setting, History3Step):
                _history3 = setting;
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether the oldest slot of a setting is a JST instant at all (not before 0001-01-01 09:00): a valid
    /// date-time such as 0001-01-01 00:00 is not, and its EC/EE could not be computed.
    /// </summary>
    private static bool Representable(HistorySettingValue setting, TimeSpan step) =>
        setting.Timestamp.Ticks >= (SimClock.Jst + (step * (setting.Count - 1))).Ticks;

    /// <summary>Raw normal-direction register at <paramref name="t"/> (null = no data: before the epoch or in the future).</summary>
    public uint? Normal(DateTimeOffset t) => ToRaw(t, reverse: false);

    /// <summary>Raw reverse-direction register at <paramref name="t"/> (null = no data).</summary>
    public uint? Reversed(DateTimeOffset t) => ToRaw(t, reverse: true);

    private uint? ToRaw(DateTimeOffset t, bool reverse)
    {
        if (t < _ledger.Epoch || t > _clock.Now)
        {
            return null;
        }

        var (normal, rev) = _ledger.At(t);
        var mWh = reverse ? rev : normal;
        if (mWh < 0)
        {
            return null;
        }

        var counts = Math.Floor((mWh / _options.MilliWattHoursPerCount) + 1e-9);
        return (uint)(counts % _wrap);
    }

    private byte[] FixedTime(DateTimeOffset now, bool reverse)
    {
        var boundary = LatestBoundary(now);
        return MeterValueEncoder.FixedTimeEnergy(boundary.DateTime, ToRaw(boundary, reverse));
    }

    private byte[] OneMinute(DateTimeOffset now)
    {
        var t = now.ToOffset(SimClock.Jst);
        var minute = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, SimClock.Jst);
        return MeterValueEncoder.OneMinuteEnergy(minute.DateTime, ToRaw(minute, false), ToRaw(minute, true));
    }

    private byte[] DayHistory(bool reverse, DateTimeOffset now)
    {
        var slots = new uint?[MeterLimits.DayHistorySlots];
        if (_historyDay is not int back)
        {
            return MeterValueEncoder.DayHistory(null, slots); // day 0x00FF, every slot no data
        }

        var day = new DateTimeOffset(now.ToOffset(SimClock.Jst).Date.AddDays(-back), SimClock.Jst);
        for (var k = 0; k < slots.Length; k++)
        {
            slots[k] = ToRaw(day.AddMinutes(30 * k), reverse);
        }

        return MeterValueEncoder.DayHistory(back, slots);
    }

    /// <summary>EC/EE from the ED/EF setting; while it is unset, the unset date-time with one no-data pair.</summary>
    private byte[] PairHistory(HistorySettingValue? setting, TimeSpan step, Func<DateTime?, IReadOnlyList<RawEnergyPair>, byte[]> encode)
    {
        if (setting is null)
        {
            return encode(null, [new RawEnergyPair(null, null)]);
        }

        var t = new DateTimeOffset(setting.Timestamp, SimClock.Jst);
        var pairs = new RawEnergyPair[setting.Count];
        for (var k = 0; k < pairs.Length; k++)
        {
            var at = t - (step * k);
            pairs[k] = new RawEnergyPair(ToRaw(at, false), ToRaw(at, true));
        }

        return encode(setting.Timestamp, pairs);
    }

    private byte[] Currents(int powerW)
    {
        // 100 V per phase on a 100/200 V three-wire service; 0.1 A units; R carries a bit more than T.
        var deciAmps = powerW / 10.0;
        if (_options.SinglePhaseTwoWire)
        {
            return MeterValueEncoder.InstantaneousCurrent(Amps(deciAmps), null); // T = 0x7FFE
        }

        return MeterValueEncoder.InstantaneousCurrent(Amps(deciAmps * 0.55), Amps(deciAmps * 0.45));

        static decimal Amps(double deciAmps) => (decimal)Math.Clamp(Math.Round(deciAmps), MeterLimits.MinCurrent, MeterLimits.MaxCurrent) / 10m;
    }
}
