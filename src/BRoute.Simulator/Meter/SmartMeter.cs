using System.Text;
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

    private readonly MeterOptions _options;
    private readonly SimClock _clock;
    private readonly EnergyLedger _ledger;
    private readonly HashSet<byte> _properties;
    private readonly ulong _seed;
    private readonly uint _wrap;
    private byte[] _location = [0x00];
    private byte _e5 = 0xFF;
    private byte[] _ed = MeterEdt.UnsetDay();
    private byte[] _ef = MeterEdt.UnsetDay();

    public SmartMeter(MeterOptions options, SimClock clock, ulong seed)
    {
        _options = options;
        _clock = clock;
        _seed = seed;
        _wrap = (uint)Math.Pow(10, options.Digits);
        var classSet = options.Generation == MeterGeneration.ReleaseR ? ReleaseRClass : OlderClass;
        _properties = [.. SuperClass, .. classSet];
        if (!options.ReverseMetering)
        {
            _properties.ExceptWith(Reverse);
        }

        _properties.ExceptWith(options.Without);
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

    /// <summary>Resets what a reboot loses: the history selectors.</summary>
    public void Reboot()
    {
        _e5 = 0xFF;
        _ed = MeterEdt.UnsetDay();
        _ef = MeterEdt.UnsetDay();
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
            0x80 => [0x30],
            0x81 => (byte[])_location.Clone(),
            0x82 => _options.Generation == MeterGeneration.ReleaseR ? [0x00, 0x00, (byte)'R', 0x02] : [0x00, 0x00, (byte)'F', 0x00],
            0x83 => IdentificationNumber(),
            0x88 => [0x42],
            0x8A => Maker(),
            0x8D => Encoding.ASCII.GetBytes($"SIM{_seed % 1_000_000_000UL:D9}"),
            0x97 => [(byte)now.Hour, (byte)now.Minute],
            0x98 => [(byte)(now.Year >> 8), (byte)now.Year, (byte)now.Month, (byte)now.Day],
            0x9D => MeterEdt.PropertyMap(AnnounceMap),
            0x9E => MeterEdt.PropertyMap(SetMap),
            0x9F => MeterEdt.PropertyMap(_properties),
            0xC0 => RouteBIdentification(),
            0xD0 => OneMinute(now),
            0xD3 => MeterEdt.UInt32(_options.Coefficient),
            0xD7 => [_options.Digits],
            0xE0 => MeterEdt.UInt32(Normal(now)),
            0xE1 => [_options.Unit],
            0xE2 => DayHistory(reverse: false, now),
            0xE3 => MeterEdt.UInt32(Reversed(now)),
            0xE4 => DayHistory(reverse: true, now),
            0xE5 => [_e5],
            0xE7 => MeterEdt.Int32(_ledger.PowerAt(now)),
            0xE8 => Currents(_ledger.PowerAt(now)),
            0xEA => FixedTime(now, reverse: false),
            0xEB => FixedTime(now, reverse: true),
            0xEC => PairHistory(_ed, TimeSpan.FromMinutes(30)),
            0xED => (byte[])_ed.Clone(),
            0xEE => PairHistory(_ef, TimeSpan.FromMinutes(1)),
            0xEF => (byte[])_ef.Clone(),
            _ => null,
        };
    }

    /// <summary>Writes a settable property; false (value unchanged) if the EPC is not settable or the value invalid.</summary>
    public bool Write(byte epc, ReadOnlySpan<byte> edt)
    {
        if (!_properties.Contains(epc) || !Settable.Contains(epc))
        {
            return false;
        }

        switch (epc)
        {
            case 0x81 when edt.Length == 1 || (edt.Length == 17 && edt[0] == 0x01):
                _location = edt.ToArray();
                return true;
            case 0xE5 when edt.Length == 1 && edt[0] <= 99:
                _e5 = edt[0];
                return true;
            case 0xED when MeterEdt.TryReadDaySelector(edt, out var t, out var n) && t.Minute is 0 or 30 && n is >= 1 and <= 12:
                _ed = edt.ToArray();
                return true;
            case 0xEF when MeterEdt.TryReadDaySelector(edt, out _, out var n) && n is >= 1 and <= 10:
                _ef = edt.ToArray();
                return true;
            default:
                return false;
        }
    }

    /// <summary>Raw normal-direction register at <paramref name="t"/> (no-data before the epoch or in the future).</summary>
    public uint Normal(DateTimeOffset t) => ToRaw(t, reverse: false);

    /// <summary>Raw reverse-direction register at <paramref name="t"/>.</summary>
    public uint Reversed(DateTimeOffset t) => ToRaw(t, reverse: true);

    private uint ToRaw(DateTimeOffset t, bool reverse)
    {
        if (t < _ledger.Epoch || t > _clock.Now)
        {
            return MeterEdt.NoData;
        }

        var (normal, rev) = _ledger.At(t);
        var mWh = reverse ? rev : normal;
        if (mWh < 0)
        {
            return MeterEdt.NoData;
        }

        var counts = Math.Floor((mWh / _options.MilliWattHoursPerCount) + 1e-9);
        return (uint)(counts % _wrap);
    }

    private byte[] FixedTime(DateTimeOffset now, bool reverse)
    {
        var boundary = LatestBoundary(now);
        return MeterEdt.FixedTime(boundary, ToRaw(boundary, reverse));
    }

    private byte[] OneMinute(DateTimeOffset now)
    {
        var t = now.ToOffset(SimClock.Jst);
        var minute = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, SimClock.Jst);
        return MeterEdt.OneMinute(minute, ToRaw(minute, false), ToRaw(minute, true));
    }

    private byte[] DayHistory(bool reverse, DateTimeOffset now)
    {
        if (_e5 == 0xFF)
        {
            return MeterEdt.DayHistory(0x00FF, []);
        }

        var day = new DateTimeOffset(now.ToOffset(SimClock.Jst).Date.AddDays(-_e5), SimClock.Jst);
        Span<uint> slots = stackalloc uint[48];
        for (var k = 0; k < 48; k++)
        {
            slots[k] = ToRaw(day.AddMinutes(30 * k), reverse);
        }

        return MeterEdt.DayHistory(_e5, slots);
    }

    private byte[] PairHistory(byte[] selector, TimeSpan step)
    {
        if (!MeterEdt.TryReadDaySelector(selector, out var t, out var count))
        {
            return MeterEdt.PairHistory(selector, [(MeterEdt.NoData, MeterEdt.NoData)]);
        }

        var pairs = new (uint, uint)[count];
        for (var k = 0; k < count; k++)
        {
            var at = t - (step * k);
            pairs[k] = (ToRaw(at, false), ToRaw(at, true));
        }

        return MeterEdt.PairHistory(selector, pairs);
    }

    private byte[] Currents(int powerW)
    {
        // 100 V per phase on a 100/200 V three-wire service; 0.1 A units; R carries a bit more than T.
        var deciAmps = powerW / 10.0;
        if (_options.SinglePhaseTwoWire)
        {
            return MeterEdt.Currents(Clamp(deciAmps), MeterEdt.NoCurrent);
        }

        return MeterEdt.Currents(Clamp(deciAmps * 0.55), Clamp(deciAmps * 0.45));

        static short Clamp(double v) => (short)Math.Clamp(Math.Round(v), -32767, 32765);
    }

    private byte[] Maker() =>
        [(byte)(_options.ManufacturerCode >> 16), (byte)(_options.ManufacturerCode >> 8), (byte)_options.ManufacturerCode];

    private byte[] IdentificationNumber()
    {
        var b = new byte[17];
        b[0] = 0xFE;
        Maker().CopyTo(b, 1);
        for (var i = 4; i < 17; i++)
        {
            b[i] = (byte)DeterministicRandom.Hash(_seed, (ulong)i);
        }

        return b;
    }

    private byte[] RouteBIdentification()
    {
        var b = new byte[16];
        Maker().CopyTo(b, 1);
        for (var i = 4; i < 16; i++)
        {
            b[i] = (byte)DeterministicRandom.Hash(_seed, (ulong)(100 + i));
        }

        return b;
    }
}
