using BRoute.EchonetLite.Meter;
using BRoute.EchonetLite.Objects;
using CsCheck;

namespace BRoute.Fuzz.Inputs;

/// <summary>
/// A valid meter EDT built by <see cref="MeterValueEncoder"/> from a generated value, with the check that decoding gives
/// that value back (the round trip of every 0x0288 EPC that has an encoder).
/// </summary>
public sealed record EncodedValue(byte Epc, byte[] Edt, EnergyScale Scale, Func<DecodedProperty, bool> DecodesBack, string What)
{
    public override string ToString() => $"{What}: EPC 0x{Epc:X2} EDT {Convert.ToHexString(Edt)} scale {Scale}";
}

/// <summary>Generators of valid values for every encoder of the meter model.</summary>
public static class MeterValues
{
    public static readonly Gen<uint?> Raw = Gen.Frequency(
        (6, Gen.UInt[0, MeterLimits.MaxEnergyRaw].Select(v => (uint?)v)),
        (2, Gen.OneOfConst<uint?>(0, 1, 999_999, 1_000_000, MeterLimits.MaxEnergyRaw)),
        (1, Gen.Const(default(uint?))));

    public static readonly Gen<EnergyScale> Scale = Gen.Select(
            Gen.Frequency((3, Gen.UInt[0, MeterLimits.MaxCoefficient].Select(c => (decimal?)c)), (1, Gen.OneOfConst<decimal?>(null, 1m, 10m, 999_999m))),
            Gen.Frequency((4, Gen.OneOfConst<byte?>(0x00, 0x01, 0x02, 0x03, 0x04, 0x0A, 0x0B, 0x0C, 0x0D)), (1, Gen.Const(default(byte?)))))
        .Select(t => new EnergyScale(t.Item1, t.Item2));

    private static readonly Gen<DateTime> Instant = Gen.Select(Gen.Int[1, 9999], Gen.Int[1, 12], Gen.Int[1, 31], Gen.Int[0, 23], Gen.Int[0, 59], Gen.Int[0, 59])
        .Select(t => new DateTime(t.Item1, t.Item2, Math.Min(t.Item3, DateTime.DaysInMonth(t.Item1, t.Item2)), t.Item4, t.Item5, t.Item6));

    private static readonly Gen<DateTime?> MaybeInstant = Gen.Frequency((8, Instant.Select(t => (DateTime?)t)), (1, Gen.Const(default(DateTime?))));

    private static bool Same(EnergyReading reading, uint? raw, EnergyScale scale) =>
        reading.Raw == raw && reading.Kwh == (raw is uint r ? scale.ToKwh(r) : null);

    private static bool Is(DecodedProperty p, ValueStatus status) => p.Error is null && p.Status == status && p.Value is null;

    private static Gen<EncodedValue> Energy(byte epc) => Gen.Select(Raw, Scale).Select(t => new EncodedValue(
        epc, MeterValueEncoder.CumulativeEnergy(t.Item1), t.Item2,
        p => t.Item1 is null ? Is(p, ValueStatus.NoData) : p.Value is EnergyValue v && Same(v.Energy, t.Item1, t.Item2), $"energy {t.Item1}"));

    private static Gen<EncodedValue> FixedTime(byte epc) => Gen.Select(MaybeInstant, Raw, Scale).Select(t => new EncodedValue(
        epc, MeterValueEncoder.FixedTimeEnergy(t.Item1, t.Item2), t.Item3,
        p => t.Item1 is null ? Is(p, ValueStatus.Unset)
            : t.Item2 is null ? Is(p, ValueStatus.NoData)
            : p.Value is TimedEnergyValue v && v.Timestamp == t.Item1 && Same(v.Energy, t.Item2, t.Item3),
        $"fixed-time {t.Item1} {t.Item2}"));

