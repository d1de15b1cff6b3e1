using System.Buffers.Binary;
using BRoute.EchonetLite.Frames;

namespace BRoute.EchonetLite.Meter;

/// <summary>
/// What turns a raw cumulative-energy count into kWh: kWh = raw × coefficient (D3) × unit (E1)
/// (meter-0288.md §5). Either part may be unknown.
/// </summary>
/// <param name="Coefficient">D3; null when the meter has none or it was not read (then 1 is assumed, and said so).</param>
/// <param name="UnitCode">E1 code; null when not known (then energies are reported as raw counts, unit "unknown").</param>
public readonly record struct EnergyScale(decimal? Coefficient, byte? UnitCode)
{
    /// <summary>Nothing known: raw counts only.</summary>
    public static EnergyScale Unknown => default;

    /// <summary>The coefficient to apply: D3, or 1 when D3 is unknown.</summary>
    public decimal EffectiveCoefficient => Coefficient ?? 1m;

    /// <summary>True when no D3 is known and 1 is assumed.</summary>
    public bool CoefficientAssumed => Coefficient is null;

    /// <summary>True when <see cref="UnitCode"/> is known and defined in the E1 table.</summary>
    public bool IsUnitKnown => UnitCode is byte code && EnergyUnit.IsDefined(code);

    /// <summary>Gets kWh per raw count (coefficient × unit); false when the unit is unknown or undefined.</summary>
    public bool TryGetKwhPerCount(out decimal kwhPerCount)
    {
        if (UnitCode is byte code && EnergyUnit.TryGetKwhPerCount(code, out var unit))
        {
            kwhPerCount = EffectiveCoefficient * unit;
            return true;
        }

        kwhPerCount = 0m;
        return false;
    }

    /// <summary>kWh for a raw count, or null when the unit is unknown. Exact (decimal arithmetic).</summary>
    public decimal? ToKwh(uint raw) => TryGetKwhPerCount(out var k) ? raw * k : null;

    /// <summary>
    /// A copy updated from meter (0x0288) properties: a valid D3 (4 bytes, 0–999,999) sets the
    /// coefficient, a defined E1 sets the unit; anything else is ignored.
    /// </summary>
    public EnergyScale With(IEnumerable<EchonetProperty> meterProperties)
    {
        ArgumentNullException.ThrowIfNull(meterProperties);
        var scale = this;
        foreach (var p in meterProperties)
        {
            var edt = p.Edt.Span;
            if (p.Epc == MeterEpc.Coefficient && edt.Length == 4)
            {
                var d3 = BinaryPrimitives.ReadUInt32BigEndian(edt);
                if (d3 <= MeterLimits.MaxCoefficient)
                {
                    scale = scale with { Coefficient = d3 };
                }
            }
            else if (p.Epc == MeterEpc.Unit && edt.Length == 1 && EnergyUnit.IsDefined(edt[0]))
            {
                scale = scale with { UnitCode = edt[0] };
            }
        }

        return scale;
    }
}
