using BRoute.History;
using BRoute.Monitoring;

namespace BRoute.Cli.History;

/// <summary>
/// Turns the half-hours the gap logic delivers into <see cref="HistoryRow"/>s with the energy of each half-hour: the
/// difference to the register 30 minutes earlier (<see cref="HalfHourConsumption"/>, across the D7 wrap), taken from
/// the rows already known — the file's, then those built in this run.
/// </summary>
internal sealed class HistoryRowBuilder(decimal? wrapKwh)
{
    private readonly Dictionary<DateTimeOffset, HistoryRow> _known = [];

    /// <summary>Where the registers wrap, in kWh; null when unknown (a register that went down then has no delta).</summary>
    public decimal? WrapKwh { get; } = wrapKwh;

    /// <summary>Makes a stored row available as the predecessor of a new one.</summary>
    public void Remember(HistoryRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        _known.TryAdd(row.Timestamp, row);
    }

    /// <summary>The rows of <paramref name="halfHours"/>, oldest first, each with its import and export delta where both registers are known.</summary>
    public IReadOnlyList<HistoryRow> Build(IEnumerable<HalfHour> halfHours)
    {
        ArgumentNullException.ThrowIfNull(halfHours);
        var rows = new List<HistoryRow>();
        foreach (var halfHour in halfHours.OrderBy(h => h.SlotEnd))
        {
            var row = HistoryRow.FromHalfHour(halfHour);
            if (_known.TryGetValue(row.Timestamp - HistorySlots.SlotLength, out var previous))
            {
                row = row with
                {
                    ImportDelta = HalfHourConsumption.Between(Energy(previous.KwhNormal), Energy(row.KwhNormal), WrapKwh),
                    ExportDelta = HalfHourConsumption.Between(Energy(previous.KwhReverse), Energy(row.KwhReverse), WrapKwh),
                };
            }

            Remember(row);
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>10^D7 × coefficient × unit, as <see cref="MeterIdentity.WrapKwh"/> computes it; null when D7 or the unit is unknown.</summary>
    public static decimal? WrapOf(Session.MeterInfo meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        return new MeterIdentity("-", null, null, null, meter.Coefficient, meter.KwhPerCount, meter.EffectiveDigits, false, false).WrapKwh;
    }

    private static SlotEnergy Energy(decimal? kwh) => kwh is decimal v ? SlotEnergy.Of(v) : SlotEnergy.Absent;
}