    private static Gen<EncodedValue> DayHistory(byte epc) => Gen.Select(Gen.Frequency((4, Gen.Int[0, MeterLimits.MaxHistoryDay].Select(d => (int?)d)), (1, Gen.Const(default(int?)))), Raw.Array[48], Scale)
        .Select(t => new EncodedValue(
            epc, MeterValueEncoder.DayHistory(t.Item1, t.Item2), t.Item3,
            p => p.Value is DayHistoryValue v && v.Day == t.Item1 && v.Slots.Count == 48
                && v.Slots.All(s => Same(s.Energy, t.Item2[s.Index], t.Item3) && s.Time == TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(30 * s.Index))),
            $"day history {t.Item1}"));

    private static Gen<EncodedValue> PairHistory(byte epc, int max, bool halfHour) =>
        Gen.Select(Gen.Int[2000, 9999], Gen.Int[1, 12], Gen.Int[1, 28], Gen.Int[0, 23], halfHour ? Gen.OneOfConst(0, 30) : Gen.Int[0, 59], Gen.Select(Raw, Raw).Array[1, max], Scale, Gen.Int[0, 9])
            .Select(t =>
            {
                DateTime? at = t.Item8 == 0 ? null : new DateTime(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, 0);
                var pairs = t.Item6.Select(p => new RawEnergyPair(p.Item1, p.Item2)).ToArray();
                var edt = halfHour ? MeterValueEncoder.History2(at, pairs) : MeterValueEncoder.History3(at, pairs);
                var step = TimeSpan.FromMinutes(halfHour ? 30 : 1);
                return new EncodedValue(epc, edt, t.Item7,
                    p => p.Value is PairHistoryValue v && v.Timestamp == at && v.Slots.Count == pairs.Length
                        && v.Slots.All(s => s.Timestamp == at - (step * s.Index)
                            && Same(s.Normal, pairs[s.Index].Normal, t.Item7) && Same(s.Reverse, pairs[s.Index].Reverse, t.Item7)),
                    $"pair history {at} × {pairs.Length}");
            });

    private static Gen<EncodedValue> HistoryTime(byte epc, int max, bool halfHour) =>
        Gen.Select(Gen.Int[1, 9999], Gen.Int[1, 12], Gen.Int[1, 28], Gen.Int[0, 23], halfHour ? Gen.OneOfConst(0, 30) : Gen.Int[0, 59], Gen.Int[1, max], Gen.Int[0, 9])
            .Select(t =>
            {
                DateTime? at = t.Item7 == 0 ? null : new DateTime(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, 0);
                var edt = halfHour ? MeterValueEncoder.History2Time(at, t.Item6) : MeterValueEncoder.History3Time(at, t.Item6);
                return new EncodedValue(epc, edt, EnergyScale.Unknown,
                    p => at is null ? Is(p, ValueStatus.Unset) : p.Value is HistorySettingValue v && v.Timestamp == at && v.Count == t.Item6,
                    $"history time {at} {t.Item6}");
            });

    private static Gen<EncodedValue> Number(byte epc, Gen<uint> values, Func<uint, byte[]> encode, string what) =>
        values.Select(n => new EncodedValue(epc, encode(n), EnergyScale.Unknown, p => p.Value is NumberValue v && v.Number == n, $"{what} {n}"));

    /// <summary>One generator per encoder; each value decodes back to itself.</summary>
    public static readonly Gen<EncodedValue> Any = Gen.OneOf(
        Energy(0xE0),
        Energy(0xE3),
        FixedTime(0xEA),
        FixedTime(0xEB),
        DayHistory(0xE2),
        DayHistory(0xE4),
        PairHistory(0xEC, MeterLimits.MaxHistory2Slots, halfHour: true),
        PairHistory(0xEE, MeterLimits.MaxHistory3Slots, halfHour: false),
        HistoryTime(0xED, MeterLimits.MaxHistory2Slots, halfHour: true),
        HistoryTime(0xEF, MeterLimits.MaxHistory3Slots, halfHour: false),
        Number(0xD3, Gen.Frequency((3, Gen.UInt[0, MeterLimits.MaxCoefficient]), (1, Gen.OneOfConst(0u, 1u, MeterLimits.MaxCoefficient))), MeterValueEncoder.Coefficient, "coefficient"),
        Number(0xD7, Gen.UInt[MeterLimits.MinEffectiveDigits, MeterLimits.MaxEffectiveDigits], d => MeterValueEncoder.EffectiveDigits((byte)d), "digits"),
        Gen.OneOfConst<byte>(0x00, 0x01, 0x02, 0x03, 0x04, 0x0A, 0x0B, 0x0C, 0x0D).Select(code => new EncodedValue(
            0xE1, MeterValueEncoder.Unit(code), EnergyScale.Unknown,
            p => p.Value is NumberValue v && EnergyUnit.TryGetKwhPerCount(code, out var kwh) && v.Number == kwh, $"unit 0x{code:X2}")),
        Gen.Frequency((4, Gen.Int[0, MeterLimits.MaxHistoryDay].Select(d => (int?)d)), (1, Gen.Const(default(int?)))).Select(day => new EncodedValue(
            0xE5, MeterValueEncoder.HistoryDay(day), EnergyScale.Unknown,
            p => day is null ? Is(p, ValueStatus.Unset) : p.Value is NumberValue v && v.Number == day, $"history day {day}")),
        Gen.Frequency((8, Gen.Int[MeterLimits.MinPower, MeterLimits.MaxPower].Select(w => (int?)w)), (2, Gen.OneOfConst<int?>(MeterLimits.MinPower, MeterLimits.MaxPower, 0, -1)), (1, Gen.Const(default(int?))))
            .Select(w => new EncodedValue(0xE7, MeterValueEncoder.InstantaneousPower(w), EnergyScale.Unknown,
                p => w is null ? Is(p, ValueStatus.NoData) : p.Value is NumberValue v && v.Number == w, $"power {w}")),
        Gen.Select(Phase, Phase).Select(t => new EncodedValue(
            0xE8, MeterValueEncoder.InstantaneousCurrent(t.Item1, t.Item2), EnergyScale.Unknown,
            p => t.Item1 is null && t.Item2 is null ? Is(p, ValueStatus.NoData) : p.Value is CurrentValue v && v.R == t.Item1 && v.T == t.Item2,
            $"current {t.Item1} {t.Item2}")),
        Gen.Select(MaybeInstant, Raw, Raw, Scale).Select(t => new EncodedValue(
            0xD0, MeterValueEncoder.OneMinuteEnergy(t.Item1 is DateTime d ? d.AddTicks(-(d.Ticks % TimeSpan.TicksPerSecond)) : null, t.Item2, t.Item3), t.Item4,
            p => t.Item1 is null ? Is(p, ValueStatus.Unset)
                : t.Item2 is null && t.Item3 is null ? Is(p, ValueStatus.NoData)
                : p.Value is OneMinuteEnergyValue v && Same(v.Normal, t.Item2, t.Item4) && Same(v.Reverse, t.Item3, t.Item4),
            $"one-minute {t.Item1} {t.Item2} {t.Item3}")),
        Gen.OneOfConst<byte>(0x9D, 0x9E, 0x9F).SelectMany(epc => Gen.Frequency((1, Gen.Byte[0x80, 0xFF].Array[0, 20]), (1, Gen.Select(Gen.ULong, Gen.ULong).Select(Bits))).Select(epcs => epcs.ToHashSet()).Select(set => new EncodedValue(
            epc, PropertyMap.Create(set).Encode(), EnergyScale.Unknown,
            p => p.Value is PropertyMapValue v && v.Map.Count == set.Count && set.All(v.Map.Contains), $"property map of {set.Count}"))));

    /// <summary>The EPCs 0x80–0xFF whose bit is set in a 128-bit mask.</summary>
    private static byte[] Bits((ulong Low, ulong High) mask) =>
        Enumerable.Range(0, 128).Where(i => ((i < 64 ? mask.Low >> i : mask.High >> (i - 64)) & 1) != 0).Select(i => (byte)(0x80 + i)).ToArray();

    private static Gen<decimal?> Phase => Gen.Frequency(
        (6, Gen.Short[MeterLimits.MinCurrent, MeterLimits.MaxCurrent].Select(s => (decimal?)(s / 10m))),
        (1, Gen.OneOfConst<decimal?>(MeterLimits.MinCurrent / 10m, MeterLimits.MaxCurrent / 10m, null)));
}
