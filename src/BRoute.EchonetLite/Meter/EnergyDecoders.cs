using System.Buffers.Binary;
using System.Globalization;

namespace BRoute.EchonetLite.Meter;

/// <summary>Decoders for the meter's measurements and their scale (E7, E8, E0/E3, EA/EB, D0, D3, D7, E1, E5).</summary>
internal static class EnergyDecoders
{
    public static Outcome Power(ReadOnlySpan<byte> edt)
    {
        var v = BinaryPrimitives.ReadInt32BigEndian(edt);
        return v switch
        {
            MeterLimits.PowerNoData => Outcome.Of(ValueStatus.NoData),
            >= MeterLimits.MinPower and <= MeterLimits.MaxPower => Outcome.Ok(new NumberValue(v, "W")),
            _ => Outcome.Fail($"0x{v:X8} is outside the valid range (0x80000001–0x7FFFFFFD; 0x7FFFFFFF/0x80000000 are overflow/underflow codes)"),
        };
    }

    public static Outcome Current(ReadOnlySpan<byte> edt)
    {
        var r = BinaryPrimitives.ReadInt16BigEndian(edt);
        var t = BinaryPrimitives.ReadInt16BigEndian(edt[2..]);
        if (!TryPhase(r, out var rAmps, out var error) || !TryPhase(t, out var tAmps, out error))
        {
            return Outcome.Fail(error!);
        }

        return rAmps is null && tAmps is null
            ? Outcome.Of(ValueStatus.NoData)
            : Outcome.Ok(new CurrentValue(rAmps, tAmps));

        static bool TryPhase(short raw, out decimal? amps, out string? error)
        {
            amps = null;
            error = null;
            if (raw == MeterLimits.CurrentNoData)
            {
                return true;
            }

            if (raw is < MeterLimits.MinCurrent or > MeterLimits.MaxCurrent)
            {
                error = $"phase value 0x{raw:X4} is outside the valid range (0x8001–0x7FFD; 0x7FFF/0x8000 are overflow/underflow codes)";
                return false;
            }

            amps = raw * 0.1m;
            return true;
        }
    }

    /// <summary>Reads a 4-byte energy field; fails for a value above 99,999,999 other than the no-data code.</summary>
    public static bool TryEnergy(ReadOnlySpan<byte> field, EnergyScale scale, string what, out EnergyReading reading, out string? error)
    {
        var raw = BinaryPrimitives.ReadUInt32BigEndian(field);
        if (raw > MeterLimits.MaxEnergyRaw && raw != MeterLimits.EnergyNoData)
        {
            reading = default;
            error = $"{what} 0x{raw:X8} is outside 0–99,999,999 and is not the no-data code 0xFFFFFFFE";
            return false;
        }

        reading = EnergyReading.FromRaw(raw, scale);
        error = null;
        return true;
    }

    public static Outcome Energy(ReadOnlySpan<byte> edt, in DecodeContext ctx)
    {
        if (!TryEnergy(edt, ctx.Scale, "value", out var reading, out var error))
        {
            return Outcome.Fail(error!);
        }

        return reading.Status == ValueStatus.NoData
            ? Outcome.Of(ValueStatus.NoData)
            : Outcome.Ok(new EnergyValue(reading));
    }

    public static Outcome FixedTimeEnergy(ReadOnlySpan<byte> edt, in DecodeContext ctx)
    {
        if (!FixedTimeEnergyField.TryRead(edt, ctx.Scale, out var timestamp, out var reading, out var error))
        {
            return Outcome.Fail(error!);
        }

        if (timestamp is not DateTime t)
        {
            return Outcome.Of(ValueStatus.Unset);
        }

        return reading.Status == ValueStatus.NoData
            ? Outcome.Of(ValueStatus.NoData)
            : Outcome.Ok(new TimedEnergyValue(t, reading));
    }

    public static Outcome OneMinuteEnergy(ReadOnlySpan<byte> edt, in DecodeContext ctx)
    {
        if (!MeterDateTime.TryRead(edt[..7], out var timestamp, out var error)
            || !TryEnergy(edt[7..11], ctx.Scale, "normal value", out var normal, out error)
            || !TryEnergy(edt[11..], ctx.Scale, "reverse value", out var reverse, out error))
        {
            return Outcome.Fail(error!);
        }

        if (timestamp is not DateTime t)
        {
            return Outcome.Of(ValueStatus.Unset);
        }

        return normal.Status == ValueStatus.NoData && reverse.Status == ValueStatus.NoData
            ? Outcome.Of(ValueStatus.NoData)
            : Outcome.Ok(new OneMinuteEnergyValue(t, normal, reverse));
    }

    public static Outcome Coefficient(ReadOnlySpan<byte> edt)
    {
        var v = BinaryPrimitives.ReadUInt32BigEndian(edt);
        return v <= MeterLimits.MaxCoefficient
            ? Outcome.Ok(new NumberValue(v, null))
            : Outcome.Fail($"coefficient {v} is outside 0–999,999");
    }

    public static Outcome EffectiveDigits(ReadOnlySpan<byte> edt) =>
        edt[0] is >= MeterLimits.MinEffectiveDigits and <= MeterLimits.MaxEffectiveDigits
            ? Outcome.Ok(new NumberValue(edt[0], "digits"))
            : Outcome.Fail($"{edt[0]} effective digits is outside {MeterLimits.MinEffectiveDigits}–{MeterLimits.MaxEffectiveDigits}");

    public static Outcome Unit(ReadOnlySpan<byte> edt) =>
        EnergyUnit.TryGetKwhPerCount(edt[0], out var kwh)
            ? Outcome.Ok(new NumberValue(kwh, "kWh"))
            : Outcome.Fail($"unit code 0x{edt[0]:X2} is undefined (defined: 0x00–0x04, 0x0A–0x0D)");

    public static Outcome HistoryDay(ReadOnlySpan<byte> edt) => edt[0] switch
    {
        MeterLimits.HistoryDayUnset => Outcome.Of(ValueStatus.Unset),
                <= MeterLimits.MaxHistoryDay => Outcome.Ok(new NumberValue(edt[0], null)),
        _ => Outcome.Fail($"day {edt[0]} is outside 0–99 and is not the unset code 0xFF"),
    };
}
